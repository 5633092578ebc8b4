using Bitcoin.Kernel.Tests.Validation.Support;

namespace Bitcoin.Kernel.Tests.Validation;

public class ChainstateBasicsTests
{
    [Fact]
    public void FreshDatadirStartsAtGenesis()
    {
        using var node = new TestNode();
        Assert.Equal(0, node.Tip.Height);
        Assert.Equal(node.Params.Consensus.HashGenesisBlock, node.Tip.Hash);
    }

    [Fact]
    public void MinedBlocksExtendTheTipAndSurviveRestart()
    {
        using var node = new TestNode();
        node.MineBlocks(110);
        node.MineWithSpends(txCount: 3);
        var tip = node.Tip.Hash;
        var utxo = node.UtxoSet();

        node.Reopen();
        Assert.Equal(111, node.Tip.Height);
        Assert.Equal(tip, node.Tip.Hash);
        Assert.Equal(utxo, node.UtxoSet());
    }
}
