using System.Security.Cryptography;
using Bitcoin.Common.Formats;
using NBitcoin;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>Core's transaction (de)serialization inside a PSBT, with its stream failure messages.</summary>
internal static class PsbtTransactions
{
    /// <summary>Core's UnserializeTransaction (an empty input list may be the segwit marker).</summary>
    public static Transaction Read(PsbtReader r, bool allowWitness)
    {
        var tx = Network.Main.CreateTransaction();
        tx.Version = r.ReadUInt32();
        byte flags = 0;
        var inputs = ReadInputs(r);
        var outputs = new List<TxOut>();
        if (inputs.Count == 0 && allowWitness)
        {
            flags = r.ReadByte();
            if (flags != 0)
            {
                inputs = ReadInputs(r);
                outputs = ReadOutputs(r);
            }
        }
        else
        {
            outputs = ReadOutputs(r);
        }
        var witnesses = new List<byte[][]>();
        if ((flags & 1) != 0 && allowWitness)
        {
            flags ^= 1;
            bool any = false;
            for (int i = 0; i < inputs.Count; i++)
            {
                ulong n = r.ReadCompactSize();
                var stack = new List<byte[]>();
                for (ulong j = 0; j < n; j++) stack.Add(r.ReadBytes());
                any |= stack.Count > 0;
                witnesses.Add([.. stack]);
            }
            if (!any) throw new PsbtFormatException("Superfluous witness record");
        }
        if (flags != 0) throw new PsbtFormatException("Unknown transaction optional data");
        tx.LockTime = new LockTime(r.ReadUInt32());
        for (int i = 0; i < inputs.Count; i++)
        {
            if (i < witnesses.Count) inputs[i].WitScript = new WitScript(witnesses[i]);
            tx.Inputs.Add(inputs[i]);
        }
        foreach (var o in outputs) tx.Outputs.Add(o);
        return tx;
    }

    /// <summary>A serialized output (amount and script).</summary>
    public static TxOut ReadTxOut(PsbtReader r)
    {
        long value = r.ReadInt64();
        return new TxOut(Money.Satoshis(value), Script.FromBytesUnsafe(r.ReadBytes()));
    }

    public static void WriteTxOut(PsbtWriter w, TxOut output)
    {
        w.WriteInt64(output.Value.Satoshi);
        w.WriteBytes(output.ScriptPubKey.ToBytes(true));
    }

    public static byte[] Serialize(Transaction tx, bool includeWitness) => TransactionDecoding.Serialize(tx, includeWitness);

    /// <summary>The txid (hash of the serialization without witness), also for transactions without inputs.</summary>
    public static uint256 TxId(Transaction tx) => new(SHA256.HashData(SHA256.HashData(Serialize(tx, includeWitness: false))));

    private static List<TxIn> ReadInputs(PsbtReader r)
    {
        ulong n = r.ReadCompactSize();
        var inputs = new List<TxIn>();
        for (ulong i = 0; i < n; i++)
        {
            var hash = new uint256(r.Take(32).ToArray());
            uint index = r.ReadUInt32();
            var scriptSig = Script.FromBytesUnsafe(r.ReadBytes());
            uint sequence = r.ReadUInt32();
            inputs.Add(new TxIn(new OutPoint(hash, index), scriptSig) { Sequence = new Sequence(sequence) });
        }
        return inputs;
    }

    private static List<TxOut> ReadOutputs(PsbtReader r)
    {
        ulong n = r.ReadCompactSize();
        var outputs = new List<TxOut>();
        for (ulong i = 0; i < n; i++) outputs.Add(ReadTxOut(r));
        return outputs;
    }
}
