using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>A node started in a temporary data directory shuts down cleanly however it is asked to.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StopRpcEndsWithStatusZeroAndRemovesCookieAndPidFile()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        Assert.True(File.Exists(node.CookieFile));
        Assert.Equal(node.Pid, node.ReadPidFile());

        var reply = await node.RpcAsync("stop");
        Assert.Equal("Bitcoin Core stopping", reply!.GetValue<string>());

        Assert.Equal(0, await node.WaitForExitAsync());
        Assert.False(File.Exists(node.CookieFile), "the cookie must be deleted at shutdown");
        Assert.False(File.Exists(node.PidFile), "the pid file must be deleted at shutdown");
        var log = node.ReadDebugLog();
        Assert.Contains("Shutdown in progress...", log, StringComparison.Ordinal);
        Assert.EndsWith("Shutdown done\n", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LibC.SIGTERM)]
    [InlineData(LibC.SIGINT)]
    public async Task TerminationSignalShutsDownCleanly(int signal)
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();

        node.Signal(signal);

        Assert.Equal(0, await node.WaitForExitAsync());
        Assert.False(File.Exists(node.CookieFile));
        Assert.False(File.Exists(node.PidFile));
        Assert.EndsWith("Shutdown done\n", node.ReadDebugLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SighupReopensDebugLogSoThatItCanBeRotated()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        var rotated = node.DebugLogPath + ".1";
        File.Move(node.DebugLogPath, rotated);

        node.Signal(LibC.SIGHUP);
        // The logger reopens the file at its next line; a shutdown writes several.
        Assert.Equal(0, await node.StopAsync());

        Assert.Contains("Shutdown done", node.ReadDebugLog(), StringComparison.Ordinal);
        Assert.DoesNotContain("Shutdown done", File.ReadAllText(rotated), StringComparison.Ordinal);
    }
}
