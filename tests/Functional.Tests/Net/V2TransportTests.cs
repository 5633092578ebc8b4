using System.Net.Sockets;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Net;

/// <summary>
/// BIP324 between real nodes on loopback: two of ours speak v2 by default, a v1-only node is reached by falling back
/// to v1 in both directions, and malformed handshakes end only their own connection.
/// </summary>
public sealed class V2TransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static async Task<System.Text.Json.Nodes.JsonObject> PeerAtAsync(NodeProcess node, Func<string, bool> addr)
    {
        System.Text.Json.Nodes.JsonObject? found = null;
        await P2PNetworkTests.WaitUntilAsync(async () =>
        {
            found = (await node.RpcAsync("getpeerinfo"))!.AsArray()
                .Select(p => p!.AsObject())
                .FirstOrDefault(p => addr(p["addr"]!.GetValue<string>()) && p["version"]!.GetValue<int>() > 0);
            return found is not null;
        }, "a connected peer");
        return found!;
    }

    private static Task WaitForLogAsync(NodeProcess node, string text) =>
        P2PNetworkTests.WaitUntilAsync(() => Task.FromResult(node.ReadDebugLog().Contains(text, StringComparison.Ordinal)), $"log line '{text}'");

    [Fact]
    public async Task TwoNodesConnectOverV2WithOneSessionIdAndSyncBlocks()
    {
        await using var a = NodeProcess.Create();
        await using var b = NodeProcess.Create();
        await Task.WhenAll(a.StartAsync("-debug=net"), b.StartAsync());
        var info = (await a.RpcAsync("getnetworkinfo"))!.AsObject();
        Assert.Equal("0000000000000c09", info["localservices"]!.GetValue<string>());
        Assert.Contains("P2P_V2", info["localservicesnames"]!.AsArray().Select(n => n!.GetValue<string>()));

        await a.RpcAsync("addnode", $"127.0.0.1:{b.P2pPort}", "onetry", true);
        var outbound = await PeerAtAsync(a, addr => addr == $"127.0.0.1:{b.P2pPort}");
        var inbound = await PeerAtAsync(b, _ => true);
        Assert.Equal("v2", outbound["transport_protocol_type"]!.GetValue<string>());
        Assert.Equal("v2", inbound["transport_protocol_type"]!.GetValue<string>());
        var sessionId = outbound["session_id"]!.GetValue<string>();
        Assert.Equal(64, sessionId.Length);
        Assert.Equal(sessionId, inbound["session_id"]!.GetValue<string>());
        await WaitForLogAsync(a, "start sending v2 handshake");

        await P2PNetworkTests.MineToOpTrueAsync(a, 20);
        await P2PNetworkTests.SyncBlocksAsync(a, b);
    }

    [Fact]
    public async Task V1OnlyNodeIsReachedByFallingBackToV1BothWays()
    {
        await using var v2 = NodeProcess.Create();
        await using var v1 = NodeProcess.Create();
        await Task.WhenAll(v2.StartAsync("-debug=net"), v1.StartAsync("-v2transport=0"));

        // Our v2 attempt is dropped by the v1 node (it sees no v1 header); we retry with v1, as Core does.
        await v2.RpcAsync("addnode", $"127.0.0.1:{v1.P2pPort}", "onetry", true);
        var outbound = await PeerAtAsync(v2, addr => addr == $"127.0.0.1:{v1.P2pPort}");
        Assert.Equal("v1", outbound["transport_protocol_type"]!.GetValue<string>());
        Assert.Equal("", outbound["session_id"]!.GetValue<string>());
        await WaitForLogAsync(v2, "retrying with v1 transport protocol for peer=");

        // A v1 node connecting to us is recognised by its first 16 bytes and served in v1.
        await v1.RpcAsync("addnode", $"127.0.0.1:{v2.P2pPort}", "onetry");
        var inbound = await PeerAtAsync(v2, addr => addr != $"127.0.0.1:{v1.P2pPort}");
        Assert.Equal("v1", inbound["transport_protocol_type"]!.GetValue<string>());

        await P2PNetworkTests.MineToOpTrueAsync(v1, 10);
        await P2PNetworkTests.SyncBlocksAsync(v1, v2);
    }

    [Fact]
    public async Task MalformedHandshakesDisconnectOnlyThatPeer()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-debug=net");

        // A v1 peer of another network (mainnet magic, then "version"): refused as soon as the 16 bytes are in.
        await using (var wrongNetwork = await ScriptedPeer.ConnectAsync(node.P2pPort))
        {
            await wrongNetwork.SendRawAsync(ScriptedPeer.Frame("version", ScriptedPeer.VersionPayload(), [0xf9, 0xbe, 0xb4, 0xd9]));
            Assert.True(await wrongNetwork.WaitForDisconnectAsync(Wait));
        }

        // 64 key bytes and the most garbage allowed without the terminator: refused at the last byte.
        await using (var noTerminator = await ScriptedPeer.ConnectAsync(node.P2pPort))
        {
            var bytes = new byte[64 + 4095 + 16];
            Random.Shared.NextBytes(bytes);
            bytes[0] = 0;   // not the regtest magic, so taken for a v2 key
            await noTerminator.SendRawAsync(bytes);
            Assert.True(await noTerminator.WaitForDisconnectAsync(Wait));
        }

        // A peer that sends half a key and goes away.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", node.P2pPort);
            await client.GetStream().WriteAsync(new byte[32]);
        }

        await WaitForLogAsync(node, "V2 transport error: V1 peer with wrong MessageStart f9beb4d9");
        await WaitForLogAsync(node, "V2 transport error: missing garbage terminator");

        // The node still serves v1 peers and RPC.
        await using var good = await ScriptedPeer.ConnectAsync(node.P2pPort);
        await good.HandshakeAsync();
        Assert.True(await good.PingAsync());
        Assert.Equal(0, (await node.RpcAsync("getblockcount"))!.GetValue<int>());
    }
}
