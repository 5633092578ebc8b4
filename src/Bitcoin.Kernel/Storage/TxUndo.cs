using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Kernel.Storage;

/// <summary>Undo information for one transaction: the coins its inputs spent, in input order (Core's CTxUndo).</summary>
public sealed class TxUndo
{
    /// <summary>Creates an empty record.</summary>
    public TxUndo()
    {
    }

    /// <summary>Creates a record holding <paramref name="spentCoins"/>.</summary>
    public TxUndo(IEnumerable<Coin> spentCoins)
    {
        ArgumentNullException.ThrowIfNull(spentCoins);
        PrevOut.AddRange(spentCoins);
    }

    /// <summary>The coins spent by each input.</summary>
    public List<Coin> PrevOut { get; } = [];

    /// <summary>Appends Core's serialization.</summary>
    public void WriteTo(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteCompactSize((ulong)PrevOut.Count);
        foreach (var coin in PrevOut) CoinSerializer.WriteUndo(writer, coin);
    }

    /// <summary>Reads Core's serialization.</summary>
    public static TxUndo ReadFrom(ref SpanReader reader)
    {
        ulong count = reader.ReadCompactSize();
        var undo = new TxUndo();
        // Each entry takes at least two bytes, so a count beyond that is corrupt data, not a reason to allocate.
        if (count > (ulong)reader.Remaining) throw new SerializationException("end of data");
        for (ulong i = 0; i < count; i++) undo.PrevOut.Add(CoinSerializer.ReadUndo(ref reader));
        return undo;
    }
}
