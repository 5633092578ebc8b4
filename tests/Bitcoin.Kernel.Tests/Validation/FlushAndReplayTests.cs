using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

public class FlushAndReplayTests
{
    [Fact]
    public void InterruptedCoinsFlushIsReplayedAtStartup()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        node.MineWithSpends(txCount: 2);
        var oldTip = node.Tip.Hash;
        node.Reopen(import: false);
        node.Chainman.Dispose();
        // Keep the coins database as it was at the old tip.
        var chainstate = Path.Combine(node.DataDir, "chainstate");
        var saved = chainstate + ".saved";
        CopyDirectory(chainstate, saved);

        node.Reopen();
        for (int i = 0; i < 3; i++) node.MineWithSpends(txCount: 2);
        var newTip = node.Tip.Hash;
        var expected = node.UtxoSet();
        node.Chainman.Dispose();

        // Put back the old coins and mark them as being mid-way from the old tip to the new one, which is what a
        // crash during the first batch of a flush leaves behind.
        Directory.Delete(chainstate, true);
        CopyDirectory(saved, chainstate);
        using (var db = KeyValueDb.Open(new KeyValueDbOptions { Path = chainstate }))
        {
            var heads = new ByteWriter();
            heads.WriteCompactSize(2);
            heads.WriteUInt256(newTip);
            heads.WriteUInt256(oldTip);
            using var batch = db.NewBatch();
            batch.Delete([(byte)'B']);
            batch.Put([(byte)'H'], heads.WrittenSpan);
            db.WriteBatch(batch, sync: true);
        }

        node.Reopen();
        Assert.Equal(newTip, node.Tip.Hash);
        Assert.Equal(expected, node.UtxoSet());
        Assert.Empty(node.Chainman.ActiveChainstate.CoinsDb.GetHeadBlocks());
        Assert.Equal(VerifyDbResult.Success, node.Chainman.VerifyDb(4, 0));
    }

    [Fact]
    public void ShutdownFlushKeepsEverythingAndSmallCacheFlushesOnItsOwn()
    {
        // A 4 MiB budget leaves the coins cache well under a MiB: blocks force IfNeeded flushes along the way.
        using var node = new TestNode(o => o with { DbCacheBytes = 4L << 20 });
        var flushed = new List<int>();
        node.Chainman.ChainStateFlushedSynchronously += index => flushed.Add(index.Height);
        node.MineBlocks(101);
        for (int i = 0; i < 20; i++) node.MineWithSpends(txCount: 4);
        var tip = node.Tip.Hash;
        var utxo = node.UtxoSet();
        Assert.NotEmpty(flushed);
        node.Reopen();
        Assert.Equal(tip, node.Tip.Hash);
        Assert.Equal(utxo, node.UtxoSet());
    }

    [Fact]
    public void VerifyDbAtLevelFourPassesOnAHealthyChain()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        for (int i = 0; i < 5; i++) node.MineWithSpends(txCount: 3, inputsPerTx: 1);
        for (int level = 0; level <= 4; level++) Assert.Equal(VerifyDbResult.Success, node.Chainman.VerifyDb(level, 0));
        Assert.Equal(VerifyDbResult.Success, node.Chainman.VerifyDb(4, 6));
    }

    [Fact]
    public void VerifyDbDetectsACoinsDatabaseThatDoesNotMatchTheBlocks()
    {
        using var node = new TestNode();
        node.MineBlocks(101);
        var block = node.MineWithSpends(txCount: 1);
        node.Chainman.FlushStateToDisk(FlushStateMode.ForceFlush);
        // Remove a coin the tip block created, behind the cache's back.
        var created = new OutPoint(block.Transactions[1], 0);
        lock (node.Chainman.Lock) node.Chainman.ActiveChainstate.CoinsDb.Database.Erase(Bitcoin.Kernel.Coins.CoinSerializer.Key(created));
        Assert.Equal(VerifyDbResult.CorruptedBlockDb, node.Chainman.VerifyDb(3, 1));
    }

    [Fact]
    public void UpdateTipLogLineHasCoresFormat()
    {
        var log = LogCapture.Instance;
        using var node = new TestNode();
        var block = node.Mine();
        var hash = block.GetHash().ToString();
        var line = log.Lines.Single(l => l.Contains($"new best={hash}", StringComparison.Ordinal));
        Assert.Matches(
            $"^UpdateTip: new best={hash} height=1 version=0x20000000 log2_work=2\\.000000 tx=2 date='\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ' progress=\\d\\.\\d{{6}} cache=\\d+\\.\\dMiB\\(\\d+txo\\)$",
            line);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
