using System.Diagnostics;
using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>The README's main job: bitcoind -daemonwait, then bitcoin-cli mines, reports and stops it.</summary>
public sealed class UserStoryTests
{
    private static async Task<ProcessResult> CliAsync(NodeProcess node, params string[] arguments)
    {
        var info = new ProcessStartInfo(RepoPaths.Executable("bitcoin-cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-regtest", $"-datadir={node.DataDir}", $"-rpcport={node.RpcPort}" }.Concat(arguments))
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(NodeProcess.Patience);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task BitcoinCliMinesQueriesAndStopsADaemonizedNode()
    {
        await using var node = NodeProcess.Create();
        node.ExpectDaemon();
        var start = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-daemonwait"]);
        Assert.Equal(0, start.ExitCode);

        var mined = await CliAsync(node, "generatetoaddress", "101", NodeChainExtensions.MiningAddress);
        Assert.Equal(0, mined.ExitCode);
        Assert.Equal(101, JsonNode.Parse(mined.Stdout)!.AsArray().Count);

        var info = await CliAsync(node, "getblockchaininfo");
        Assert.Equal(0, info.ExitCode);
        var chain = JsonNode.Parse(info.Stdout)!;
        Assert.Equal("regtest", chain["chain"]!.GetValue<string>());
        Assert.Equal(101, chain["blocks"]!.GetValue<int>());

        var daemonPid = node.ReadPidFile()!.Value;
        var stop = await CliAsync(node, "stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal("Bitcoin Core stopping\n", stop.Stdout);
        for (var i = 0; i < 1200 && LibC.ProcessExists(daemonPid); i++)
            await Task.Delay(100);
        Assert.False(LibC.ProcessExists(daemonPid));
        Assert.EndsWith("Shutdown done\n", node.ReadDebugLog(), StringComparison.Ordinal);
    }
}
