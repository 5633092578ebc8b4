using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>-daemon and -daemonwait put the node in the background as Core's fork does.</summary>
public sealed class DaemonTests
{
    [Fact]
    public async Task DaemonWaitReturnsOnlyOnceTheNodeServesRpc()
    {
        await using var node = NodeProcess.Create();
        node.ExpectDaemon();

        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-daemonwait"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bitcoin Core starting\n", result.Stdout);
        var daemonPid = node.ReadPidFile();
        Assert.NotNull(daemonPid);
        Assert.True(LibC.ProcessExists(daemonPid.Value));
        // Ready means out of warm-up: the first call succeeds.
        Assert.Equal("Bitcoin Core stopping", (await node.RpcAsync("stop"))!.GetValue<string>());
        for (var i = 0; i < 1200 && LibC.ProcessExists(daemonPid.Value); i++)
            await Task.Delay(100);
        Assert.False(LibC.ProcessExists(daemonPid.Value), "the daemon keeps running after stop");
        Assert.EndsWith("Shutdown done\n", node.ReadDebugLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonWaitReportsAFailedStart()
    {
        await using var busy = NodeProcess.Create();
        await busy.StartAsync();
        await using var node = NodeProcess.Create();
        node.ExpectDaemon();

        // The RPC port is taken, which is only found after the daemon is in the background.
        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, $"-rpcport={busy.RpcPort}", "-daemonwait"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error during initialization - check debug.log for details\n", result.Stderr);
        Assert.Contains("Unable to start HTTP server", node.ReadDebugLog(), StringComparison.Ordinal);
        Assert.Equal(0, await busy.StopAsync());
    }

    [Fact]
    public async Task DaemonDetachesFromTheTerminalSession()
    {
        await using var node = NodeProcess.Create();
        node.ExpectDaemon();

        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-daemon"]);

        Assert.Equal(0, result.ExitCode);
        await node.WaitForRpcAsync();
        var daemonPid = node.ReadPidFile()!.Value;
        var stat = File.ReadAllText($"/proc/{daemonPid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after the name: state, ppid, pgrp, session. A new session is led by the daemon itself.
        Assert.Equal(daemonPid.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[3]);
        Assert.Equal(0, result.Stderr.Length);
        await node.RpcAsync("stop");
    }
}
