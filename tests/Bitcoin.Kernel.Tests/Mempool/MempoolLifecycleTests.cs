using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Tests.Mempool.Support;
using Bitcoin.Kernel.Tests.Storage;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Mempool;

public class MempoolLifecycleTests
{
    // A small pool: the size limit must hold 40 largest clusters, so small clusters allow a small pool.
    private static MempoolOptions SmallPool(MempoolOptions o) =>
        o with { Limits = o.Limits with { ClusterSizeVBytes = 200 }, MaxSizeBytes = 8_000 };

    [Fact]
    public void FullMempoolEvictsTheLowestFeeRateAndRaisesTheMinimumFee()
    {
        using var node = new MempoolNode(SmallPool);
        var accepted = new List<Transaction>();
        var fees = new Dictionary<uint256, long>();
        long fee = 1000;
        while (node.Mempool.GetMinFee() == TxFeeRate.Zero)
        {
            var tx = node.Spend([node.TakeCoin()], fee);
            fees[tx.GetHash()] = fee;
            var result = node.Mempool.AcceptToMemoryPool(tx);
            if (result.ResultType == MempoolAcceptResultType.Valid) accepted.Add(tx);
            fee += 1000;
            Assert.True(accepted.Count < 11, "the pool never filled");
        }

        // The cheapest went first; the pool is back under its limit.
        Assert.False(node.Mempool.Exists(accepted[0].GetHash()));
        Assert.True(node.Mempool.DynamicMemoryUsage <= node.Mempool.Options.MaxSizeBytes);
        // The minimum fee is the best evicted rate plus the incremental relay fee.
        var evicted = accepted.Where(t => !node.Mempool.Exists(t.GetHash())).ToList();
        long bestEvicted = evicted.Max(t => TxFeeRate.FromFee(fees[t.GetHash()], t.GetVirtualSize()).FeePerKvB);
        Assert.Equal(bestEvicted + node.Mempool.Options.IncrementalRelayFeeRate.FeePerKvB, node.Mempool.GetMinFee().FeePerKvB);
        Assert.All(node.Mempool.EntriesInMiningOrder(), e => Assert.True(e.ModifiedFeeRate > TxFeeRate.FromSatoshisPerKvB(bestEvicted)));

        // Below the new minimum a transaction is refused, above the relay minimum though it is.
        var cheap = node.Spend([node.TakeCoin()], 1000);
        var rejected = node.Mempool.AcceptToMemoryPool(cheap);
        Assert.Equal("mempool min fee not met", rejected.State.RejectReason);
    }

    [Fact]
    public void TransactionsExpireAfterTheExpiryTime()
    {
        using var node = new MempoolNode(o => o with { Expiry = TimeSpan.FromHours(1) });
        var old = node.Spend([node.TakeCoin()], 1000);
        node.Accept(old);
        var child = node.Spend(node.OutputsOf(old), 1000);
        node.Accept(child);

        node.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        // Expiry runs when the pool is limited, after each acceptance.
        node.Accept(node.Spend([node.TakeCoin()], 1000));

        Assert.False(node.Mempool.Exists(old.GetHash()));
        Assert.False(node.Mempool.Exists(child.GetHash()));
        Assert.Equal(1, node.Mempool.Count);
    }

    [Fact]
    public void PrioritisationChangesModifiedFeeAndMiningOrderAndSurvivesBeforeEntry()
    {
        using var node = new MempoolNode();
        var a = node.Spend([node.TakeCoin()], 1000);
        var b = node.Spend([node.TakeCoin()], 2000);
        // A delta for a transaction not yet in the mempool is applied when it arrives.
        node.Mempool.PrioritiseTransaction(a.GetHash(), 5000);
        node.Accept(a);
        node.Accept(b);

        Assert.Equal(6000, node.Mempool.GetEntry(a.GetHash())!.ModifiedFee);
        Assert.Equal(a.GetHash(), node.Mempool.EntriesInMiningOrder()[0].Txid);

        node.Mempool.PrioritiseTransaction(a.GetHash(), -5000);
        Assert.Empty(node.Mempool.GetPrioritisedTransactions());
        Assert.Equal(b.GetHash(), node.Mempool.EntriesInMiningOrder()[0].Txid);
    }

    [Fact]
    public void MempoolDatRoundTripsTransactionsTimesAndDeltas()
    {
        using var node = new MempoolNode();
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "mempool.dat");
        var parent = node.Spend([node.TakeCoin()], 1000);
        node.Accept(parent);
        var child = node.Spend(node.OutputsOf(parent), 3000);
        node.Accept(child);
        node.Mempool.PrioritiseTransaction(child.GetHash(), 777);
        var absent = new uint256(RandomUtils.GetBytes(32));
        node.Mempool.PrioritiseTransaction(absent, 42);
        long parentTime = node.Mempool.GetEntry(parent.GetHash())!.Time;

        Assert.True(MempoolPersist.Dump(node.Mempool, path));
        node.Mempool.RemoveRecursive(parent, MempoolRemovalReason.Expiry);
        node.Mempool.PrioritiseTransaction(child.GetHash(), -777);
        node.Mempool.PrioritiseTransaction(absent, -42);
        Assert.Equal(0, node.Mempool.Count);

        node.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(MempoolPersist.Load(node.Mempool, path, new ImportMempoolOptions()));

        Assert.Equal(2, node.Mempool.Count);
        Assert.Equal(parentTime, node.Mempool.GetEntry(parent.GetHash())!.Time);
        Assert.Equal(3777, node.Mempool.GetEntry(child.GetHash())!.ModifiedFee);
        Assert.Equal(42, node.Mempool.GetDelta(absent));
    }

    [Fact]
    public void CorruptMempoolDatIsRejectedWithoutChangingThePool()
    {
        using var node = new MempoolNode();
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "mempool.dat");
        node.Accept(node.Spend([node.TakeCoin()], 1000));
        Assert.True(MempoolPersist.Dump(node.Mempool, path));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 5)]);

        Assert.False(MempoolPersist.Load(node.Mempool, path, new ImportMempoolOptions()));
        Assert.False(MempoolPersist.Load(node.Mempool, Path.Combine(dir.Path, "missing.dat"), new ImportMempoolOptions()));
        File.WriteAllBytes(path, [9, 0, 0, 0, 0, 0, 0, 0]);
        Assert.False(MempoolPersist.Load(node.Mempool, path, new ImportMempoolOptions()));
        Assert.Equal(1, node.Mempool.Count);
    }

    [Fact]
    public void VersionOneFileHasNoObfuscationKey()
    {
        using var node = new MempoolNode(o => o with { PersistV1Dat = true });
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "mempool.dat");
        var tx = node.Spend([node.TakeCoin()], 1000);
        node.Accept(tx);
        Assert.True(MempoolPersist.Dump(node.Mempool, path));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(1UL, BitConverter.ToUInt64(bytes, 0));
        Assert.Equal(1UL, BitConverter.ToUInt64(bytes, 8));
        // The transaction follows in plain text.
        Assert.Equal(tx.ToBytes(), bytes.AsSpan(16, tx.ToBytes().Length).ToArray());
    }

    [Fact]
    public void ReorgReaddsTransactionsAndDropsImmatureCoinbaseSpends()
    {
        using var node = new MempoolNode();
        var tx = node.Spend([node.TakeCoin()], 1000);
        var block = node.Mine([tx]);
        var spendsTx = node.Spend(node.OutputsOf(tx), 1000);
        node.Accept(spendsTx);

        Assert.True(node.Chainman.InvalidateBlock(node.Chainman.LookupBlockIndex(block.GetHash())!).IsValid);

        // Back in the mempool, linked to the child that was already there, in one cluster.
        Assert.True(node.Mempool.Exists(tx.GetHash()));
        Assert.Equal(2, node.Mempool.GetCluster(spendsTx.GetHash()).Count);
        Assert.Equal(0UL, node.Mempool.GetEntry(tx.GetHash())!.Sequence);
    }

    [Fact]
    public void ReorgThatOrphansACoinbaseRemovesItsMempoolSpends()
    {
        // Core's wallet_orphanedreward: a block reward matures and is spent from the mempool, then a longer branch
        // from before that block wins in one reorganisation. The reward no longer exists, so neither may its spend.
        using var node = new MempoolNode();
        var fork = node.Node.Tip;
        var rewarded = node.Mine([]);
        var reward = node.OutputsOf(rewarded.Transactions[0]);
        node.Node.MineBlocks(100);
        var spend = node.Spend(reward, 1000);
        Assert.Equal(MempoolAcceptResultType.Valid, node.Accept(spend).ResultType);

        var previous = fork;
        uint time = node.Node.Tip.Time + 1;
        for (int i = 0; i < 102; i++)
        {
            var block = node.Builder.BuildBlock(previous.Hash, previous.Height + 1, time++);
            Assert.True(node.Chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true).Accepted);
            previous = node.Chainman.LookupBlockIndex(block.GetHash())!;
        }

        Assert.Equal(previous.Hash, node.Node.Tip.Hash);
        Assert.False(node.Mempool.Exists(spend.GetHash()));
    }

    [Fact]
    public void BlockBuilderOffersChunksBestFirstAndSkipDropsTheCluster()
    {
        using var node = new MempoolNode();
        var parent = node.Spend([node.TakeCoin()], 500);
        node.Accept(parent);
        var child = node.Spend(node.OutputsOf(parent), 20_000);
        node.Accept(child);
        var single = node.Spend([node.TakeCoin()], 5_000);
        node.Accept(single);
        var grandchild = node.Spend(node.OutputsOf(child), 200);
        node.Accept(grandchild);

        using (var builder = node.Mempool.StartBlockBuilding())
        {
            var first = builder.Current!;
            Assert.Equal([parent.GetHash(), child.GetHash()], first.Entries.Select(e => e.Txid));
            Assert.Equal(20_500, first.Fee);
            builder.Skip();
            // The grandchild is in the skipped cluster: only the single transaction remains.
            Assert.Equal([single.GetHash()], builder.Current!.Entries.Select(e => e.Txid));
            builder.Include();
            Assert.Null(builder.Current);
        }
        // The lock is released: the pool can change again.
        node.Accept(node.Spend([node.TakeCoin()], 1000));
    }
}
