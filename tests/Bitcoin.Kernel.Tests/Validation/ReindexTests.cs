using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

public class ReindexTests
{
    [Fact]
    public void ReindexAndReindexChainstateRebuildTheSameTipAndUtxoSet()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        for (int i = 0; i < 5; i++) node.MineWithSpends(txCount: 2);
        var tip = node.Tip.Hash;
        var utxo = node.UtxoSet();

        node.Reopen(o => o with { ReindexChainstate = true });
        Assert.Equal(tip, node.Tip.Hash);
        Assert.Equal(utxo, node.UtxoSet());

        node.Reopen(o => o with { Reindex = true });
        Assert.Equal(tip, node.Tip.Hash);
        Assert.Equal(utxo, node.UtxoSet());
        Assert.Equal(VerifyDbResult.Success, node.Chainman.VerifyDb(4, 0));

        // And a normal restart afterwards finds the same state.
        node.Reopen();
        Assert.Equal(tip, node.Tip.Hash);
    }

    [Fact]
    public void ReindexHandlesBlocksStoredBeforeTheirParents()
    {
        using var node = new TestNode();
        node.MineBlocks(3);
        // Headers first, then the blocks in reverse order: children land in blk00000.dat before their parents.
        var blocks = new List<Block>();
        var headers = new List<BlockHeader>();
        var prevHash = node.Tip.Hash;
        int height = node.Tip.Height;
        uint time = node.Tip.Time;
        for (int i = 0; i < 4; i++)
        {
            var block = node.Builder.BuildBlock(prevHash, ++height, ++time);
            blocks.Add(block);
            headers.Add(block.Header);
            prevHash = block.GetHash();
        }
        var state = new BlockValidationState();
        Assert.True(node.Chainman.ProcessNewBlockHeaders(headers, true, state, out _), state.ToString());
        for (int i = blocks.Count - 1; i >= 0; i--)
            Assert.True(node.Chainman.ProcessNewBlock(blocks[i], true, true).Accepted);
        Assert.Equal(blocks[^1].GetHash(), node.Tip.Hash);
        var utxo = node.UtxoSet();

        node.Reopen(o => o with { Reindex = true });
        Assert.Equal(blocks[^1].GetHash(), node.Tip.Hash);
        Assert.Equal(7, node.Tip.Height);
        Assert.Equal(utxo, node.UtxoSet());
    }

    [Fact]
    public void InterruptedReindexContinuesOnNextStart()
    {
        using var node = new TestNode();
        node.MineBlocks(20);
        var tip = node.Tip.Hash;
        // Start a reindex but do not run the import: the reindex flag stays set in the block index database.
        node.Reopen(o => o with { Reindex = true }, import: false);
        Assert.Equal(-1, node.Chainman.ActiveHeight);
        node.Reopen();
        Assert.Equal(tip, node.Tip.Hash);
    }
}
