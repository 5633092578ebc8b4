using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage;

namespace Bitcoin.Kernel.Index;

/// <summary>
/// Where a transaction is stored (Core's CDiskTxPos): the block's position in its blk file and the transaction's
/// offset after the 80-byte block header. Serialized as VARINT file, VARINT pos, VARINT offset.
/// </summary>
public readonly record struct DiskTxPos(FlatFilePos BlockPos, uint TxOffset)
{
    /// <summary>Appends Core's serialization.</summary>
    public void WriteTo(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        BlockPos.WriteTo(writer);
        writer.WriteVarInt(TxOffset);
    }

    /// <summary>Reads Core's serialization.</summary>
    public static DiskTxPos ReadFrom(ref SpanReader reader)
    {
        var pos = FlatFilePos.ReadFrom(ref reader);
        return new DiskTxPos(pos, reader.ReadVarIntUInt32());
    }
}
