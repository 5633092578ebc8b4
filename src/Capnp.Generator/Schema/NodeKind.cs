namespace Capnp.Generator.Schema;

/// <summary>The kinds of schema.capnp Node (its union).</summary>
internal enum NodeKind : ushort
{
    File = 0,
    Struct = 1,
    Enum = 2,
    Interface = 3,
    Const = 4,
    Annotation = 5,
}
