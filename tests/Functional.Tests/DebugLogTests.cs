using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>debug.log in the network data directory carries Core's start-up lines.</summary>
public sealed class DebugLogTests
{
    [Fact]
    public async Task StartupLinesDescribeVersionDirectoriesConfigAndArguments()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-debug=rpc");
        Assert.Equal(0, await node.StopAsync());

        var log = node.ReadDebugLog();
        Assert.Contains("Bitcoin Core version v", log, StringComparison.Ordinal);
        Assert.Contains("Default data directory ", log, StringComparison.Ordinal);
        Assert.Contains($"Using data directory {node.NetDir}\n", log, StringComparison.Ordinal);
        Assert.Contains($"Config file: {Path.Combine(node.DataDir, "bitcoin.conf")} (not found, skipping)", log, StringComparison.Ordinal);
        Assert.Contains($"Command-line arg: rpcport=\"{node.RpcPort}\"", log, StringComparison.Ordinal);
        Assert.Contains("parameter interaction: -bind set -> setting -listen=1", log, StringComparison.Ordinal);
        Assert.Contains($"Binding RPC on address 127.0.0.1 port {node.RpcPort}", log, StringComparison.Ordinal);
        Assert.Contains("init message: Done loading", log, StringComparison.Ordinal);
    }
}
