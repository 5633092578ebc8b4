using Functional.Tests.Infrastructure;

namespace Functional.Tests.Net;

/// <summary>
/// Issue 8 (feature_block.py's b64a): a block message whose transaction count is a non-canonical CompactSize is refused
/// with Core's "non-canonical ReadCompactSize()", without punishing the peer, and the same block sent canonically is
/// then accepted (the refusal must not mark the block invalid).
/// </summary>
public sealed class NonCanonicalBlockTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BloatedTransactionCountIsRefusedAndTheCanonicalBlockAccepted()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-debug=net");
        await P2PNetworkTests.MineToOpTrueAsync(node, 1);
        var generated = (await node.RpcAsync("generateblock", P2PNetworkTests.OpTrueAddress, new System.Text.Json.Nodes.JsonArray(), false))!;
        var hash = generated["hash"]!.GetValue<string>();
        var canonical = Convert.FromHexString(generated["hex"]!.GetValue<string>());
        Assert.Equal(1, canonical[80]); // the coinbase alone
        // As feature_block.py's CBrokenBlock: 0xff and the count in 8 bytes.
        byte[] bloated = [.. canonical[..80], 0xff, 1, 0, 0, 0, 0, 0, 0, 0, .. canonical[81..]];

        await using var peer = await ScriptedPeer.ConnectAsync(node.P2pPort);
        await peer.HandshakeAsync();
        await peer.SendAsync("block", bloated);
        Assert.True(await peer.PingAsync()); // processed, and the connection kept
        await P2PNetworkTests.WaitUntilAsync(() => Task.FromResult(
            node.ReadDebugLog().Contains("Exception 'non-canonical ReadCompactSize()'", StringComparison.Ordinal)), "the refusal in debug.log");
        Assert.Equal(1, await node.BlockCountAsync());

        await peer.SendAsync("block", canonical);
        await node.WaitForBestBlockAsync(hash);
        Assert.Equal(2, await node.BlockCountAsync());
    }
}
