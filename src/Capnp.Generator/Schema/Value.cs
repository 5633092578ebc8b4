namespace Capnp.Generator.Schema;

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
