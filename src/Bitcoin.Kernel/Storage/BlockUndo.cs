using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// Undo information for a block: one <see cref="TxUndo"/> per transaction except the coinbase (Core's CBlockUndo),
/// stored in rev?????.dat after a header and followed by a checksum.
/// </summary>
public sealed class BlockUndo
{
    /// <summary>Per-transaction undo records, for transactions 1..n of the block.</summary>
    public List<TxUndo> TxUndos { get; } = [];

    /// <summary>Appends Core's serialization.</summary>
    public void WriteTo(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteCompactSize((ulong)TxUndos.Count);
        foreach (var tx in TxUndos) tx.WriteTo(writer);
    }

    /// <summary>The serialized bytes.</summary>
    public byte[] ToBytes()
    {
        var writer = new ByteWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Reads Core's serialization.</summary>
    public static BlockUndo ReadFrom(ref SpanReader reader)
    {
        ulong count = reader.ReadCompactSize();
        if (count > (ulong)reader.Remaining) throw new SerializationException("end of data");
        var undo = new BlockUndo();
        for (ulong i = 0; i < count; i++) undo.TxUndos.Add(TxUndo.ReadFrom(ref reader));
        return undo;
    }
}
