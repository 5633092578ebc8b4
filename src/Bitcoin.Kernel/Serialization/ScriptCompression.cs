using NBitcoin;

namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// Core's script compression: P2PKH and P2SH as a type byte and 20 bytes, P2PK (compressed, or uncompressed with a
/// valid key) as a type byte and the 32-byte x coordinate; anything else as VARINT(length + 6) and the raw script.
/// </summary>
public static class ScriptCompression
{
    /// <summary>Number of special script types (codes 0..5); other codes are lengths offset by this.</summary>
    public const int SpecialScriptCount = 6;

    /// <summary>Core's MAX_SCRIPT_SIZE; longer scripts decode as a lone OP_RETURN.</summary>
    public const int MaxScriptSize = 10_000;

    /// <summary>Appends the compressed form of <paramref name="scriptBytes"/>.</summary>
    public static void Write(ByteWriter writer, ReadOnlySpan<byte> scriptBytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> compressed = stackalloc byte[33];
        int length = TryCompress(scriptBytes, compressed);
        if (length > 0)
        {
            writer.WriteBytes(compressed[..length]);
            return;
        }
        writer.WriteVarInt((ulong)scriptBytes.Length + SpecialScriptCount);
        writer.WriteBytes(scriptBytes);
    }

    /// <summary>Reads a compressed script. A corrupt special encoding (bad curve point) yields an empty script, as in Core.</summary>
    public static Script Read(ref SpanReader reader)
    {
        ulong size = reader.ReadVarInt();
        if (size < SpecialScriptCount)
        {
            var payload = reader.ReadBytes(GetSpecialSize((int)size));
            return Script.FromBytesUnsafe(Decompress((int)size, payload));
        }
        size -= SpecialScriptCount;
        if (size > MaxScriptSize)
        {
            // Core replaces an overlong script with a short unspendable one and skips the bytes.
            if (size > (ulong)reader.Remaining) throw new SerializationException("end of data");
            reader.Skip((int)size);
            return Script.FromBytesUnsafe([(byte)OpcodeType.OP_RETURN]);
        }
        return Script.FromBytesUnsafe(reader.ReadBytes((int)size).ToArray());
    }

    /// <summary>Payload bytes that follow special code <paramref name="code"/> (20 for 0-1, 32 for 2-5).</summary>
    public static int GetSpecialSize(int code) => code switch
    {
        0 or 1 => 20,
        >= 2 and <= 5 => 32,
        _ => 0,
    };

    /// <summary>Writes the special encoding into <paramref name="output"/> (33 bytes) and returns its length, or 0 if none applies.</summary>
    public static int TryCompress(ReadOnlySpan<byte> script, Span<byte> output)
    {
        // P2PKH: OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG
        if (script.Length == 25 && script[0] == 0x76 && script[1] == 0xa9 && script[2] == 20 && script[23] == 0x88 && script[24] == 0xac)
        {
            output[0] = 0x00;
            script.Slice(3, 20).CopyTo(output[1..]);
            return 21;
        }
        // P2SH: OP_HASH160 <20> OP_EQUAL
        if (script.Length == 23 && script[0] == 0xa9 && script[1] == 20 && script[22] == 0x87)
        {
            output[0] = 0x01;
            script.Slice(2, 20).CopyTo(output[1..]);
            return 21;
        }
        // P2PK with a compressed key.
        if (script.Length == 35 && script[0] == 33 && script[34] == 0xac && (script[1] == 0x02 || script[1] == 0x03))
        {
            output[0] = script[1];
            script.Slice(2, 32).CopyTo(output[1..]);
            return 33;
        }
        // P2PK with an uncompressed key: only if the key is on the curve, since the y coordinate is dropped.
        if (script.Length == 67 && script[0] == 65 && script[66] == 0xac && script[1] == 0x04
            && PubKey.TryCreatePubKey(script.Slice(1, 65), out _))
        {
            output[0] = (byte)(0x04 | (script[65] & 0x01));
            script.Slice(2, 32).CopyTo(output[1..]);
            return 33;
        }
        return 0;
    }

    /// <summary>Rebuilds the script for special code <paramref name="code"/>; empty if the payload is not a curve point.</summary>
    public static byte[] Decompress(int code, ReadOnlySpan<byte> payload)
    {
        switch (code)
        {
            case 0x00:
            {
                var script = new byte[25];
                script[0] = 0x76;
                script[1] = 0xa9;
                script[2] = 20;
                payload[..20].CopyTo(script.AsSpan(3));
                script[23] = 0x88;
                script[24] = 0xac;
                return script;
            }
            case 0x01:
            {
                var script = new byte[23];
                script[0] = 0xa9;
                script[1] = 20;
                payload[..20].CopyTo(script.AsSpan(2));
                script[22] = 0x87;
                return script;
            }
            case 0x02:
            case 0x03:
            {
                var script = new byte[35];
                script[0] = 33;
                script[1] = (byte)code;
                payload[..32].CopyTo(script.AsSpan(2));
                script[34] = 0xac;
                return script;
            }
            case 0x04:
            case 0x05:
            {
                Span<byte> compressedKey = stackalloc byte[33];
                compressedKey[0] = (byte)(code - 2);
                payload[..32].CopyTo(compressedKey[1..]);
                if (!PubKey.TryCreatePubKey(compressedKey, out var key)) return [];
                var full = key.Decompress().ToBytes();
                var script = new byte[67];
                script[0] = 65;
                full.CopyTo(script.AsSpan(1));
                script[66] = 0xac;
                return script;
            }
            default:
                return [];
        }
    }
}
