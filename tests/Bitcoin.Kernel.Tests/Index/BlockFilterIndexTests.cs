using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Index;

public class BlockFilterIndexTests
{
    [Fact]
    public void IndexHoldsEachBlocksFilterChainedByHeaders()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        var spendBlock = node.MineWithSpends(txCount: 2);

        using var index = BlockFilterIndex.Open(node.Chainman, node.Signals, 1 << 20);
        index.StartBackgroundSync();
        WaitSynced(index);
        Assert.True(index.BlockUntilSyncedToCurrentChain());

        var previousHeader = uint256.Zero;
        for (int height = 0; height <= node.Tip.Height; height++)
        {
            var blockIndex = node.Chainman.ActiveChain[height]!;
            var block = node.Chainman.ReadBlock(blockIndex)!;
            var expected = BasicBlockFilter.Build(block, height == 0 ? null : node.Chainman.ReadBlockUndo(blockIndex));
            var filter = index.LookupFilter(blockIndex);
            Assert.NotNull(filter);
            Assert.Equal(expected.Encoded.ToArray(), filter!.Encoded.ToArray());
            var header = index.LookupFilterHeader(blockIndex);
            Assert.Equal(filter.ComputeHeader(previousHeader), header);
            previousHeader = header!;
        }

        // The spent scripts (from undo data) are in the filter of the block that spends them.
        var spent = node.Chainman.ReadBlockUndo(node.Tip)!.TxUndos[0].PrevOut[0].Output.ScriptPubKey.ToBytes();
        Assert.True(index.LookupFilter(node.Tip)!.MatchAny([spent]));
        Assert.Equal(spendBlock.GetHash(), node.Tip.Hash);

        var summary = index.GetSummary();
        Assert.Equal(("basic block filter index", true, node.Tip.Height), (summary.Name, summary.Synced, summary.BestBlockHeight));
    }

    [Fact]
    public void IndexFollowsNewBlocksAndReorgsAndSurvivesRestart()
    {
        using var node = new TestNode();
        node.MineBlocks(10);
        var index = BlockFilterIndex.Open(node.Chainman, node.Signals, 1 << 20);
        index.StartBackgroundSync();
        WaitSynced(index);

        var stale = node.Tip;
        var forkPoint = stale.Previous!;
        node.MineBlocks(1);
        Assert.True(index.BlockUntilSyncedToCurrentChain());
        Assert.NotNull(index.LookupFilter(node.Tip));

        // A longer branch from before the last two blocks: the index follows it and still knows the stale blocks.
        node.Chainman.InvalidateBlock(stale);
        node.MineBlocks(3);
        Assert.True(index.BlockUntilSyncedToCurrentChain());
        Assert.Equal(node.Tip, index.BestBlock);
        Assert.NotNull(index.LookupFilter(stale));
        var afterFork = node.Chainman.ActiveChain[forkPoint.Height + 1]!;
        Assert.Equal(index.LookupFilter(afterFork)!.ComputeHeader(index.LookupFilterHeader(forkPoint)!), index.LookupFilterHeader(afterFork));

        node.Chainman.FlushStateToDisk(FlushStateMode.ForceFlush);
        node.Signals.SyncWithValidationInterfaceQueue();
        index.Dispose();
        node.Reopen();
        using var reopened = BlockFilterIndex.Open(node.Chainman, node.Signals, 1 << 20);
        Assert.True(reopened.Synced);
        Assert.Equal(node.Tip.Hash, reopened.BestBlock!.Hash);
        Assert.NotNull(reopened.LookupFilter(node.Tip));
    }

    private static void WaitSynced(BaseIndex index)
    {
        // The sync thread finishes quickly; poll without a timing assertion.
        while (!index.Synced) Thread.Sleep(10);
    }
}
