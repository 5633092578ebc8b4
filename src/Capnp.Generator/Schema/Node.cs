namespace Capnp.Generator.Schema;

/// <summary>schema.capnp Node.</summary>
internal readonly struct Node(StructReader s) : IStructReader<Node>
{
    public static ulong TypeId => 0xe682ab4cf923a417;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public string DisplayName => s.ReadText(0);

    public uint DisplayNamePrefixLength => s.ReadUInt32(2);

    public ulong ScopeId => s.ReadUInt64(2);

    public NodeKind Kind => (NodeKind)s.ReadUInt16(6);

    public StructListReader<NestedNode> NestedNodes => new(s.ReadList(1, ElementSize.InlineComposite));

    public StructListReader<Annotation> Annotations => new(s.ReadList(2, ElementSize.InlineComposite));

    public bool IsGeneric => s.ReadBool(288);

    // struct group
    public ushort DataWordCount => s.ReadUInt16(7);

    public ushort PointerCount => s.ReadUInt16(12);

    public bool IsGroup => s.ReadBool(224);

    public ushort DiscriminantCount => s.ReadUInt16(15);

    public uint DiscriminantOffset => s.ReadUInt32(8);

    public StructListReader<Field> Fields => new(s.ReadList(3, ElementSize.InlineComposite));

    // enum group
    public StructListReader<Enumerant> Enumerants => new(s.ReadList(3, ElementSize.InlineComposite));

    // interface group
    public StructListReader<Method> Methods => new(s.ReadList(3, ElementSize.InlineComposite));

    public StructListReader<Superclass> Superclasses => new(s.ReadList(4, ElementSize.InlineComposite));

    // const group
    public SchemaType ConstType => new(s.ReadStruct(3));

    public Value ConstValue => new(s.ReadStruct(4));

    public static Node Create(StructReader reader) => new(reader);
}
