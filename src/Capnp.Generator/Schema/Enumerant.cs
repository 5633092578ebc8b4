namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Enumerant.</summary>
internal readonly struct Enumerant(StructReader s) : IStructReader<Enumerant>
{
    public static ulong TypeId => 0x978a7cebdc549a4d;

    public StructReader Struct => s;

    public string Name => s.ReadText(0);

    public ushort CodeOrder => s.ReadUInt16(0);

    public StructListReader<Annotation> Annotations => new(s.ReadList(1, ElementSize.InlineComposite));

    public static Enumerant Create(StructReader reader) => new(reader);
}
