using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Rpc;

/// <summary>-blockfilterindex with getblockfilter, getindexinfo and scanblocks; gettxoutproof and verifytxoutproof.</summary>
public sealed class BlockFilterAndProofTests
{
    private const string OtherAddress = "bcrt1qs758ursh4q9z627kt3pp5yysm78ddny6txaqgw";

    [Fact]
    public async Task BlockFilterIndexServesFiltersAndScansAcrossRestart()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-blockfilterindex");
        var mined = await node.GenerateAsync(3);
        var otherBlock = (await node.RpcAsync("generatetoaddress", 1, OtherAddress))!.AsArray()[0]!.GetValue<string>();
        await WaitIndexSyncedAsync(node, 4);

        var filter = (await node.RpcAsync("getblockfilter", mined[0]))!.AsObject();
        Assert.Matches("^[0-9a-f]+$", filter["filter"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", filter["header"]!.GetValue<string>());
        var unknownType = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getblockfilter", mined[0], "extended"));
        Assert.Equal((-5, "Unknown filtertype"), (unknownType.Code, unknownType.RpcMessage));
        var unknownBlock = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getblockfilter", new string('0', 64)));
        Assert.Equal((-5, "Block not found"), (unknownBlock.Code, unknownBlock.RpcMessage));

        // Only the block paying to the other address matches it; all mined blocks match the mining address.
        var scan = (await node.RpcAsync("scanblocks", "start", new JsonArray($"addr({OtherAddress})")))!.AsObject();
        Assert.Equal((0, 4, true), (scan["from_height"]!.GetValue<int>(), scan["to_height"]!.GetValue<int>(), scan["completed"]!.GetValue<bool>()));
        Assert.Equal([otherBlock], scan["relevant_blocks"]!.AsArray().Select(h => h!.GetValue<string>()));
        var ranged = (await node.RpcAsync("scanblocks", "start", new JsonArray($"addr({NodeChainExtensions.MiningAddress})"), 2, 3))!.AsObject();
        Assert.Equal(mined.Skip(1), ranged["relevant_blocks"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Null(await node.RpcAsync("scanblocks", "status"));
        Assert.False((await node.RpcAsync("scanblocks", "abort"))!.GetValue<bool>());
        var badStop = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("scanblocks", "start", new JsonArray($"addr({OtherAddress})"), 3, 1));
        Assert.Equal((-1, "Invalid stop_height"), (badStop.Code, badStop.RpcMessage));

        Assert.Equal(0, await node.StopAsync());
        await node.StartAsync("-blockfilterindex");
        Assert.Equal(filter.ToJsonString(), (await node.RpcAsync("getblockfilter", mined[0]))!.ToJsonString());
        Assert.Equal(0, await node.StopAsync());

        // Without the option there is no index to ask.
        await node.StartAsync();
        Assert.Equal("{}", (await node.RpcAsync("getindexinfo"))!.ToJsonString());
        var disabled = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getblockfilter", mined[0]));
        Assert.Equal((-1, "Index is not enabled for filtertype basic"), (disabled.Code, disabled.RpcMessage));
    }

    [Fact]
    public async Task TxOutProofProvesCoinbasesAndRejectsOthers()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        var hashes = await node.GenerateAsync(2);
        var block = (await node.RpcAsync("getblock", hashes[1]))!.AsObject();
        var coinbase = block["tx"]!.AsArray()[0]!.GetValue<string>();

        // The coinbase's output is unspent, so its block is found without -txindex.
        var proof = (await node.RpcAsync("gettxoutproof", new JsonArray(coinbase)))!.GetValue<string>();
        Assert.Equal(proof, (await node.RpcAsync("gettxoutproof", new JsonArray(coinbase), hashes[1]))!.GetValue<string>());
        Assert.Equal([coinbase], (await node.RpcAsync("verifytxoutproof", proof))!.AsArray().Select(t => t!.GetValue<string>()));

        // A flipped bit in the proof's hashes breaks the merkle root: nothing is proven.
        var tampered = proof[..^40] + (proof[^40] == '0' ? '1' : '0') + proof[^39..];
        Assert.Empty((await node.RpcAsync("verifytxoutproof", tampered))!.AsArray());

        var duplicated = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("gettxoutproof", new JsonArray(coinbase, coinbase)));
        Assert.Equal((-8, "Invalid parameter, duplicated txid: " + coinbase), (duplicated.Code, duplicated.RpcMessage));
        var empty = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("gettxoutproof", new JsonArray()));
        Assert.Equal((-8, "Parameter 'txids' cannot be empty"), (empty.Code, empty.RpcMessage));
        var elsewhere = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("gettxoutproof", new JsonArray(coinbase), hashes[0]));
        Assert.Equal((-5, "Not all transactions found in specified or retrieved block"), (elsewhere.Code, elsewhere.RpcMessage));
        var unknown = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("gettxoutproof", new JsonArray(new string('1', 64))));
        Assert.Equal((-5, "Transaction not yet in block"), (unknown.Code, unknown.RpcMessage));
    }

    private static async Task WaitIndexSyncedAsync(NodeProcess node, int height)
    {
        while (true)
        {
            var info = (await node.RpcAsync("getindexinfo", "basic block filter index"))!.AsObject();
            if (info["basic block filter index"] is JsonObject index && index["synced"]!.GetValue<bool>() && index["best_block_height"]!.GetValue<int>() == height)
                return;
            await Task.Delay(50);
        }
    }
}
