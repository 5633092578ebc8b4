using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc;

// The checks of Core's rpc_scantxoutset.py that need no wallet.
public sealed class ScanTxOutSetTests
{
    [Fact]
    public async Task StartFindsTheOutputsOfTheDescriptors()
    {
        using var node = new RegtestNode();
        var key = new Key();
        string address = key.PubKey.WitHash.GetAddress(node.ChainParams.Network).ToString();
        var hashes = await node.GenerateAsync(2, address);
        await node.GenerateAsync(3);

        var result = await node.CallAsync("scantxoutset", "start", new JsonArray($"addr({address})", new JsonObject { ["desc"] = "raw(51)" }));

        Assert.True(result.Find("success").GetBool());
        Assert.Equal(5, result.Find("txouts").GetInt32());
        Assert.Equal(5, result.Find("height").GetInt32());
        Assert.Equal(node.Chainman.ActiveTip!.Hash.ToString(), result.Find("bestblock").GetStr());
        var unspents = result.Find("unspents").GetArr();
        Assert.Equal(2, unspents.Count);
        Assert.Equal("100.00000000", JsonNumbers.GetText(result.Find("total_amount")));
        var first = unspents.Single(u => u.Find("height").GetInt32() == 1);
        Assert.Equal(hashes[0], first.Find("blockhash").GetStr());
        Assert.Equal(5, first.Find("confirmations").GetInt32());
        Assert.True(first.Find("coinbase").GetBool());
        Assert.Equal(0, first.Find("vout").GetInt32());
        Assert.StartsWith("addr(" + address + ")#", first.Find("desc").GetStr());
        Assert.Null(await node.CallAsync("scantxoutset", "status"));
        Assert.False((await node.CallAsync("scantxoutset", "abort")).GetBool());
    }

    [Fact]
    public async Task BadActionsAndScanObjectsGetCoresErrors()
    {
        using var node = new RegtestNode();

        var error = await node.CallErrorAsync("scantxoutset", "begin");
        Assert.Equal((-8, "Invalid action 'begin'"), (error.Code, error.Message));
        error = await node.CallErrorAsync("scantxoutset", "start");
        Assert.Equal((-1, "scanobjects argument is required for the start action"), (error.Code, error.Message));
        error = await node.CallErrorAsync("scantxoutset", "start", new JsonArray(new JsonObject()));
        Assert.Equal((-8, "Descriptor needs to be provided in scan object"), (error.Code, error.Message));
        error = await node.CallErrorAsync("scantxoutset", "start", new JsonArray(1));
        Assert.Equal((-8, "Scan object needs to be either a string or an object"), (error.Code, error.Message));
        const string xpub = "tpubD6NzVbkrYhZ4XgiXtGrdW5XDAPFCL9h7we1vwNCpn8tGbBcgfVYjXyhWo4E1xkh56hjod1RhGjxbaTLV3X4FyWuejifB9jusQ46QzG87VKp";
        error = await node.CallErrorAsync("scantxoutset", "start", new JsonArray($"pkh({xpub}/0h/*)"));
        Assert.Equal((-5, $"Cannot derive script without private keys: 'pkh({xpub}/0h/*)'"), (error.Code, error.Message));
        // A failed start frees the scanner for the next one.
        Assert.True((await node.CallAsync("scantxoutset", "start", new JsonArray("raw(51)"))).Find("success").GetBool());
    }
}
