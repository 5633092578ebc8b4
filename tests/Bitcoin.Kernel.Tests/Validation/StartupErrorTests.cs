using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

// A damaged data directory is reported at start-up with Core's message, as a KernelInitException, not a crash.
public class StartupErrorTests
{
    [Fact]
    public void MissingBlockFileIsErrorLoadingBlockDatabase()
    {
        using var node = new TestNode();
        node.MineBlocks(5);
        node.Chainman.Dispose();
        File.Move(Path.Combine(node.DataDir, "blocks", "blk00000.dat"), Path.Combine(node.DataDir, "blocks", "blk00000.dat.bak"));
        var ex = Assert.Throws<KernelInitException>(() => ChainstateManager.Load(node.DefaultOptions()));
        Assert.Equal("Error loading block database", ex.Message);
        Assert.Equal(ChainstateLoadStatus.Failure, ex.Status);
        Assert.Equal("Error loading block database.\nPlease restart with -reindex or -reindex-chainstate to recover.", ex.FormatInitError(reindexRequested: false));
        File.Move(Path.Combine(node.DataDir, "blocks", "blk00000.dat.bak"), Path.Combine(node.DataDir, "blocks", "blk00000.dat"));
        node.Reopen();
        Assert.Equal(5, node.Tip.Height);
    }

    [Fact]
    public void CorruptBlockDataIsCorruptedBlockDatabaseDetected()
    {
        using var node = new TestNode();
        node.MineBlocks(20);
        node.Chainman.Dispose();
        // Overwrite 200 bytes from offset 150, as Core's feature_init does: the genesis block is not checked,
        // but block 1 starts at 293 and is damaged.
        var path = Path.Combine(node.DataDir, "blocks", "blk00000.dat");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Seek(150, SeekOrigin.Begin);
            file.Write(Enumerable.Repeat((byte)'1', 200).ToArray());
        }
        var ex = Assert.Throws<KernelInitException>(() => ChainstateManager.Load(node.DefaultOptions() with { CheckBlocks = 200, CheckLevel = 4 }));
        Assert.Equal("Corrupted block database detected", ex.Message);
        Assert.True(ex.SuggestReindex);
        // Closing after the failure left nothing locked: a reindex-chainstate is not enough, but the error is reported again.
        Assert.Throws<KernelInitException>(() => ChainstateManager.Load(node.DefaultOptions() with { CheckBlocks = 200, CheckLevel = 4 }));
    }

    [Fact]
    public void UnopenableCoinsDatabaseIsErrorOpeningCoinsDatabase()
    {
        using var node = new TestNode();
        node.MineBlocks(3);
        node.Chainman.Dispose();
        var chainstate = Path.Combine(node.DataDir, "chainstate");
        foreach (var manifest in Directory.GetFiles(chainstate, "MANIFEST-*")) File.Delete(manifest);
        var ex = Assert.Throws<KernelInitException>(() => ChainstateManager.Load(node.DefaultOptions()));
        Assert.Equal("Error opening coins database", ex.Message);
        Assert.IsType<DatabaseException>(ex.InnerException);
        Assert.StartsWith("Fatal RocksDB error:", ex.InnerException!.Message);
        // -reindex-chainstate rebuilds it.
        node.Reopen(o => o with { ReindexChainstate = true });
        Assert.Equal(3, node.Tip.Height);
    }

    [Fact]
    public void UnopenableBlockIndexIsErrorOpeningBlockDatabase()
    {
        using var node = new TestNode();
        node.MineBlocks(3);
        node.Chainman.Dispose();
        var index = Path.Combine(node.DataDir, "blocks", "index");
        foreach (var manifest in Directory.GetFiles(index, "MANIFEST-*")) File.Delete(manifest);
        var ex = Assert.Throws<KernelInitException>(() => ChainstateManager.Load(node.DefaultOptions()));
        Assert.Equal("Error opening block database", ex.Message);
        // -reindex rebuilds the index from the block files.
        node.Reopen(o => o with { Reindex = true });
        Assert.Equal(3, node.Tip.Height);
    }

    [Fact]
    public void DatadirOfAnotherNetworkIsRejected()
    {
        using var node = new TestNode();
        node.MineBlocks(2);
        node.Chainman.Dispose();
        // Testnet4 parameters on a regtest directory: regtest headers fail testnet4's proof-of-work limit while the
        // index loads, which Core reports as a block database loading error.
        var other = ChainParams.Create(ChainType.Testnet4);
        var ex = Assert.Throws<KernelInitException>(() => ChainstateManager.Load(node.DefaultOptions() with { ChainParams = other }));
        Assert.Equal("Error loading block database", ex.Message);
        node.Reopen();
        Assert.Equal(2, node.Tip.Height);
    }
}
