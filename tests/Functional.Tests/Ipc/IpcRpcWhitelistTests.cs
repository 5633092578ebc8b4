namespace Functional.Tests.Ipc;

/// <summary>-rpcwhitelist holds for RPCs that come over IPC as for HTTP ones (issue 5): IPC is no way around it.</summary>
public sealed class IpcRpcWhitelistTests
{
    [Fact]
    public async Task WhitelistedUserOverIpcMayCallOnlyTheListedMethods()
    {
        await using var node = new IpcNode();
        // The default stays open, so the start-up wait (cookie user, over HTTP) and users without a list are not refused.
        await node.StartAsync("-ipcbind=unix", "-rpcwhitelist=alice:getblockcount", "-rpcwhitelistdefault=0");

        var allowed = await node.CliAsync("-ipcconnect=unix", "-rpcuser=alice", "getblockcount");
        Assert.Equal((0, "0\n"), (allowed.ExitCode, allowed.Stdout));

        // The node answers no reply, as to HTTP's 403; Core's client fails reading it, and so does ours.
        var refused = await node.CliAsync("-ipcconnect=unix", "-rpcuser=alice", "getblockchaininfo");
        Assert.Equal((1, "error: JSON value of type null is not of expected type object\n"), (refused.ExitCode, refused.Stderr));
        Assert.Contains("RPC User alice not allowed to call method getblockchaininfo", node.ReadDebugLog(), StringComparison.Ordinal);

        // A user without a list calls anything (the default is open here).
        var other = await node.CliAsync("-ipcconnect=unix", "getblockchaininfo");
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(0, await node.StopAsync());
    }
}
