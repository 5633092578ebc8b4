namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Node.NestedNode.</summary>
internal readonly struct NestedNode(StructReader s) : IStructReader<NestedNode>
{
    public static ulong TypeId => 0xdebf55bbfa0fc242;

    public StructReader Struct => s;

    public string Name => s.ReadText(0);

    public ulong Id => s.ReadUInt64(0);

    public static NestedNode Create(StructReader reader) => new(reader);
}
