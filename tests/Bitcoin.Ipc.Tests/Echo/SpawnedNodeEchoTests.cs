using Bitcoin.Ipc.Capnp.Messages;
using Multiprocess;

namespace Bitcoin.Ipc.Tests.Echo;

/// <summary>A parent spawns bin/bitcoin-node (<c>-ipcfd</c>) and calls Echo in it across processes (issue 5).</summary>
public sealed class SpawnedNodeEchoTests
{
    [Fact]
    public async Task ParentCallsEchoInASpawnedBitcoinNode()
    {
        var bin = BinDirectory();
        await using var child = IpcProcess.Spawn("bitcoin-node", bin, new IpcConnectionOptions { ExeName = "test-parent" });
        using var init = IpcInitClient.Connect(child.Connection);

        using var echo = init.MakeEcho();

        Assert.NotNull(echo);
        Assert.Equal("across processes", echo.Echo("across processes"));
        // A spawned node has not started a node yet: it offers no RPC.
        Assert.Null(init.MakeRpc());
    }

    private static string BinDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BitcoinMultiprocess.slnx")))
            {
                var bin = Path.Combine(dir.FullName, "bin");
                Assert.True(File.Exists(Path.Combine(bin, OperatingSystem.IsWindows() ? "bitcoin-node.exe" : "bitcoin-node")),
                    $"{bin}/bitcoin-node is missing: build the solution first.");
                return bin;
            }
        }
        throw new DirectoryNotFoundException("No BitcoinMultiprocess.slnx above the test assembly.");
    }
}
