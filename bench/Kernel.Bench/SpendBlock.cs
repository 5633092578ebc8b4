using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Kernel.Bench;

/// <summary>A block-sized set of signed spends: transactions alternating P2WPKH and P2TR key-path inputs.</summary>
internal sealed class SpendBlock
{
    public SpendBlock(int transactions, int inputsEach)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        for (int t = 0; t < transactions; t++)
        {
            var (tx, spent) = SignedSpend(inputsEach, t);
            block.Transactions.Add(tx);
            Transactions.Add((tx, spent));
        }
        Bytes = block.ToBytes();
    }

    public List<(Transaction Tx, TxOut[] Spent)> Transactions { get; } = [];

    /// <summary>The serialized transactions, for the hashing baseline.</summary>
    public byte[] Bytes { get; }

    public int InputCount => Transactions.Sum(t => t.Tx.Inputs.Count);

    /// <summary>Fresh checks (precomputed sighash data included), as ConnectBlock would queue them.</summary>
    public List<ScriptCheck> Checks()
    {
        var checks = new List<ScriptCheck>(InputCount);
        foreach (var (tx, spent) in Transactions)
        {
            ScriptChecks.CheckInputScripts(tx, new TxValidationState(), spent, ScriptFlags.Mandatory, cacheFullScriptStore: false, null, null, checks);
        }
        return checks;
    }

    private static (Transaction, TxOut[]) SignedSpend(int inputs, int seed)
    {
        var keys = Enumerable.Range(0, inputs)
            .Select(i => new Key(NBitcoin.Crypto.Hashes.SHA256(BitConverter.GetBytes((seed * 1000) + i + 1)))).ToArray();
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
                tx.Inputs[i].WitScript = new WitScript(Op.GetPushOp(keys[i].SignTaprootKeySpend(hash, TaprootSigHash.Default).ToBytes()));
            }
        }
        return (tx, spent);
    }
}
