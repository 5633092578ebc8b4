using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Tests.Mempool.Support;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Mempool;

/// <summary>Spending pay-to-anchor outputs (OP_1 &lt;0x4e73&gt;) as Core's mempool_accept.py does.</summary>
public class PayToAnchorTests
{
    private static readonly Script PayToAnchor = Script.FromBytesUnsafe([0x51, 0x02, 0x4e, 0x73]);

    [Fact]
    public void AnchorSpentWithEmptyWitnessIsStandardAndWithWitnessDataIsNot()
    {
        using var node = new MempoolNode();
        var coin = node.TakeCoin();
        var funding = node.Create([coin], [coin.Output.Value.Satoshi - 30_000], extra: [new TxOut(Money.Satoshis(10_000), PayToAnchor), new TxOut(Money.Satoshis(10_000), PayToAnchor)]);
        node.Mine([funding]);

        // A witness element would let third parties change the wtxid: policy refuses it, though consensus allows it.
        var withWitness = AnchorSpend(node, new OutPoint(funding, 1));
        withWitness.Inputs[0].WitScript = new WitScript([[0x66]], true);
        var rejected = node.Mempool.AcceptToMemoryPool(withWitness);
        Assert.Equal("bad-witness-nonstandard", rejected.State.RejectReason);
        Assert.Equal(0, node.Mempool.Count);

        // With no witness at all (txid equals wtxid) the spend is standard, despite the upgradable witness program rule.
        var spend = AnchorSpend(node, new OutPoint(funding, 2));
        Assert.Equal(spend.GetHash(), spend.GetWitHash());
        var accepted = node.Mempool.AcceptToMemoryPool(spend);
        Assert.True(accepted.ResultType == MempoolAcceptResultType.Valid, accepted.State.ToString());
        Assert.Equal(700, accepted.BaseFees);
    }

    [Fact]
    public void AnchorNestedInP2ShIsAnUpgradableWitnessProgram()
    {
        using var node = new MempoolNode();
        var coin = node.TakeCoin();
        var nested = PayToAnchor.Hash.ScriptPubKey;
        var funding = node.Create([coin], [coin.Output.Value.Satoshi - 20_000], extra: [new TxOut(Money.Satoshis(10_000), nested)]);
        node.Mine([funding]);

        var spend = AnchorSpend(node, new OutPoint(funding, 1));
        spend.Inputs[0].ScriptSig = new Script(Op.GetPushOp(PayToAnchor.ToBytes()));
        var result = node.Mempool.AcceptToMemoryPool(spend);

        Assert.Equal("mempool-script-verify-flag-failed (Witness version reserved for soft-fork upgrades)", result.State.RejectReason);
    }

    private static Transaction AnchorSpend(MempoolNode node, OutPoint anchor)
    {
        var tx = node.Node.Params.Network.CreateTransaction();
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(anchor));
        tx.Outputs.Add(new TxOut(Money.Satoshis(9_300), new Script(OpcodeType.OP_TRUE).WitHash.ScriptPubKey));
        return tx;
    }
}
