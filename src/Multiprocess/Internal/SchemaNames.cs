using System.Reflection;

namespace Multiprocess.Internal;

/// <summary>The schema names log lines show (<c>Echo.echo$Params</c>), read once per generated type from its
/// <c>SchemaName</c> constant (a builder's is on the reader struct that declares it).</summary>
/// <typeparam name="T">A generated struct reader or builder.</typeparam>
internal static class SchemaNames<T>
{
    public static readonly string Name = Find(typeof(T));

    private static string Find(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.GetField("SchemaName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string name)
                return name;
        }

        return type.Name;
    }
}
