using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Signed P2WPKH and P2TR spends for script-check tests and the benchmark's shape.</summary>
internal static class SpendFixtures
{
    /// <summary>A transaction spending <paramref name="inputs"/> outputs, alternating P2WPKH and P2TR key path, signed.</summary>
    public static (Transaction Tx, TxOut[] Spent) SignedSpend(int inputs, int seed)
    {
        var keys = Enumerable.Range(0, inputs).Select(i => new Key(NBitcoin.Crypto.Hashes.SHA256(BitConverter.GetBytes((seed * 1000) + i + 1)))).ToArray();
        var spent = keys.Select((k, i) => new TxOut(Money.Coins(1),
            i % 2 == 0 ? k.PubKey.WitHash.ScriptPubKey : k.PubKey.GetTaprootFullPubKey().ScriptPubKey)).ToArray();
        var tx = Transaction.Create(Network.RegTest);
        for (int i = 0; i < inputs; i++) tx.Inputs.Add(new TxIn(new OutPoint(new uint256((ulong)((seed * 1000) + i + 1)), 0)));
        tx.Outputs.Add(new TxOut(Money.Coins(inputs) - Money.Satoshis(1000), Script.FromBytesUnsafe([0x51])));
        var precomputed = tx.PrecomputeTransactionData(spent);
        for (int i = 0; i < inputs; i++)
        {
            if (i % 2 == 0)
            {
                var hash = tx.GetSignatureHash(keys[i].PubKey.Hash.ScriptPubKey, i, SigHash.All, spent[i], HashVersion.WitnessV0, precomputed);
                var sig = new TransactionSignature(keys[i].Sign(hash), SigHash.All);
                tx.Inputs[i].WitScript = new WitScript(Op.GetPushOp(sig.ToBytes()), Op.GetPushOp(keys[i].PubKey.ToBytes()));
            }
            else
            {
                var hash = tx.GetSignatureHashTaproot(precomputed, new TaprootExecutionData(i) { SigHash = TaprootSigHash.Default });
                var sig = keys[i].SignTaprootKeySpend(hash, TaprootSigHash.Default);
                tx.Inputs[i].WitScript = new WitScript(Op.GetPushOp(sig.ToBytes()));
            }
        }
        return (tx, spent);
    }

    /// <summary>The checks of several signed transactions, in order.</summary>
    public static List<ScriptCheck> Checks(int transactions, int inputsEach, ScriptVerifyFlags flags)
    {
        var checks = new List<ScriptCheck>();
        for (int t = 0; t < transactions; t++)
        {
            var (tx, spent) = SignedSpend(inputsEach, t);
            var state = new TxValidationState();
            ScriptChecks.CheckInputScripts(tx, state, spent, flags, cacheFullScriptStore: false, null, null, checks);
        }
        return checks;
    }
}
