using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>A node's C# naming: its simple and full name, and the names taken inside it.</summary>
internal sealed class TypeInfo(Node node, string name, string fullName, TypeInfo? parent, string ns, HashSet<string> scope)
{
    public Node Node { get; } = node;

    /// <summary>The simple C# name.</summary>
    public string Name { get; } = name;

    /// <summary>The fully qualified name, starting with global::.</summary>
    public string FullName { get; } = fullName;

    public TypeInfo? Parent { get; } = parent;

    public string Namespace { get; } = ns;

    /// <summary>Member names taken inside the type.</summary>
    public HashSet<string> Scope { get; } = scope;

    public List<FieldInfo> Fields { get; } = [];

    public List<MethodInfo> Methods { get; } = [];

    public List<string> EnumerantNames { get; } = [];
}
