using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>
/// Core's GetTransactionSigOpCost with P2SH and witness counting, and GetVirtualTransactionSize, for estimating the
/// size of a finalized PSBT (the spent outputs are given; the transaction is not a coinbase).
/// </summary>
internal static class SigOpCost
{
    private const int WitnessScaleFactor = 4;

    public static long Cost(Transaction tx, IReadOnlyList<TxOut> spent)
    {
        long legacy = 0;
        foreach (var input in tx.Inputs) legacy += input.ScriptSig.GetSigOpCount(false);
        foreach (var output in tx.Outputs) legacy += output.ScriptPubKey.GetSigOpCount(false);
        long cost = legacy * WitnessScaleFactor;
        long p2sh = 0;
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var spk = spent[i].ScriptPubKey;
            if (ScriptParsing.IsPayToScriptHash(spk.ToBytes(true))) p2sh += spk.GetSigOpCount(tx.Inputs[i].ScriptSig);
        }
        cost += p2sh * WitnessScaleFactor;
        for (int i = 0; i < tx.Inputs.Count; i++) cost += WitnessSigOps(tx.Inputs[i], spent[i].ScriptPubKey);
        return cost;
    }

    /// <summary>Core's GetVirtualTransactionSize: the larger of weight and sigop cost times bytes per sigop, in vbytes rounded up.</summary>
    public static long VirtualSize(long weight, long sigOpCost, long bytesPerSigOp) =>
        (Math.Max(weight, sigOpCost * bytesPerSigOp) + WitnessScaleFactor - 1) / WitnessScaleFactor;

    // Core's CountWitnessSigOps.
    private static long WitnessSigOps(TxIn input, Script scriptPubKey)
    {
        var witness = input.WitScript.Pushes.ToArray();
        var spk = scriptPubKey.ToBytes(true);
        if (ScriptParsing.IsWitnessProgram(spk, out int version, out var program)) return ForProgram(version, program, witness);
        var scriptSig = input.ScriptSig.ToBytes(true);
        if (ScriptParsing.IsPayToScriptHash(spk) && ScriptParsing.IsPushOnly(scriptSig))
        {
            var pushes = input.ScriptSig.ToOps().Select(op => op.PushData ?? []).ToList();
            if (pushes.Count > 0 && ScriptParsing.IsWitnessProgram(pushes[^1], out version, out program))
                return ForProgram(version, program, witness);
        }
        return 0;
    }

    private static long ForProgram(int version, byte[] program, byte[][] witness)
    {
        if (version != 0) return 0;
        if (program.Length == 20) return 1;
        if (program.Length == 32 && witness.Length > 0) return Script.FromBytesUnsafe(witness[^1]).GetSigOpCount(true);
        return 0;
    }
}
