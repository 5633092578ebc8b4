using NBitcoin;

namespace Bitcoin.Kernel.Serialization;

/// <summary>Core's compact output encoding: VARINT(compressed amount) followed by the compressed script.</summary>
public static class TxOutCompression
{
    /// <summary>Appends the compact form of <paramref name="output"/>.</summary>
    public static void Write(ByteWriter writer, TxOut output)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(output);
        long satoshis = output.Value.Satoshi;
        // Core's coins never hold negative amounts (CheckTransaction rejects them); refuse rather than wrap.
        if (satoshis < 0) throw new ArgumentOutOfRangeException(nameof(output), "A coin amount cannot be negative.");
        writer.WriteVarInt(AmountCompression.Compress((ulong)satoshis));
        ScriptCompression.Write(writer, output.ScriptPubKey.ToBytes(true));
    }

    /// <summary>Reads an output written by <see cref="Write"/>.</summary>
    public static TxOut Read(ref SpanReader reader)
    {
        ulong amount = AmountCompression.Decompress(reader.ReadVarInt());
        var script = ScriptCompression.Read(ref reader);
        // Decompressing any ulong can exceed long.MaxValue only with corrupt data; surface that as a decode error.
        if (amount > long.MaxValue) throw new SerializationException("compressed amount out of range");
        return new TxOut(Money.Satoshis((long)amount), script);
    }
}
