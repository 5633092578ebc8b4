using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// Core's serialization of a <c>Coin</c> (the <c>findCoins</c> values): VARINT(height * 2 + coinbase), then the
/// output compressed as in the coins database (compressed amount, compressed script).
/// </summary>
internal static class CoinSerialization
{
    // Scripts longer than this (Core's MAX_SCRIPT_SIZE) are not spendable; Core reads them back as OP_RETURN.
    private const int MaxScriptSize = 10000;
    private const int SpecialScripts = 6;

    public static byte[] Write(ChainCoin coin)
    {
        var output = new List<byte>(40);
        WriteVarInt(output, ((ulong)(uint)coin.Height << 1) | (coin.IsCoinBase ? 1UL : 0UL));
        WriteVarInt(output, CompressAmount((ulong)coin.Output.Value.Satoshi));
        WriteScript(output, coin.Output.ScriptPubKey.ToBytes(true));
        return [.. output];
    }

    public static ChainCoin Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var offset = 0;
        var code = ReadVarInt(span, ref offset);
        if (code >> 1 > int.MaxValue) throw new IpcFormatException("A coin's height is out of range.");
        var amount = DecompressAmount(ReadVarInt(span, ref offset));
        if (amount > long.MaxValue) throw new IpcFormatException("A coin's amount is out of range.");
        var script = ReadScript(span, ref offset);
        if (offset != span.Length) throw new IpcFormatException("A coin has trailing bytes.");
        return new ChainCoin(new TxOut(Money.Satoshis((long)amount), script), (int)(code >> 1), (code & 1) != 0);
    }

    public static ulong CompressAmount(ulong n)
    {
        if (n == 0) return 0;
        var e = 0UL;
        while (n % 10 == 0 && e < 9)
        {
            n /= 10;
            e++;
        }

        if (e < 9)
        {
            var d = n % 10;
            n /= 10;
            return 1 + (n * 9 + d - 1) * 10 + e;
        }

        return 1 + (n - 1) * 10 + 9;
    }

    public static ulong DecompressAmount(ulong x)
    {
        if (x == 0) return 0;
        x--;
        var e = x % 10;
        x /= 10;
        ulong n;
        if (e < 9)
        {
            var d = x % 9 + 1;
            x /= 9;
            n = x * 10 + d;
        }
        else
        {
            n = x + 1;
        }

        for (; e > 0; e--) n *= 10;
        return n;
    }

    private static void WriteScript(List<byte> output, byte[] script)
    {
        // Pay-to-pubkey-hash, pay-to-script-hash and pay-to-pubkey scripts take one byte of kind plus their key data.
        if (script.Length == 25 && script[0] == 0x76 && script[1] == 0xa9 && script[2] == 20 && script[23] == 0x88 && script[24] == 0xac)
        {
            output.Add(0);
            output.AddRange(script.AsSpan(3, 20));
            return;
        }

        if (script.Length == 23 && script[0] == 0xa9 && script[1] == 20 && script[22] == 0x87)
        {
            output.Add(1);
            output.AddRange(script.AsSpan(2, 20));
            return;
        }

        if (script.Length == 35 && script[0] == 33 && script[34] == 0xac && (script[1] == 2 || script[1] == 3))
        {
            output.Add(script[1]);
            output.AddRange(script.AsSpan(2, 32));
            return;
        }

        if (script.Length == 67 && script[0] == 65 && script[66] == 0xac && script[1] == 4 && IsValidPubKey(script.AsSpan(1, 65)))
        {
            output.Add((byte)(4 | (script[65] & 1)));
            output.AddRange(script.AsSpan(2, 32));
            return;
        }

        WriteVarInt(output, (ulong)script.Length + SpecialScripts);
        output.AddRange(script);
    }

    private static Script ReadScript(ReadOnlySpan<byte> span, ref int offset)
    {
        var size = ReadVarInt(span, ref offset);
        if (size < SpecialScripts)
        {
            var length = size is 0 or 1 ? 20 : 32;
            if (span.Length - offset < length) throw new IpcFormatException("A coin's script is truncated.");
            var key = span.Slice(offset, length);
            offset += length;
            switch (size)
            {
                case 0:
                    return Script.FromBytesUnsafe([0x76, 0xa9, 20, .. key, 0x88, 0xac]);
                case 1:
                    return Script.FromBytesUnsafe([0xa9, 20, .. key, 0x87]);
                case 2:
                case 3:
                    return Script.FromBytesUnsafe([33, (byte)size, .. key, 0xac]);
                default:
                    byte[] compressed = [(byte)(size - 2), .. key];
                    PubKey pubKey;
                    try
                    {
                        pubKey = new PubKey(compressed).Decompress();
                    }
                    catch (FormatException e)
                    {
                        throw new IpcFormatException("A coin's public key is not on the curve.", e);
                    }

                    return Script.FromBytesUnsafe([65, .. pubKey.ToBytes(), 0xac]);
            }
        }

        var scriptSize = size - SpecialScripts;
        if (scriptSize > (ulong)(span.Length - offset)) throw new IpcFormatException("A coin's script is truncated.");
        var bytes = span.Slice(offset, (int)scriptSize);
        offset += (int)scriptSize;
        // As Core reads an oversized script: an unspendable OP_RETURN.
        return scriptSize > MaxScriptSize ? Script.FromBytesUnsafe([0x6a]) : Script.FromBytesUnsafe(bytes.ToArray());
    }

    private static bool IsValidPubKey(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new PubKey(bytes.ToArray());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Core's VARINT: base 128, most significant group first, each group but the last with the high bit set and
    // one subtracted, so every number has exactly one encoding.
    private static void WriteVarInt(List<byte> output, ulong n)
    {
        Span<byte> tmp = stackalloc byte[10];
        var length = 0;
        while (true)
        {
            tmp[length] = (byte)((n & 0x7F) | (length > 0 ? 0x80UL : 0UL));
            if (n <= 0x7F) break;
            n = (n >> 7) - 1;
            length++;
        }

        for (; length >= 0; length--) output.Add(tmp[length]);
    }

    private static ulong ReadVarInt(ReadOnlySpan<byte> span, ref int offset)
    {
        ulong n = 0;
        while (true)
        {
            if (offset >= span.Length) throw new IpcFormatException("A coin is truncated.");
            if (n > ulong.MaxValue >> 7) throw new IpcFormatException("A coin's number is too large.");
            var b = span[offset++];
            n = (n << 7) | (byte)(b & 0x7F);
            if ((b & 0x80) == 0) return n;
            if (n == ulong.MaxValue) throw new IpcFormatException("A coin's number is too large.");
            n++;
        }
    }
}
