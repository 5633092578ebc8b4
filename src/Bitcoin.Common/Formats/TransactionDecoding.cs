using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Formats.Internal;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>
/// Core's DecodeHexTx / DecodeHexBlockHeader / DecodeHexBlk: hex to transactions and blocks with Core's acceptance
/// rules (including the extended/legacy serialization heuristic for transactions).
/// </summary>
public static class TransactionDecoding
{
    /// <summary>
    /// Core's DecodeHexTx: decodes hex as a transaction with witness (unless <paramref name="tryWitness"/> is false)
    /// and without (unless <paramref name="tryNoWitness"/> is false); decodings must use every byte. When both work,
    /// the one whose scripts are all valid wins, the extended one if both or neither are. Null on failure.
    /// </summary>
    public static Transaction? DecodeHexTx(string hex, bool tryNoWitness = true, bool tryWitness = true)
    {
        if (!IsHex(hex)) return null;
        byte[] data = Convert.FromHexString(hex);
        Transaction? extended = null, legacy = null;
        if (tryWitness) extended = TryRead(data, allowWitness: true);
        if (extended is not null && ScriptsSane(extended)) return extended;
        if (tryNoWitness) legacy = TryRead(data, allowWitness: false);
        if (legacy is not null && ScriptsSane(legacy)) return legacy;
        return extended ?? legacy;
    }

    /// <summary>Core's DecodeHexBlockHeader: the 80-byte header at the start of the hex (extra bytes are ignored, as in Core).</summary>
    public static BlockHeader? DecodeHexBlockHeader(string hex)
    {
        if (!IsHex(hex)) return null;
        var data = Convert.FromHexString(hex);
        if (data.Length < 80) return null;
        var header = Network.Main.Consensus.ConsensusFactory.CreateBlockHeader();
        header.ReadWrite(new BitcoinStream(data.AsSpan(0, 80).ToArray()));
        return header;
    }

    /// <summary>Core's DecodeHexBlk: a block with witness data; trailing bytes are ignored, as in Core. Null on failure.</summary>
    public static Block? DecodeHexBlock(string hex, Network network)
    {
        if (!IsHex(hex)) return null;
        var data = Convert.FromHexString(hex);
        if (data.Length < 80) return null;
        var reader = new CoreReader(data);
        var headerBytes = reader.Take(80).ToArray();
        var block = network.Consensus.ConsensusFactory.CreateBlock();
        block.Header.ReadWrite(new BitcoinStream(headerBytes));
        try
        {
            ulong count = reader.ReadCompactSize();
            for (ulong i = 0; i < count; i++) block.Transactions.Add(ReadTransaction(reader, allowWitness: true, network));
        }
        catch (FormatException)
        {
            return null;
        }
        return block;
    }

    /// <summary>Core's EncodeHexTx: the transaction with witness data (if any), in hex. Works for transactions without inputs.</summary>
    public static string EncodeHexTx(Transaction tx) => Convert.ToHexString(TransactionBytes.Serialize(tx, includeWitness: true)).ToLowerInvariant();

    /// <summary>
    /// Core's transaction serialization: with witness data when <paramref name="includeWitness"/> and some input has a
    /// witness, else the legacy form. Unlike NBitcoin's, it also serializes transactions without inputs.
    /// </summary>
    public static byte[] Serialize(Transaction tx, bool includeWitness = true) => TransactionBytes.Serialize(tx, includeWitness);

    private static Transaction? TryRead(byte[] data, bool allowWitness)
    {
        try
        {
            var reader = new CoreReader(data);
            var tx = ReadTransaction(reader, allowWitness, Network.Main);
            return reader.AtEnd ? tx : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Core's UnserializeTransaction: an empty input list may be the segwit marker, followed by a flag byte.
    private static Transaction ReadTransaction(CoreReader r, bool allowWitness, Network network)
    {
        var tx = network.CreateTransaction();
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
                var stack = new byte[n][];
                for (ulong j = 0; j < n; j++) stack[j] = r.ReadBytes();
                any |= stack.Length > 0;
                witnesses.Add(stack);
            }
            // Witness data where every stack is empty is not allowed.
            if (!any) throw new FormatException("Superfluous witness record");
        }
        if (flags != 0) throw new FormatException("Unknown transaction optional data");
        tx.LockTime = new LockTime(r.ReadUInt32());
        for (int i = 0; i < inputs.Count; i++)
        {
            if (i < witnesses.Count) inputs[i].WitScript = new WitScript(witnesses[i]);
            tx.Inputs.Add(inputs[i]);
        }
        foreach (var o in outputs) tx.Outputs.Add(o);
        return tx;
    }

    private static List<TxIn> ReadInputs(CoreReader r)
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

    private static List<TxOut> ReadOutputs(CoreReader r)
    {
        ulong n = r.ReadCompactSize();
        var outputs = new List<TxOut>();
        for (ulong i = 0; i < n; i++)
        {
            long value = r.ReadInt64();
            outputs.Add(new TxOut(Money.Satoshis(value), Script.FromBytesUnsafe(r.ReadBytes())));
        }
        return outputs;
    }

    // Core's CheckTxScriptsSanity: every script parses, has known opcodes and fits the size limit (scriptSigs of a coinbase are exempt).
    private static bool ScriptsSane(Transaction tx)
    {
        if (!tx.IsCoinBase)
        {
            foreach (var input in tx.Inputs)
            {
                var s = input.ScriptSig.ToBytes(true);
                if (!ScriptParsing.HasValidOps(s) || s.Length > ScriptOpcodes.MAX_SCRIPT_SIZE) return false;
            }
        }
        foreach (var output in tx.Outputs)
        {
            var s = output.ScriptPubKey.ToBytes(true);
            if (!ScriptParsing.HasValidOps(s) || s.Length > ScriptOpcodes.MAX_SCRIPT_SIZE) return false;
        }
        return true;
    }

    // Core's IsHex: non-empty, even length, hex digits only.
    private static bool IsHex(string s) => s.Length > 0 && s.Length % 2 == 0 && s.All(char.IsAsciiHexDigit);
}
