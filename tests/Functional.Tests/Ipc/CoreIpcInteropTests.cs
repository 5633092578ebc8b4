using System.Text.Json.Nodes;

namespace Functional.Tests.Ipc;

/// <summary>
/// Wire compatibility with Bitcoin Core's IPC: Core's bitcoin-cli -ipcconnect against our bitcoin-node, and our
/// bitcoin-cli -ipcconnect against Core's bitcoin-node (built with -DENABLE_IPC=ON). CI has no Core executables, so
/// these are in the CoreOracle category that <c>.ci/run</c> leaves out; run them with
/// <c>BITCOIN_CORE_BITCOIN_NODE=&lt;bitcoin-node&gt; BITCOIN_CORE_BITCOIN_CLI=&lt;bitcoin-cli&gt; dotnet test --filter Category=CoreOracle</c>.
/// Selected without those variables they fail rather than skip.
/// </summary>
[Trait("Category", "CoreOracle")]
public sealed class CoreIpcInteropTests
{
    private static string Core(string variable, string what)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        Assert.True(!string.IsNullOrEmpty(path) && File.Exists(path), $"Needs Bitcoin Core built with IPC: set {variable} to its {what} executable.");
        return Path.GetFullPath(path!);
    }

    [Fact]
    public async Task CoresCliRunsRpcsOverIpcAgainstOurNode()
    {
        var coreCli = Core("BITCOIN_CORE_BITCOIN_CLI", "bitcoin-cli");
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix", "-debug=ipc");
        string[] common = ["-regtest", $"-datadir={node.DataDir}", "-ipcconnect=unix"];

        var info = await IpcNode.RunAsync(coreCli, [.. common, "getblockchaininfo"]);
        Assert.Equal((0, ""), (info.ExitCode, info.Stderr));
        Assert.Equal("regtest", JsonNode.Parse(info.Stdout)!["chain"]!.GetValue<string>());

        var echo = await IpcNode.RunAsync(coreCli, [.. common, "echo", "a", "b"]);
        Assert.Equal((0, "[\n  \"a\",\n  \"b\"\n]\n"), (echo.ExitCode, echo.Stdout));

        var unknown = await IpcNode.RunAsync(coreCli, [.. common, "nosuchmethod"]);
        Assert.Equal((89, "error code: -32601\nerror message:\nMethod not found\n"), (unknown.ExitCode, unknown.Stderr));

        // Core's client took the libmultiprocess path: construct, makeRpc on a mapped thread, executeRpc.
        var log = node.ReadDebugLog();
        Assert.Contains("Init.construct$Params", log, StringComparison.Ordinal);
        Assert.Contains("Init.makeRpc$Params", log, StringComparison.Ordinal);
        Assert.Contains("Rpc.executeRpc$Params", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurCliRunsRpcsOverIpcAgainstCoresNode()
    {
        var coreNode = Core("BITCOIN_CORE_BITCOIN_NODE", "bitcoin-node");
        await using var node = new IpcNode(coreNode);
        await node.StartAsync("-ipcbind=unix");

        var info = await node.CliAsync("-ipcconnect=unix", "getblockchaininfo");
        Assert.Equal((0, ""), (info.ExitCode, info.Stderr));
        Assert.Equal("regtest", JsonNode.Parse(info.Stdout)!["chain"]!.GetValue<string>());

        var unknown = await node.CliAsync("-ipcconnect=unix", "nosuchmethod");
        Assert.Equal((89, "error code: -32601\nerror message:\nMethod not found\n"), (unknown.ExitCode, unknown.Stderr));

        var stop = await node.CliAsync("-ipcconnect=unix", "stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal(0, await node.WaitForExitAsync());
    }
}
