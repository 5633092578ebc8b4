using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Rpc;

/// <summary>The node's blockchain and mining commands through bin/bitcoind's JSON-RPC server.</summary>
public sealed class NodeRpcEndToEndTests
{
    private const long RegtestGenesisTime = 1296688602;
    private const string Node0Address = "mjTkW3DjgyZck4KbiRusZsqTgaYTxdSz6z";

    [Fact]
    public async Task MinedChainMatchesCoresBlockHashAndUtxoHashAndSurvivesARestart()
    {
        // Core's rpc_dumptxoutset.py: 100 blocks to node 0's key at genesis time + 1.
        await using var node = NodeProcess.Create();
        await node.StartAsync($"-mocktime={RegtestGenesisTime + 1}");

        var hashes = (await node.RpcAsync("generatetoaddress", 100, Node0Address))!.AsArray();
        Assert.Equal("220aee93f0f5409631f35488898258f0930952bd620063cb4d7d87f7c28a8f50", hashes[^1]!.GetValue<string>());
        var info = (await node.RpcAsync("gettxoutsetinfo"))!;
        Assert.Equal("771d773b5c27b6f35f598ce764652a2cf28fbc268341eb1827844e416c629c7d", info["hash_serialized_3"]!.GetValue<string>());
        string muhash = (await node.RpcAsync("gettxoutsetinfo", "muhash"))!["muhash"]!.GetValue<string>();
        Assert.Equal(0, await node.StopAsync());

        await node.StartAsync($"-mocktime={RegtestGenesisTime + 1}");
        Assert.Equal(100, (await node.RpcAsync("getblockcount"))!.GetValue<int>());
        Assert.Equal(muhash, (await node.RpcAsync("gettxoutsetinfo", "muhash"))!["muhash"]!.GetValue<string>());
        Assert.True((await node.RpcAsync("verifychain", 4, 0))!.GetValue<bool>());
    }

    [Fact]
    public async Task BlocksBuiltElsewhereAreSubmittedAndInvalidOnesChangeNothing()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await node.GenerateAsync(1);
        var built = (await node.RpcAsync("generateblock", Node0Address, new JsonArray(), false))!;
        string hex = built["hex"]!.GetValue<string>();
        string tip = await node.BestBlockHashAsync();

        // A corrupted merkle root (bytes 36-67 of the header), with proof of work for the new header, is rejected
        // with Core's reason and the tip stays.
        string badRoot = SolveHeader(hex[..72] + new string('0', 64) + hex[136..]);
        Assert.Equal("bad-txnmrklroot", (await node.RpcAsync("submitblock", badRoot))!.GetValue<string>());
        Assert.Equal(tip, await node.BestBlockHashAsync());
        var error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("submitblock", "00"));
        Assert.Equal((-22, "Block decode failed"), (error.Code, error.RpcMessage));

        Assert.Null(await node.RpcAsync("submitblock", hex));
        Assert.Equal(built["hash"]!.GetValue<string>(), await node.BestBlockHashAsync());
        Assert.Equal("duplicate", (await node.RpcAsync("submitblock", hex))!.GetValue<string>());
    }

    // Finds a nonce (header bytes 76-79) below regtest's target, whose top byte is 0x7f: a hash whose last byte
    // (the most significant) is below 0x7f always qualifies.
    private static string SolveHeader(string blockHex)
    {
        var bytes = Convert.FromHexString(blockHex);
        for (uint nonce = 0; ; nonce++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(76, 4), nonce);
            var hash = System.Security.Cryptography.SHA256.HashData(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, 80)));
            if (hash[31] < 0x7f) return Convert.ToHexStringLower(bytes);
        }
    }

    [Fact]
    public async Task LongPollingTemplateAnswersWhenAnotherClientMines()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await node.GenerateAsync(1);
        var request = new JsonObject { ["rules"] = new JsonArray("segwit") };
        var template = (await node.RpcAsync("getblocktemplate", request))!;
        Assert.Equal(new[] { "csv", "!segwit", "taproot" }, template["rules"]!.AsArray().Select(r => r!.GetValue<string>()));

        var poll = node.RpcAsync("getblocktemplate", new JsonObject
        {
            ["rules"] = new JsonArray("segwit"),
            ["longpollid"] = template["longpollid"]!.GetValue<string>(),
        });
        var mined = await node.GenerateAsync(1);

        var next = (await poll)!;
        Assert.Equal(mined[0], next["previousblockhash"]!.GetValue<string>());
        Assert.Equal(3, next["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task WaitForBlockHeightReturnsOnceAnotherClientMines()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();

        var waiting = node.RpcAsync("waitforblockheight", 2);
        await node.GenerateAsync(2);

        Assert.Equal(2, (await waiting)!["height"]!.GetValue<int>());
    }
}
