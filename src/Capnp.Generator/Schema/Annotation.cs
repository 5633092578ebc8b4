namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Annotation (an annotation applied to a declaration).</summary>
internal readonly struct Annotation(StructReader s) : IStructReader<Annotation>
{
    public static ulong TypeId => 0xf1c8950dab257542;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public Value Value => new(s.ReadStruct(0));

    public static Annotation Create(StructReader reader) => new(reader);
}
