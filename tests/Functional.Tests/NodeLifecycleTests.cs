using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>Options that make the node act on its own: -stopatheight, -blocknotify, -startupnotify, -shutdownnotify.</summary>
public sealed class NodeLifecycleTests
{
    [Fact]
    public async Task StopAtHeightShutsTheNodeDown()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-stopatheight=5");

        // The call that reaches the height may or may not get its reply before the server stops.
        try
        {
            await node.GenerateAsync(10);
        }
        catch (Exception e) when (e is HttpRequestException or RpcError or IOException)
        {
        }

        Assert.Equal(0, await node.WaitForExitAsync());
        await node.StartAsync();
        Assert.Equal(5, await node.BlockCountAsync());
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task NotifyCommandsRunAtStartupForEachBlockAndAtShutdown()
    {
        await using var node = NodeProcess.Create();
        var blocks = Path.Combine(node.DataDir, "blocks.txt");
        var startup = Path.Combine(node.DataDir, "startup.txt");
        var shutdown = Path.Combine(node.DataDir, "shutdown.txt");
        await node.StartAsync($"-blocknotify=echo %s >> {blocks}", $"-startupnotify=echo up > {startup}", $"-shutdownnotify=echo down > {shutdown}");

        var hashes = await node.GenerateAsync(3);
        Assert.Equal(0, await node.StopAsync());

        // -blocknotify runs detached: wait for the three lines rather than assume they are written already.
        for (var i = 0; i < 600 && (!File.Exists(blocks) || File.ReadAllLines(blocks).Length < 3); i++)
            await Task.Delay(100);
        Assert.Equal(hashes.OrderBy(h => h), File.ReadAllLines(blocks).OrderBy(h => h));
        Assert.Equal("up\n", File.ReadAllText(startup));
        Assert.Equal("down\n", File.ReadAllText(shutdown));
    }
}
