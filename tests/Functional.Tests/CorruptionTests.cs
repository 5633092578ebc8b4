using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>Damaged data directories are reported at start-up with Core's messages, never with a stack trace.</summary>
public sealed class CorruptionTests
{
    private static async Task<NodeProcess> NodeWithChainAsync(int blocks)
    {
        var node = NodeProcess.Create();
        await node.StartAsync();
        await node.GenerateAsync(blocks);
        Assert.Equal(0, await node.StopAsync());
        return node;
    }

    // A failure a reindex may repair is printed as Core's bitcoind prints the question a GUI would ask: the message and
    // the advice, without an "Error: " caption.
    private static void AssertCleanError(ProcessResult result, string message)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptBlockIndexDatabaseIsReported()
    {
        await using var node = await NodeWithChainAsync(10);
        var index = Path.Combine(node.NetDir, "blocks", "index");
        foreach (var file in Directory.GetFiles(index).Where(f => Path.GetFileName(f).StartsWith("MANIFEST", StringComparison.Ordinal) || f.EndsWith(".sst", StringComparison.Ordinal)))
            File.WriteAllBytes(file, new byte[4096]);

        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments]);

        AssertCleanError(result, "Error opening block database.\nPlease restart with -reindex or -reindex-chainstate to recover.\n");

        // Following the advice rebuilds the index from the block files.
        await node.StartAsync("-reindex");
        for (var i = 0; i < 1200 && await node.BlockCountAsync() < 10; i++)
            await Task.Delay(100);
        Assert.Equal(10, await node.BlockCountAsync());
        Assert.True(await node.VerifyChainAsync(4, 0));
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task CorruptBlockFileIsFoundByStartupVerification()
    {
        await using var node = await NodeWithChainAsync(10);
        var blockFile = Path.Combine(node.NetDir, "blocks", "blk00000.dat");
        var bytes = File.ReadAllBytes(blockFile);
        // Overwrite the data of the last blocks (the file is pre-allocated: find where the data ends).
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] == 0)
            end--;
        for (var i = Math.Max(0, end - 600); i < end; i++)
            bytes[i] ^= 0x5a;
        File.WriteAllBytes(blockFile, bytes);

        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments]);

        AssertCleanError(result, "Corrupted block database detected.\nPlease restart with -reindex or -reindex-chainstate to recover.\n");
    }

    [Fact]
    public async Task MissingBlockFileIsReported()
    {
        await using var node = await NodeWithChainAsync(3);
        File.Delete(Path.Combine(node.NetDir, "blocks", "blk00000.dat"));

        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments]);

        AssertCleanError(result, "Error loading block database.\nPlease restart with -reindex or -reindex-chainstate to recover.\n");
        Assert.Contains("Checking all blk files are present...", node.ReadDebugLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirectoryOfAnotherNetworkIsRefused()
    {
        await using var node = await NodeWithChainAsync(1);
        // Regtest data moved to where signet keeps its data: the headers fail signet's proof of work, so the block
        // index does not load (Core says the same).
        var signetDir = Path.Combine(node.DataDir, "signet");
        Directory.Move(node.NetDir, signetDir);
        // peers.dat of another network is refused first (Core's order); this test is about the block index.
        File.Delete(Path.Combine(signetDir, "peers.dat"));

        var result = await NodeProcess.RunToExitAsync("-signet", $"-datadir={node.DataDir}", $"-rpcport={node.RpcPort}", "-printtoconsole=0");

        AssertCleanError(result, "Error loading block database.\nPlease restart with -reindex or -reindex-chainstate to recover.\n");
    }
}
