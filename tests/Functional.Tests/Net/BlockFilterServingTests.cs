using System.Buffers.Binary;
using System.Security.Cryptography;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Net;

/// <summary>
/// BIP157 serving (issue 8): a node with -blockfilterindex -peerblockfilters signals NODE_COMPACT_FILTERS and answers
/// getcfilters, getcfheaders and getcfcheckpt with the filters getblockfilter shows; bad requests and requests to a node
/// without -peerblockfilters end the connection. The replies are decoded here byte by byte, independently of the node.
/// </summary>
public sealed class BlockFilterServingTests
{
    private const ulong NodeCompactFilters = 1 << 6;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FiltersHeadersAndCheckpointsMatchGetBlockFilter()
    {
        await using var serving = NodeProcess.Create();
        await using var plain = NodeProcess.Create();
        await Task.WhenAll(serving.StartAsync("-blockfilterindex", "-peerblockfilters"), plain.StartAsync("-blockfilterindex", "-debug=net"));
        await P2PNetworkTests.MineToOpTrueAsync(serving, 1001);
        await P2PNetworkTests.WaitUntilAsync(async () =>
            (await serving.RpcAsync("getindexinfo"))!["basic block filter index"]!["best_block_height"]!.GetValue<int>() == 1001, "filter index sync");

        var localServices = Convert.ToUInt64((await serving.RpcAsync("getnetworkinfo"))!["localservices"]!.GetValue<string>(), 16);
        Assert.NotEqual(0UL, localServices & NodeCompactFilters);

        await using var peer = await ScriptedPeer.ConnectAsync(serving.P2pPort);
        Assert.NotEqual(0UL, await HandshakeServicesAsync(peer) & NodeCompactFilters);

        // getcfilters for heights 1-10: one cfilter each, in order, carrying getblockfilter's filter.
        await peer.SendAsync("getcfilters", [0, .. BitConverter.GetBytes(1u), .. await HashWireAsync(serving, 10)]);
        for (int height = 1; height <= 10; height++)
        {
            var cfilter = (await peer.WaitForAsync("cfilter", Wait))!;
            Assert.Equal(0, cfilter[0]);
            Assert.Equal(await HashWireAsync(serving, height), cfilter[1..33]);
            var expected = (await BlockFilterAsync(serving, height))["filter"]!.GetValue<string>();
            Assert.Equal(expected, Convert.ToHexStringLower(cfilter[(33 + CompactSizeLength(cfilter[33]))..]));
        }

        // getcfheaders for heights 1-1000: chaining the filter hashes from the previous header gives block 1000's header.
        await peer.SendAsync("getcfheaders", [0, .. BitConverter.GetBytes(1u), .. await HashWireAsync(serving, 1000)]);
        var cfheaders = (await peer.WaitForAsync("cfheaders", Wait))!;
        Assert.Equal(await HashWireAsync(serving, 1000), cfheaders[1..33]);
        Assert.Equal(await HeaderWireAsync(serving, 0), cfheaders[33..65]);
        Assert.Equal([0xfd, 0xe8, 0x03], cfheaders[65..68]); // 1000 hashes
        var header = cfheaders[33..65];
        for (int i = 0; i < 1000; i++)
            header = SHA256.HashData(SHA256.HashData([.. cfheaders.AsSpan(68 + (i * 32), 32), .. header]));
        Assert.Equal(await HeaderWireAsync(serving, 1000), header);

        // getcfcheckpt at the tip: the header at height 1000, the only multiple of 1000 on the chain.
        await peer.SendAsync("getcfcheckpt", [0, .. await HashWireAsync(serving, 1001)]);
        var cfcheckpt = (await peer.WaitForAsync("cfcheckpt", Wait))!;
        Assert.Equal(1, cfcheckpt[33]);
        Assert.Equal(await HeaderWireAsync(serving, 1000), cfcheckpt[34..66]);

        // 1001 filters (heights 0-1000) are one more than a request may ask for: the peer is disconnected.
        await peer.SendAsync("getcfilters", [0, .. BitConverter.GetBytes(0u), .. await HashWireAsync(serving, 1000)]);
        Assert.True(await peer.WaitForDisconnectAsync(Wait));

        // A node without -peerblockfilters neither signals the service nor tolerates the requests.
        var plainServices = Convert.ToUInt64((await plain.RpcAsync("getnetworkinfo"))!["localservices"]!.GetValue<string>(), 16);
        Assert.Equal(0UL, plainServices & NodeCompactFilters);
        await using var other = await ScriptedPeer.ConnectAsync(plain.P2pPort);
        Assert.Equal(0UL, await HandshakeServicesAsync(other) & NodeCompactFilters);
        await other.SendAsync("getcfcheckpt", [0, .. await HashWireAsync(plain, 0)]);
        Assert.True(await other.WaitForDisconnectAsync(Wait));
        await P2PNetworkTests.WaitUntilAsync(() => Task.FromResult(
            plain.ReadDebugLog().Contains("peer requested unsupported block filter type: 0", StringComparison.Ordinal)), "the refusal in debug.log");
    }

    [Fact]
    public async Task PeerBlockFiltersWithoutTheIndexIsAStartupError()
    {
        await using var node = NodeProcess.Create();
        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-peerblockfilters"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error: Cannot set -peerblockfilters without -blockfilterindex.", result.Stderr, StringComparison.Ordinal);
    }

    // Sends version, returns the services of the node's version, completes the handshake.
    private static async Task<ulong> HandshakeServicesAsync(ScriptedPeer peer)
    {
        await peer.SendAsync("version", ScriptedPeer.VersionPayload());
        var version = (await peer.WaitForAsync("version", Wait))!;
        await peer.SendAsync("verack");
        Assert.NotNull(await peer.WaitForAsync("verack", Wait));
        return BinaryPrimitives.ReadUInt64LittleEndian(version.AsSpan(4));
    }

    private static int CompactSizeLength(byte marker) => marker switch { < 253 => 1, 253 => 3, 254 => 5, _ => 9 };

    private static async Task<System.Text.Json.Nodes.JsonNode> BlockFilterAsync(NodeProcess node, int height) =>
        (await node.RpcAsync("getblockfilter", (await node.RpcAsync("getblockhash", height))!.GetValue<string>()))!;

    // A block hash as it travels: the RPC's hex reversed.
    private static async Task<byte[]> HashWireAsync(NodeProcess node, int height) =>
        Convert.FromHexString((await node.RpcAsync("getblockhash", height))!.GetValue<string>()).Reverse().ToArray();

    private static async Task<byte[]> HeaderWireAsync(NodeProcess node, int height) =>
        Convert.FromHexString((await BlockFilterAsync(node, height))["header"]!.GetValue<string>()).Reverse().ToArray();
}
