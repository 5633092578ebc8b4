using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// A position in a numbered flat file (blk/rev?????.dat), as Core's FlatFilePos. <see cref="Null"/> (file -1) means
/// "nowhere". Serialized as VARINT(file) VARINT(pos).
/// </summary>
public readonly record struct FlatFilePos(int File, uint Pos)
{
    /// <summary>The null position (file -1, pos 0).</summary>
    public static FlatFilePos Null => new(-1, 0);

    /// <summary>True for the null position.</summary>
    public bool IsNull => File == -1;

    /// <summary>Appends the serialized position.</summary>
    public void WriteTo(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt(File);
        writer.WriteVarInt(Pos);
    }

    /// <summary>Reads a serialized position.</summary>
    public static FlatFilePos ReadFrom(ref SpanReader reader)
    {
        int file = reader.ReadVarIntInt32();
        uint pos = reader.ReadVarIntUInt32();
        return new FlatFilePos(file, pos);
    }

    /// <summary>Core's text form, <c>FlatFilePos(nFile=1, nPos=8)</c>, used in log lines.</summary>
    public override string ToString() => $"FlatFilePos(nFile={File}, nPos={Pos})";
}
