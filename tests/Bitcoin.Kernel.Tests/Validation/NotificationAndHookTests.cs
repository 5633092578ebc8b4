using System.Collections.Concurrent;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

public class NotificationAndHookTests
{
    [Fact]
    public void BlockTipIsNotifiedForEveryNewTipAndStopAtHeightHaltsTheChain()
    {
        var notifications = new RecordingNotifications();
        using var node = new TestNode(o => o with { Notifications = notifications, StopAtHeight = 3 });
        // Loading announced the genesis tip.
        Assert.Equal([0], notifications.Tips.ToArray());

        // Submit 1..5 as headers, then all blocks: activation stops once height 3 is reached.
        var state = new Bitcoin.Kernel.Consensus.BlockValidationState();
        var chained = ChainBlocks(node, 5);
        Assert.True(node.Chainman.ProcessNewBlockHeaders(chained.Select(b => b.Header).ToList(), true, state, out _));
        foreach (var block in chained.Skip(1)) node.Chainman.ProcessNewBlock(block, true, true);
        node.Chainman.ProcessNewBlock(chained[0], true, true);
        Assert.Equal(3, node.Tip.Height);
        Assert.Contains(3, notifications.Tips);
        Assert.DoesNotContain(4, notifications.Tips);
        Assert.Contains(5L, notifications.HeaderTips);
    }

    [Fact]
    public void MempoolHookSeesConnectedBlocksAndReorgedTransactions()
    {
        var mempool = new RecordingMempool();
        using var node = new TestNode(o => o with { Mempool = mempool });
        node.MineBlocks(101);
        var forkPoint = node.Tip;
        var block = node.MineWithSpends(txCount: 2);
        Assert.Contains(block.GetHash(), mempool.ConnectedBlocks);

        // A heavier branch disconnects the block: all its transactions, coinbase included (so that what spends it can
        // be removed), go to the mempool hook.
        var b1 = node.Builder.BuildBlock(forkPoint, time: forkPoint.Time + 500);
        node.Chainman.ProcessNewBlock(b1, true, true);
        var b2 = node.Builder.BuildBlock(node.Chainman.LookupBlockIndex(b1.GetHash())!);
        node.Chainman.ProcessNewBlock(b2, true, true);
        Assert.Equal(b2.GetHash(), node.Tip.Hash);
        var (txs, add) = Assert.Single(mempool.Reorgs);
        Assert.True(add);
        Assert.Equal(block.Transactions.Select(t => t.GetHash()), txs.Select(t => t.GetHash()));
    }

    [Fact]
    public void TestBlockValidityChecksWithoutStoring()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        var spend = node.Builder.Spend([node.Builder.Mature(node.Tip.Height)[0]]);
        var good = node.Builder.BuildBlock(node.Tip, [spend], fees: Money.Satoshis(1000));
        Assert.True(node.Chainman.TestBlockValidity(good).IsValid);
        Assert.Null(node.Chainman.LookupBlockIndex(good.GetHash()));

        var greedy = node.Builder.BuildBlock(node.Tip, tamper: b => b.Transactions[0].Outputs[0].Value += Money.Coins(1));
        Assert.Equal("bad-cb-amount", node.Chainman.TestBlockValidity(greedy).RejectReason);

        var stale = node.Builder.BuildBlock(node.Tip.Previous!);
        Assert.Equal("inconclusive-not-best-prevblk", node.Chainman.TestBlockValidity(stale).RejectReason);
        Assert.Equal(101, node.Tip.Height);
    }

    [Fact]
    public void UnreadableUndoDataMakesDisconnectFailWithAFatalError()
    {
        var notifications = new RecordingNotifications();
        using var node = new TestNode(o => o with { Notifications = notifications });
        node.MineBlocks(101);
        node.MineWithSpends(txCount: 1);
        node.Chainman.FlushStateToDisk(FlushStateMode.ForceFlush);
        // Damage the rev file under the tip's undo record.
        var path = Path.Combine(node.DataDir, "blocks", "rev00000.dat");
        uint undoPos;
        lock (node.Chainman.Lock) undoPos = node.Tip.UndoPos;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Seek(undoPos + 4, SeekOrigin.Begin);
            file.Write(new byte[16]);
        }
        var tip = node.Tip;
        // invalidateblock reports the failure ...
        Assert.False(node.Chainman.InvalidateBlock(tip).IsValid);
        Assert.Same(tip, node.Tip);
        // ... and a reorg that needs the undo data is a fatal error, as in Core.
        var b1 = node.Builder.BuildBlock(tip.Previous!, time: tip.Time + 100);
        Assert.True(node.Chainman.ProcessNewBlock(b1, true, true).Accepted);
        var b2 = node.Builder.BuildBlock(node.Chainman.LookupBlockIndex(b1.GetHash())!);
        Assert.False(node.Chainman.ProcessNewBlock(b2, true, true).Accepted);
        Assert.Same(tip, node.Tip);
        Assert.Contains("Failed to disconnect block.", notifications.Fatal);
    }

    private static List<Block> ChainBlocks(TestNode node, int count)
    {
        var blocks = new List<Block>();
        var prevHash = node.Tip.Hash;
        int height = node.Tip.Height;
        uint time = node.Tip.Time;
        for (int i = 0; i < count; i++)
        {
            var block = node.Builder.BuildBlock(prevHash, ++height, ++time);
            blocks.Add(block);
            prevHash = block.GetHash();
        }
        return blocks;
    }

    private sealed class RecordingNotifications : IKernelNotifications
    {
        public ConcurrentQueue<int> Tips { get; } = new();

        public ConcurrentQueue<long> HeaderTips { get; } = new();

        public ConcurrentQueue<string> Fatal { get; } = new();

        public bool BlockTip(SynchronizationState state, BlockIndex tip, double verificationProgress)
        {
            Tips.Enqueue(tip.Height);
            return false;
        }

        public void HeaderTip(SynchronizationState state, long height, long timestamp, bool presync) => HeaderTips.Enqueue(height);

        public void FatalError(string message) => Fatal.Enqueue(message);
    }

    private sealed class RecordingMempool : IChainstateMempool
    {
        public List<uint256> ConnectedBlocks { get; } = [];

        public List<(IReadOnlyList<Transaction> Txs, bool Add)> Reorgs { get; } = [];

        public long DynamicMemoryUsage => 0;

        public long MaxSizeBytes => 300L << 20;

        public IReadOnlyList<Bitcoin.Kernel.Mempool.RemovedMempoolTransactionInfo> RemoveForBlock(Block block, int height)
        {
            ConnectedBlocks.Add(block.GetHash());
            return [];
        }

        public void UpdateForReorg(IReadOnlyList<Transaction> disconnected, bool addToMempool) => Reorgs.Add((disconnected.ToList(), addToMempool));
    }
}
