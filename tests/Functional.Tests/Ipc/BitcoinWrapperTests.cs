namespace Functional.Tests.Ipc;

/// <summary>bin/bitcoin, the wrapper of Core's bitcoin.cpp: which executable each command runs.</summary>
public sealed class BitcoinWrapperTests
{
    [Fact]
    public async Task NodeRunsBitcoindUnlessMultiprocessOrIpcOptionsAreAsked()
    {
        var monolithic = await IpcNode.RunAsync("bitcoin", ["node", "-version"]);
        Assert.Equal(0, monolithic.ExitCode);
        Assert.StartsWith("Bitcoin Core daemon version v", monolithic.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("bitcoin-node", monolithic.Stdout.Split('\n')[0], StringComparison.Ordinal);

        foreach (var args in new[] { new[] { "-m", "node", "-version" }, ["node", "-ipcbind=unix", "-version"], ["--multiprocess", "node", "-version"] })
        {
            var multiprocess = await IpcNode.RunAsync("bitcoin", args);
            Assert.Equal(0, multiprocess.ExitCode);
            Assert.EndsWith(" bitcoin-node", multiprocess.Stdout.Split('\n')[0], StringComparison.Ordinal);
        }

        var forcedMonolithic = await IpcNode.RunAsync("bitcoin", ["-M", "node", "-ipcbind=unix", "-version"]);
        Assert.DoesNotContain("bitcoin-node", forcedMonolithic.Stdout.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageErrorsAndMissingExecutablesAreReportedAsCoreReportsThem()
    {
        var none = await IpcNode.RunAsync("bitcoin", []);
        Assert.Equal(1, none.ExitCode);
        Assert.StartsWith("Usage: bitcoin [OPTIONS] COMMAND...", none.Stdout, StringComparison.Ordinal);

        var help = await IpcNode.RunAsync("bitcoin", ["help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("chainstate [ARGS]", help.Stdout, StringComparison.Ordinal);

        var unknownOption = await IpcNode.RunAsync("bitcoin", ["-x", "node"]);
        Assert.Equal(1, unknownOption.ExitCode);
        Assert.StartsWith("Error: Unknown option: -x\nTry '", unknownOption.Stderr, StringComparison.Ordinal);

        var unknownCommand = await IpcNode.RunAsync("bitcoin", ["mine"]);
        Assert.StartsWith("Error: Unrecognized command: 'mine'\n", unknownCommand.Stderr, StringComparison.Ordinal);

        // There is no bitcoin-qt (the GUI is bitcoin-gui, when built): Core's message for a missing executable.
        var gui = await IpcNode.RunAsync("bitcoin", ["gui"]);
        Assert.Equal(1, gui.ExitCode);
        Assert.StartsWith($"Error: execvp failed to execute '{Path.Combine(Infrastructure.RepoPaths.BinDir, "bitcoin-qt")}': No such file or directory\n",
            gui.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RpcRunsBitcoinCliWithNamedArguments()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix");

        var result = await IpcNode.RunAsync("bitcoin",
            ["rpc", "-regtest", $"-datadir={node.DataDir}", "getblockhash", "height=0"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206\n", result.Stdout);
    }
}
