using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>A method's ordinal and C# names.</summary>
internal sealed class MethodInfo(Method method, ushort ordinal)
{
    public Method Method { get; } = method;

    public ushort Ordinal { get; } = ordinal;

    public string ConstName { get; init; } = "";

    public string RequestName { get; init; } = "";

    public string AsyncName { get; init; } = "";
}
