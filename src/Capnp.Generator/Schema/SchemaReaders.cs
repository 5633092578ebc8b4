namespace Capnp.Generator.Schema;

// Hand-written readers for the parts of schema.capnp (0xa93fc509624c72d9) the generator uses. Offsets are those
// `capnp compile -ocapnp /usr/include/capnp/schema.capnp` reports; primitive offsets are in units of the field's size.

/// <summary>schema.capnp CodeGeneratorRequest.</summary>
internal readonly struct CodeGeneratorRequest(StructReader s)
{
    public StructListReader<Node> Nodes => new(s.ReadList(0, ElementSize.InlineComposite));

    public StructListReader<RequestedFile> RequestedFiles => new(s.ReadList(1, ElementSize.InlineComposite));

    public StructListReader<SourceInfo> SourceInfo => new(s.ReadList(3, ElementSize.InlineComposite));
}

/// <summary>schema.capnp CodeGeneratorRequest.RequestedFile.</summary>
internal readonly struct RequestedFile(StructReader s) : IStructReader<RequestedFile>
{
    public static ulong TypeId => 0xcfea0eb02e810062;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public string Filename => s.ReadText(0);

    public static RequestedFile Create(StructReader reader) => new(reader);
}

/// <summary>schema.capnp Node.SourceInfo.</summary>
internal readonly struct SourceInfo(StructReader s) : IStructReader<SourceInfo>
{
    public static ulong TypeId => 0xf38e1de3041357ae;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public string DocComment => s.ReadText(0);

    /// <summary>Doc comments of the members (fields, enumerants, methods) by code order.</summary>
    public IReadOnlyList<string> MemberDocComments
    {
        get
        {
            var list = s.ReadList(1, ElementSize.InlineComposite);
            var result = new string[list.Count];
            for (int i = 0; i < result.Length; i++)
                result[i] = list.GetStruct(i).ReadText(0);
            return result;
        }
    }

    public static SourceInfo Create(StructReader reader) => new(reader);
}

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

/// <summary>schema.capnp Node.NestedNode.</summary>
internal readonly struct NestedNode(StructReader s) : IStructReader<NestedNode>
{
    public static ulong TypeId => 0xdebf55bbfa0fc242;

    public StructReader Struct => s;

    public string Name => s.ReadText(0);

    public ulong Id => s.ReadUInt64(0);

    public static NestedNode Create(StructReader reader) => new(reader);
}

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

/// <summary>schema.capnp Superclass.</summary>
internal readonly struct Superclass(StructReader s) : IStructReader<Superclass>
{
    public static ulong TypeId => 0xa9962a9ed0a4d7f8;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public static Superclass Create(StructReader reader) => new(reader);
}

/// <summary>schema.capnp Method.</summary>
internal readonly struct Method(StructReader s) : IStructReader<Method>
{
    public static ulong TypeId => 0x9500cce23b334d80;

    public StructReader Struct => s;

    public string Name => s.ReadText(0);

    public ushort CodeOrder => s.ReadUInt16(0);

    public ulong ParamStructType => s.ReadUInt64(1);

    public ulong ResultStructType => s.ReadUInt64(2);

    public StructListReader<Annotation> Annotations => new(s.ReadList(1, ElementSize.InlineComposite));

    public static Method Create(StructReader reader) => new(reader);
}

/// <summary>schema.capnp Annotation (an annotation applied to a declaration).</summary>
internal readonly struct Annotation(StructReader s) : IStructReader<Annotation>
{
    public static ulong TypeId => 0xf1c8950dab257542;

    public StructReader Struct => s;

    public ulong Id => s.ReadUInt64(0);

    public Value Value => new(s.ReadStruct(0));

    public static Annotation Create(StructReader reader) => new(reader);
}

/// <summary>The kinds of schema.capnp Type (its union).</summary>
internal enum TypeKind : ushort
{
    Void = 0,
    Bool = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    UInt8 = 6,
    UInt16 = 7,
    UInt32 = 8,
    UInt64 = 9,
    Float32 = 10,
    Float64 = 11,
    Text = 12,
    Data = 13,
    List = 14,
    Enum = 15,
    Struct = 16,
    Interface = 17,
    AnyPointer = 18,
}

/// <summary>schema.capnp Type.</summary>
internal readonly struct SchemaType(StructReader s)
{
    public TypeKind Kind => (TypeKind)s.ReadUInt16(0);

    public SchemaType ElementType => new(s.ReadStruct(0));

    /// <summary>The type id of an enum, struct or interface.</summary>
    public ulong TypeId => s.ReadUInt64(1);

    /// <summary>For AnyPointer: 0 unconstrained, 1 a generic parameter, 2 a method's generic parameter.</summary>
    public ushort AnyPointerKind => s.ReadUInt16(4);

    /// <summary>For unconstrained AnyPointer: 0 any kind, 1 struct, 2 list, 3 capability.</summary>
    public ushort UnconstrainedKind => s.ReadUInt16(5);
}

/// <summary>schema.capnp Value.</summary>
internal readonly struct Value(StructReader s)
{
    public TypeKind Kind => (TypeKind)s.ReadUInt16(0);

    public bool Bool => s.ReadBool(16);

    public sbyte Int8 => s.ReadInt8(2);

    public short Int16 => s.ReadInt16(1);

    public int Int32 => s.ReadInt32(1);

    public long Int64 => s.ReadInt64(1);

    public byte UInt8 => s.ReadUInt8(2);

    public ushort UInt16 => s.ReadUInt16(1);

    public uint UInt32 => s.ReadUInt32(1);

    public ulong UInt64 => s.ReadUInt64(1);

    public uint Float32Bits => s.ReadUInt32(1);

    public ulong Float64Bits => s.ReadUInt64(1);

    public ushort Enum => s.ReadUInt16(1);

    public Text Text => s.ReadText(0);

    public ReadOnlyMemory<byte> Data => s.ReadData(0);

    /// <summary>The pointer of a text, data, list, struct or AnyPointer value.</summary>
    public AnyPointerReader Pointer => s.GetPointer(0);

    public bool IsNull => s.IsNull;
}
