namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Superclass.</summary>
internal readonly struct Superclass(StructReader s) : IStructReader<Superclass>
{
    public static ulong TypeId => 0xa9962a9ed0a4d7f8;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public static Superclass Create(StructReader reader) => new(reader);
}
