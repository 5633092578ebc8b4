using System.Buffers.Binary;
using System.Security.Cryptography;
using NBitcoin;

namespace Bitcoin.Common.Formats.Internal;

/// <summary>
/// Core's transaction serialization, written here because NBitcoin refuses to serialize a transaction without inputs
/// (createrawtransaction [] {} makes one, and Core encodes and decodes it).
/// </summary>
internal static class TransactionBytes
{
    /// <summary>Core's CTransaction::HasWitness: some input has a non-empty witness stack.</summary>
    public static bool HasWitness(Transaction tx) => tx.Inputs.Any(i => i.WitScript.PushCount > 0);

    /// <summary>The serialization with witness data (when <paramref name="includeWitness"/> and there is any) or without.</summary>
    public static byte[] Serialize(Transaction tx, bool includeWitness)
    {
        bool witness = includeWitness && HasWitness(tx);
        using var ms = new MemoryStream();
        WriteUInt32(ms, tx.Version);
        if (witness)
        {
            ms.WriteByte(0);
            ms.WriteByte(1);
        }
        WriteCompactSize(ms, (ulong)tx.Inputs.Count);
        foreach (var input in tx.Inputs)
        {
            ms.Write(input.PrevOut.Hash.ToBytes());
            WriteUInt32(ms, input.PrevOut.N);
            WriteBytes(ms, input.ScriptSig.ToBytes(true));
            WriteUInt32(ms, input.Sequence.Value);
        }
        WriteCompactSize(ms, (ulong)tx.Outputs.Count);
        Span<byte> value = stackalloc byte[8];
        foreach (var output in tx.Outputs)
        {
            BinaryPrimitives.WriteInt64LittleEndian(value, output.Value.Satoshi);
            ms.Write(value);
            WriteBytes(ms, output.ScriptPubKey.ToBytes(true));
        }
        if (witness)
        {
            foreach (var input in tx.Inputs)
            {
                var stack = input.WitScript.Pushes.ToArray();
                WriteCompactSize(ms, (ulong)stack.Length);
                foreach (var item in stack) WriteBytes(ms, item);
            }
        }
        WriteUInt32(ms, tx.LockTime.Value);
        return ms.ToArray();
    }

    /// <summary>Double SHA-256 of <paramref name="data"/> as a uint256 (txid, wtxid).</summary>
    public static uint256 Hash(byte[] data) => new(SHA256.HashData(SHA256.HashData(data)));

    public static int CompactSizeLength(ulong n) => n < 253 ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffUL ? 5 : 9;

    private static void WriteBytes(Stream s, byte[] data)
    {
        WriteCompactSize(s, (ulong)data.Length);
        s.Write(data);
    }

    private static void WriteUInt32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteCompactSize(Stream s, ulong n)
    {
        Span<byte> b = stackalloc byte[9];
        int len;
        if (n < 253)
        {
            b[0] = (byte)n;
            len = 1;
        }
        else if (n <= 0xffff)
        {
            b[0] = 253;
            BinaryPrimitives.WriteUInt16LittleEndian(b[1..], (ushort)n);
            len = 3;
        }
        else if (n <= 0xffffffffUL)
        {
            b[0] = 254;
            BinaryPrimitives.WriteUInt32LittleEndian(b[1..], (uint)n);
            len = 5;
        }
        else
        {
            b[0] = 255;
            BinaryPrimitives.WriteUInt64LittleEndian(b[1..], n);
            len = 9;
        }
        s.Write(b[..len]);
    }
}
