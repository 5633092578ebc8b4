namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Field.</summary>
internal readonly struct Field(StructReader s) : IStructReader<Field>
{
    public const ushort NoDiscriminant = 0xFFFF;

    public static ulong TypeId => 0x9aad50a41f4af45f;

    public StructReader Struct => s;

    public string Name => s.ReadText(0);

    public ushort CodeOrder => s.ReadUInt16(0);

    public StructListReader<Annotation> Annotations => new(s.ReadList(1, ElementSize.InlineComposite));

    public ushort DiscriminantValue => s.ReadUInt16(1, NoDiscriminant);

    public bool IsGroup => s.ReadUInt16(4) == 1;

    // slot
    public uint Offset => s.ReadUInt32(1);

    public SchemaType Type => new(s.ReadStruct(2));

    public Value DefaultValue => new(s.ReadStruct(3));

    public bool HadExplicitDefault => s.ReadBool(128);

    // group
    public ulong GroupTypeId => s.ReadUInt64(2);

    public static Field Create(StructReader reader) => new(reader);
}
