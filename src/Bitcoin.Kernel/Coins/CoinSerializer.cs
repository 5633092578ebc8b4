using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Kernel.Coins;

/// <summary>
/// Core's on-disk encodings of coins: the coins database value (VARINT(height·2 + coinbase) and the compressed
/// output), the database key ('C', txid, VARINT(n)), and the undo-record form (same with a legacy zero after the
/// code when height > 0).
/// </summary>
public static class CoinSerializer
{
    /// <summary>Prefix byte of coin keys in the coins database (Core's DB_COIN).</summary>
    public const byte CoinKeyPrefix = (byte)'C';

    /// <summary>Appends the coins-database value of an unspent coin.</summary>
    public static void Write(ByteWriter writer, Coin coin)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(coin);
        if (coin.IsSpent) throw new ArgumentException("A spent coin has no serialization.", nameof(coin));
        writer.WriteVarInt(Code(coin));
        TxOutCompression.Write(writer, coin.Output);
    }

    /// <summary>The coins-database value of an unspent coin.</summary>
    public static byte[] Serialize(Coin coin)
    {
        var writer = new ByteWriter(48);
        Write(writer, coin);
        return writer.ToArray();
    }

    /// <summary>Reads a coins-database value.</summary>
    public static Coin Read(ref SpanReader reader)
    {
        uint code = reader.ReadVarIntUInt32();
        var output = TxOutCompression.Read(ref reader);
        return new Coin(output, (int)(code >> 1), (code & 1) != 0);
    }

    /// <summary>Decodes a whole coins-database value.</summary>
    public static Coin Deserialize(ReadOnlySpan<byte> value)
    {
        var reader = new SpanReader(value);
        return Read(ref reader);
    }

    /// <summary>Appends a coin as an undo record entry (Core's TxInUndoFormatter).</summary>
    public static void WriteUndo(ByteWriter writer, Coin coin)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(coin);
        if (coin.IsSpent) throw new ArgumentException("Undo data records unspent coins only.", nameof(coin));
        writer.WriteVarInt(Code(coin));
        // Old versions stored the spending transaction's version here; a zero keeps the format compatible.
        if (coin.Height > 0) writer.WriteByte(0);
        TxOutCompression.Write(writer, coin.Output);
    }

    /// <summary>Reads an undo record entry.</summary>
    public static Coin ReadUndo(ref SpanReader reader)
    {
        uint code = reader.ReadVarIntUInt32();
        int height = (int)(code >> 1);
        if (height > 0) reader.ReadVarIntUInt32();
        var output = TxOutCompression.Read(ref reader);
        return new Coin(output, height, (code & 1) != 0);
    }

    /// <summary>The coins-database key of an outpoint: 'C', the txid (32 bytes) and VARINT(n).</summary>
    public static byte[] Key(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        var writer = new ByteWriter(38);
        writer.WriteByte(CoinKeyPrefix);
        writer.WriteUInt256(outpoint.Hash);
        writer.WriteVarInt(outpoint.N);
        return writer.ToArray();
    }

    /// <summary>Decodes a coins-database key; false if it is not a coin key.</summary>
    public static bool TryReadKey(ReadOnlySpan<byte> key, out OutPoint outpoint)
    {
        outpoint = new OutPoint();
        if (key.Length < 34 || key[0] != CoinKeyPrefix) return false;
        try
        {
            var reader = new SpanReader(key[1..]);
            var hash = reader.ReadUInt256();
            uint n = reader.ReadVarIntUInt32();
            if (!reader.IsEnd) return false;
            outpoint = new OutPoint(hash, n);
            return true;
        }
        catch (SerializationException)
        {
            return false;
        }
    }

    private static uint Code(Coin coin) => checked(((uint)coin.Height << 1) | (coin.IsCoinbase ? 1u : 0u));
}
