using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Tests.Validation.Support;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Index;

public class TxIndexTests
{
    [Fact]
    public void IndexCatchesUpWithExistingBlocksAndFindsTransactions()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        var block = node.MineWithSpends(txCount: 3);

        using var index = TxIndex.Open(node.Chainman, node.Signals, 1 << 20);
        index.StartBackgroundSync();
        WaitSynced(index);
        Assert.True(index.BlockUntilSyncedToCurrentChain());

        foreach (var tx in block.Transactions)
        {
            var found = index.FindTx(tx.GetHash());
            Assert.NotNull(found);
            Assert.Equal(tx.ToHex(), found!.Transaction.ToHex());
            Assert.Equal(block.GetHash(), found.BlockHash);
        }
        Assert.Null(index.FindTx(uint256.One));
        // The genesis coinbase is not indexed, as in Core.
        Assert.Null(index.FindTx(node.Params.GenesisBlock.Transactions[0].GetHash()));

        var summary = index.GetSummary();
        Assert.Equal("txindex", summary.Name);
        Assert.True(summary.Synced);
        Assert.Equal(node.Tip.Height, summary.BestBlockHeight);
    }

    [Fact]
    public void IndexFollowsNewBlocksAndPersistsAcrossRestart()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        var index = TxIndex.Open(node.Chainman, node.Signals, 1 << 20);
        index.StartBackgroundSync();
        WaitSynced(index);

        var block = node.MineWithSpends(txCount: 2);
        Assert.True(index.BlockUntilSyncedToCurrentChain());
        var spend = block.Transactions[1];
        Assert.Equal(block.GetHash(), index.FindTx(spend.GetHash())!.BlockHash);

        // Shutdown order as in Core: flush the chainstate, deliver queued events, then stop the index.
        node.Chainman.FlushStateToDisk(Bitcoin.Kernel.Validation.FlushStateMode.ForceFlush);
        node.Signals.SyncWithValidationInterfaceQueue();
        index.Dispose();
        node.Reopen();
        using var reopened = TxIndex.Open(node.Chainman, node.Signals, 1 << 20);
        Assert.True(reopened.Synced);
        Assert.Equal(node.Tip.Height, reopened.BestBlock!.Height);
        Assert.Equal(block.GetHash(), reopened.FindTx(spend.GetHash())!.BlockHash);
    }

    private static void WaitSynced(TxIndex index)
    {
        // The sync thread finishes quickly; poll without a timing assertion.
        while (!index.Synced) Thread.Sleep(10);
    }
}
