using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Net;

/// <summary>
/// Several of our nodes on loopback, as Core's functional tests use them: block sync, reorganisation across nodes,
/// transaction relay, bans and disconnections, and a scripted peer sending malformed messages.
/// </summary>
public sealed class P2PNetworkTests
{
    /// <summary>P2WSH of OP_TRUE (Core's ADDRESS_BCRT1_P2WSH_OP_TRUE): anyone can spend it with the witness [OP_TRUE].</summary>
    internal const string OpTrueAddress = "bcrt1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqseac85";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    internal static async Task ConnectAsync(NodeProcess from, NodeProcess to)
    {
        await from.RpcAsync("addnode", $"127.0.0.1:{to.P2pPort}", "onetry");
        await WaitUntilAsync(async () => (await from.RpcAsync("getpeerinfo"))!.AsArray()
            .Any(p => p!["subver"]!.GetValue<string>().Length > 0 && p["addr"]!.GetValue<string>() == $"127.0.0.1:{to.P2pPort}"), "connection");
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    internal static Task SyncBlocksAsync(params NodeProcess[] nodes) => WaitUntilAsync(async () =>
    {
        var hashes = new HashSet<string>();
        foreach (var node in nodes)
            hashes.Add(await node.BestBlockHashAsync());
        return hashes.Count == 1;
    }, "block sync");

    internal static async Task<IReadOnlyList<string>> RawMempoolAsync(NodeProcess node) =>
        (await node.RpcAsync("getrawmempool"))!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    internal static async Task<IReadOnlyList<string>> MineToOpTrueAsync(NodeProcess node, int count) =>
        (await node.RpcAsync("generatetoaddress", count, OpTrueAddress))!.AsArray().Select(h => h!.GetValue<string>()).ToList();

    /// <summary>The coinbase txid of block <paramref name="height"/>.</summary>
    internal static async Task<string> CoinbaseTxidAsync(NodeProcess node, int height)
    {
        var hash = (await node.RpcAsync("getblockhash", height))!.GetValue<string>();
        return (await node.RpcAsync("getblock", hash, 1))!["tx"]![0]!.GetValue<string>();
    }

    /// <summary>A segwit transaction spending output <paramref name="vout"/> of <paramref name="txid"/> (P2WSH OP_TRUE) back to P2WSH OP_TRUE.</summary>
    internal static string SpendOpTrue(string txid, uint vout, long amount)
    {
        var tx = new List<byte>();
        tx.AddRange(BitConverter.GetBytes(2));
        tx.AddRange([0x00, 0x01]);
        tx.Add(1);
        tx.AddRange(Convert.FromHexString(txid).Reverse());
        tx.AddRange(BitConverter.GetBytes(vout));
        tx.Add(0);
        tx.AddRange(BitConverter.GetBytes(0xfffffffdU));
        tx.Add(1);
        tx.AddRange(BitConverter.GetBytes(amount));
        tx.AddRange(Convert.FromHexString("220020" + "4ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc33260"));
        tx.AddRange([0x01, 0x01, 0x51]);
        tx.AddRange(BitConverter.GetBytes(0));
        return Convert.ToHexStringLower([.. tx]);
    }

    [Fact]
    public async Task TwoNodesSyncBlocksAndRelayTransactions()
    {
        await using var a = NodeProcess.Create();
        await using var b = NodeProcess.Create();
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await MineToOpTrueAsync(a, 110);
        await ConnectAsync(b, a);
        await SyncBlocksAsync(a, b);
        Assert.Equal(110, await b.BlockCountAsync());

        // A transaction submitted to one node reaches the other's mempool (announced to an outbound peer, which
        // trickles sooner than announcements to inbound ones).
        var raw = SpendOpTrue(await CoinbaseTxidAsync(a, 1), 0, 50_0000_0000 - 10_000);
        var txid = (await b.RpcAsync("sendrawtransaction", raw))!.GetValue<string>();
        await WaitUntilAsync(async () => (await RawMempoolAsync(a)).Contains(txid), "transaction relay");

        // A block mined on the other side confirms it on both.
        await MineToOpTrueAsync(a, 1);
        await SyncBlocksAsync(a, b);
        await WaitUntilAsync(async () => (await RawMempoolAsync(b)).Count == 0, "mempool cleared by the block");
        // B's view of A: its outbound peer, which announced block 111.
        var peer = Assert.Single((await b.RpcAsync("getpeerinfo"))!.AsArray());
        Assert.False(peer!["inbound"]!.GetValue<bool>());
        Assert.Equal(111, peer["synced_blocks"]!.GetValue<int>());
        Assert.Equal(0, await a.StopAsync());
        Assert.Equal(0, await b.StopAsync());
    }

    [Fact]
    public async Task ReorganisationAcrossNodes()
    {
        await using var a = NodeProcess.Create();
        await using var b = NodeProcess.Create();
        await using var c = NodeProcess.Create();
        await Task.WhenAll(a.StartAsync(), b.StartAsync(), c.StartAsync());
        // A common start, then two branches: A mines 5 blocks, B mines 8.
        await MineToOpTrueAsync(a, 10);
        await ConnectAsync(b, a);
        await SyncBlocksAsync(a, b);
        await b.RpcAsync("disconnectnode", $"127.0.0.1:{a.P2pPort}");
        await WaitUntilAsync(async () => (int)(await a.RpcAsync("getconnectioncount"))! == 0, "disconnect");
        var shortTip = (await MineToOpTrueAsync(a, 5))[^1];
        // B mines to another script: blocks mined in the same second on the same parent to the same address would be
        // identical, and the two branches one chain.
        var longTip = (await b.RpcAsync("generatetodescriptor", 8, "raw(52)#qu92mhx7"))!.AsArray()[^1]!.GetValue<string>();

        // C follows A first, then sees B's longer branch through A once A reorganises.
        await ConnectAsync(c, a);
        await c.WaitForBestBlockAsync(shortTip);
        await ConnectAsync(a, b);
        await a.WaitForBestBlockAsync(longTip);
        await c.WaitForBestBlockAsync(longTip);
        var tips = (await a.RpcAsync("getchaintips"))!.AsArray();
        Assert.Contains(tips, t => t!["hash"]!.GetValue<string>() == shortTip && t["status"]!.GetValue<string>() == "valid-fork");
        Assert.Equal(18, await c.BlockCountAsync());
    }

    [Fact]
    public async Task BanListAndDisconnect()
    {
        await using var a = NodeProcess.Create();
        await using var b = NodeProcess.Create();
        await Task.WhenAll(a.StartAsync(), b.StartAsync("-debug=net"));
        await ConnectAsync(a, b);

        // Banning the loopback address drops the connection; new ones are refused.
        await b.RpcAsync("setban", "127.0.0.1", "add");
        await WaitUntilAsync(async () => (int)(await b.RpcAsync("getconnectioncount"))! == 0, "ban disconnects");
        var banned = Assert.Single((await b.RpcAsync("listbanned"))!.AsArray());
        Assert.Equal("127.0.0.1/32", banned!["address"]!.GetValue<string>());
        Assert.Equal(86400, banned["ban_duration"]!.GetValue<long>());
        var again = await Assert.ThrowsAsync<RpcError>(() => b.RpcAsync("setban", "127.0.0.1", "add"));
        Assert.Equal((-23, "Error: IP/Subnet already banned"), (again.Code, again.RpcMessage));
        await a.RpcAsync("addnode", $"127.0.0.1:{b.P2pPort}", "onetry");
        await WaitUntilAsync(() => Task.FromResult(b.ReadDebugLog().Contains("dropped (banned)", StringComparison.Ordinal)), "banned connection dropped");
        Assert.Equal(0, (int)(await b.RpcAsync("getconnectioncount"))!);

        // The ban list survives a restart (banlist.json).
        Assert.Equal(0, await b.StopAsync());
        await b.StartAsync();
        Assert.Single((await b.RpcAsync("listbanned"))!.AsArray());
        await b.RpcAsync("clearbanned");
        Assert.Empty((await b.RpcAsync("listbanned"))!.AsArray());
        var unban = await Assert.ThrowsAsync<RpcError>(() => b.RpcAsync("setban", "127.0.0.1", "remove"));
        Assert.Equal(-30, unban.Code);

        // disconnectnode by id, and its errors.
        await ConnectAsync(a, b);
        var id = (await b.RpcAsync("getpeerinfo"))![0]!["id"]!.GetValue<long>();
        await b.RpcAsync("disconnectnode", "", id);
        await WaitUntilAsync(async () => (int)(await b.RpcAsync("getconnectioncount"))! == 0, "disconnectnode");
        var notFound = await Assert.ThrowsAsync<RpcError>(() => b.RpcAsync("disconnectnode", "", id));
        Assert.Equal((-29, "Node not found in connected nodes"), (notFound.Code, notFound.RpcMessage));
        var both = await Assert.ThrowsAsync<RpcError>(() => b.RpcAsync("disconnectnode", "127.0.0.1:1", id));
        Assert.Equal((-32602, "Only one of address and nodeid should be provided."), (both.Code, both.RpcMessage));
    }

    [Fact]
    public async Task MalformedMessagesFromAScriptedPeer()
    {
        await using var node = NodeProcess.Create();
        await using var other = NodeProcess.Create();
        // The scripted peer speaks v1 and its first bytes are not always a version message, which a node with v2 on
        // (the default) would take for a v2 key, as Core does; malformed v2 handshakes are V2TransportTests' subject.
        await Task.WhenAll(node.StartAsync("-v2transport=0"), other.StartAsync());
        await ConnectAsync(other, node);

        // Unknown messages and bad checksums are dropped; the connection stays.
        await using (var peer = await ScriptedPeer.ConnectAsync(node.P2pPort))
        {
            await peer.HandshakeAsync();
            await peer.SendAsync("foo", [1, 2, 3]);
            var badChecksum = ScriptedPeer.Frame("ping", BitConverter.GetBytes(1UL));
            badChecksum[20] ^= 0xff;
            await peer.SendRawAsync(badChecksum);
            Assert.True(await peer.PingAsync());

            // A length prefix over 4,000,000 bytes ends the connection at once.
            var huge = ScriptedPeer.Frame("block", []);
            BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(16), 0x7fffffff);
            await peer.SendRawAsync(huge);
            Assert.True(await peer.WaitForDisconnectAsync(Wait));
        }

        // Garbage instead of a network magic ends the connection too.
        await using (var peer = await ScriptedPeer.ConnectAsync(node.P2pPort))
        {
            await peer.SendRawAsync([.. Enumerable.Range(0, 100).Select(i => (byte)(i * 7))]);
            Assert.True(await peer.WaitForDisconnectAsync(Wait));
        }

        // An oversized inv is misbehaviour: disconnected (a local peer is not discouraged, as in Core). The count is a
        // canonical compact size (0xfd and 16 bits): a non-canonical one only fails to decode and is ignored.
        await using (var peer = await ScriptedPeer.ConnectAsync(node.P2pPort))
        {
            await peer.HandshakeAsync();
            var inv = new byte[3 + (50_001 * 36)];
            inv[0] = 0xfd;
            BinaryPrimitives.WriteUInt16LittleEndian(inv.AsSpan(1), 50_001);
            for (int i = 0; i < 50_001; i++)
                BinaryPrimitives.WriteUInt32LittleEndian(inv.AsSpan(3 + (i * 36)), 1);
            await peer.SendAsync("inv", inv);
            Assert.True(await peer.WaitForDisconnectAsync(Wait));
        }

        // Messages before the handshake are ignored rather than crashing anything.
        await using (var peer = await ScriptedPeer.ConnectAsync(node.P2pPort))
        {
            await peer.SendAsync("getheaders", new byte[40]);
            await peer.HandshakeAsync();
            Assert.True(await peer.PingAsync());
        }

        // A flood of connections that never speak is cut off without disturbing the node.
        var silent = new List<ScriptedPeer>();
        for (int i = 0; i < 50; i++)
            silent.Add(await ScriptedPeer.ConnectAsync(node.P2pPort));
        foreach (var peer in silent)
            await peer.DisposeAsync();

        // Through all of it the node kept its other peer and its RPC.
        var peers = (await node.RpcAsync("getpeerinfo"))!.AsArray();
        Assert.Contains(peers, p => p!["subver"]!.GetValue<string>().StartsWith("/MultiprocessBitcoin:", StringComparison.Ordinal));
        await MineToOpTrueAsync(node, 3);
        await SyncBlocksAsync(node, other);
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task BloomFiltersAreServedOnlyWithPeerBloomFilters()
    {
        await using var plain = NodeProcess.Create();
        await using var bloom = NodeProcess.Create();
        await Task.WhenAll(plain.StartAsync(), bloom.StartAsync("-peerbloomfilters"));
        Assert.Contains("BLOOM", (await bloom.RpcAsync("getnetworkinfo"))!["localservicesnames"]!.AsArray().Select(n => n!.GetValue<string>()));

        // A one-byte filter, one hash function, no tweak, no automatic updates (BIP37's filterload layout).
        byte[] filterload = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];

        // Without NODE_BLOOM a filterload ends the connection.
        await using (var peer = await ScriptedPeer.ConnectAsync(plain.P2pPort))
        {
            await peer.HandshakeAsync();
            await peer.SendAsync("filterload", filterload);
            Assert.True(await peer.WaitForDisconnectAsync(Wait));
        }

        // With it the filter is accepted and the peer stays; a filteradd larger than a script element is misbehaviour.
        await using (var peer = await ScriptedPeer.ConnectAsync(bloom.P2pPort))
        {
            await peer.HandshakeAsync();
            await peer.SendAsync("filterload", filterload);
            await peer.SendAsync("filteradd", [33, .. new byte[33]]);
            await peer.SendAsync("filterclear");
            Assert.True(await peer.PingAsync());

            // An empty filter takes additions without dividing by its size (CVE-2013-5700).
            await peer.SendAsync("filterload", [0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
            await peer.SendAsync("filteradd", [4, 1, 2, 3, 4]);
            Assert.True(await peer.PingAsync());
            await peer.SendAsync("filteradd", [0xfd, 0x09, 0x02, .. new byte[521]]);
            Assert.True(await peer.WaitForDisconnectAsync(Wait));
        }

        // A filteradd without a loaded filter is misbehaviour too.
        await using (var peer = await ScriptedPeer.ConnectAsync(bloom.P2pPort))
        {
            await peer.HandshakeAsync();
            await peer.SendAsync("filteradd", [1, 0]);
            Assert.True(await peer.WaitForDisconnectAsync(Wait));
        }
    }

    [Fact]
    public async Task NetworkRpcsAnswerAsCoreDoes()
    {
        await using var node = NodeProcess.Create();
        // With v2 off, as Core's services and addnode error below (V2TransportTests covers the default).
        await node.StartAsync("-uacomment=functional", "-v2transport=0");
        var info = (await node.RpcAsync("getnetworkinfo"))!.AsObject();
        Assert.Equal("/MultiprocessBitcoin:31.99.0(functional)/", info["subversion"]!.GetValue<string>());
        Assert.Equal(70017, info["protocolversion"]!.GetValue<int>());
        Assert.Equal("0000000000000409", info["localservices"]!.GetValue<string>());
        Assert.Equal(["NETWORK", "WITNESS", "NETWORK_LIMITED"], info["localservicesnames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(info["networkactive"]!.GetValue<bool>());

        var empty = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("addnode", " ", "add"));
        Assert.Equal((-8, "Error: Node address cannot be empty"), (empty.Code, empty.RpcMessage));
        var v2 = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("addnode", "127.0.0.1:1", "add", true));
        Assert.Equal((-8, "Error: v2transport requested but not enabled (see -v2transport)"), (v2.Code, v2.RpcMessage));
        await node.RpcAsync("addnode", "127.0.0.1:1", "add");
        var twice = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("addnode", "127.0.0.1:1", "add"));
        Assert.Equal(-23, twice.Code);
        var added = Assert.Single((await node.RpcAsync("getaddednodeinfo"))!.AsArray());
        Assert.Equal("127.0.0.1:1", added!["addednode"]!.GetValue<string>());
        await node.RpcAsync("addnode", "127.0.0.1:1", "remove");
        var notAdded = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getaddednodeinfo", "127.0.0.1:1"));
        Assert.Equal((-24, "Error: Node has not been added."), (notAdded.Code, notAdded.RpcMessage));

        Assert.False((await node.RpcAsync("setnetworkactive", false))!.GetValue<bool>());
        Assert.True((await node.RpcAsync("setnetworkactive", true))!.GetValue<bool>());
        var totals = (await node.RpcAsync("getnettotals"))!.AsObject();
        Assert.Equal(86400, totals["uploadtarget"]!["timeframe"]!.GetValue<long>());
        var range = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getnodeaddresses", -1));
        Assert.Equal((-8, "Address count out of range"), (range.Code, range.RpcMessage));
        Assert.True((await node.RpcAsync("addpeeraddress", "1.2.3.4", 8333))!["success"]!.GetValue<bool>());
        var addresses = (await node.RpcAsync("getnodeaddresses", 0))!.AsArray();
        Assert.Equal("1.2.3.4", Assert.Single(addresses)!["address"]!.GetValue<string>());

        // peers.dat keeps the address over a restart.
        Assert.Equal(0, await node.StopAsync());
        Assert.True(File.Exists(Path.Combine(node.NetDir, "peers.dat")));
        await node.StartAsync();
        Assert.Single((await node.RpcAsync("getnodeaddresses", 0))!.AsArray());
    }

    [Fact]
    public async Task UnsafeUserAgentCommentsAreRefused()
    {
        await using var node = NodeProcess.Create();
        node.Launch("-uacomment=(bad)");
        Assert.Equal(1, await node.WaitForExitAsync());
        Assert.Contains("Error: User Agent comment ((bad)) contains unsafe characters.", node.Stderr, StringComparison.Ordinal);
        node.Launch("-uacomment=" + new string('a', 256));
        Assert.Equal(1, await node.WaitForExitAsync());
        Assert.Contains("exceeds maximum length (256). Reduce the number or size of uacomments.", node.Stderr, StringComparison.Ordinal);
    }
}
