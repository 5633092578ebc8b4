using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Client;
using Bitcoin.Node.Tests.Mempool.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Mempool;

// Behaviour of Core's mempool RPCs as its functional tests exercise them (mempool_accept.py, rpc_packages.py,
// mining_prioritisetransaction.py, rpc_rawtransaction.py's sendrawtransaction part).
public class MempoolRpcTests
{
    [Fact]
    public async Task SendRawTransactionAddsToTheMempoolAndResendIsHarmless()
    {
        using var node = new MempoolRpcNode();
        var tx = node.Spend([node.TakeCoin()], 1000);

        Assert.Equal(tx.GetHash().ToString(), (await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(tx)))!.GetStr());
        Assert.Equal(tx.GetHash().ToString(), (await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(tx)))!.GetStr());
        var mempool = (await node.CallAsync("getrawmempool"))!.GetArr();
        Assert.Equal([tx.GetHash().ToString()], mempool.Select(t => t.GetStr()));
        Assert.True(node.Mempool.IsUnbroadcastTx(tx.GetHash()));
    }

    [Fact]
    public async Task SendRawTransactionErrorsAreCores()
    {
        using var node = new MempoolRpcNode();
        var decode = await node.CallErrorAsync("sendrawtransaction", "00");
        Assert.Equal((int)RpcErrorCode.DeserializationError, decode.Code);
        Assert.Equal("TX decode failed. Make sure the tx has at least one input.", decode.Message);

        var coin = node.TakeCoin();
        var expensive = node.Spend([coin], 10_000_000);
        var fee = await node.CallErrorAsync("sendrawtransaction", MempoolRpcNode.Hex(expensive));
        Assert.Equal((int)RpcErrorCode.TransactionError, fee.Code);
        Assert.Equal("Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)", fee.Message);
        // maxfeerate 0 accepts any rate.
        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(expensive), 0);

        var burn = node.Spend([node.TakeCoin()], 1000, extra: [new TxOut(Money.Satoshis(1), new Script(OpcodeType.OP_RETURN))]);
        var burnError = await node.CallErrorAsync("sendrawtransaction", MempoolRpcNode.Hex(burn));
        Assert.Equal("Unspendable output exceeds maximum configured by user (maxburnamount)", burnError.Message);

        var orphan = node.Spend([MempoolRpcNode.Output(node.Spend([node.TakeCoin()], 1000))], 1000);
        var missing = await node.CallErrorAsync("sendrawtransaction", MempoolRpcNode.Hex(orphan));
        Assert.Equal((int)RpcErrorCode.TransactionError, missing.Code);
        Assert.Equal("bad-txns-inputs-missingorspent", missing.Message);

        var lowFee = node.Spend([node.TakeCoin()], 0);
        var rejected = await node.CallErrorAsync("sendrawtransaction", MempoolRpcNode.Hex(lowFee));
        Assert.Equal((int)RpcErrorCode.TransactionRejected, rejected.Code);
        Assert.StartsWith("min relay fee not met, 0 < ", rejected.Message);

        node.Generate(1);
        var confirmed = await node.CallErrorAsync("sendrawtransaction", MempoolRpcNode.Hex(expensive));
        Assert.Equal((int)RpcErrorCode.VerifyAlreadyInUtxoSet, confirmed.Code);
        Assert.Equal("Transaction outputs already in utxo set", confirmed.Message);
    }

    [Fact]
    public async Task TestMempoolAcceptReportsFeesAndRejections()
    {
        using var node = new MempoolRpcNode();
        var tx = node.Spend([node.TakeCoin()], 2000);
        var result = (await node.CallAsync("testmempoolaccept", new JsonArray(MempoolRpcNode.Hex(tx))))!.GetArr()[0]!;

        Assert.True(result["allowed"]!.GetBool());
        Assert.Equal(tx.GetVirtualSize(), result["vsize"]!.GetInt32());
        Assert.Equal("0.00002000", JsonNumbers.GetText(result["fees"]!["base"]));
        Assert.Equal([tx.GetWitHash().ToString()], result["fees"]!["effective-includes"]!.GetArr().Select(w => w.GetStr()));
        Assert.Equal(0, node.Mempool.Count);

        var zeroFee = node.Spend([node.TakeCoin()], 0);
        var rejected = (await node.CallAsync("testmempoolaccept", new JsonArray(MempoolRpcNode.Hex(zeroFee))))!.GetArr()[0]!;
        Assert.False(rejected["allowed"]!.GetBool());
        Assert.Equal("min relay fee not met", rejected["reject-reason"]!.GetStr());

        var orphan = node.Spend([MempoolRpcNode.Output(tx)], 1000);
        var missing = (await node.CallAsync("testmempoolaccept", new JsonArray(MempoolRpcNode.Hex(orphan))))!.GetArr()[0]!;
        Assert.Equal("missing-inputs", missing["reject-reason"]!.GetStr());
        Assert.Null(missing["reject-details"]);

        var empty = await node.CallErrorAsync("testmempoolaccept", new JsonArray());
        Assert.Equal("Array must contain between 1 and 25 transactions.", empty.Message);

        // A parent and child tested together: the child sees its parent's outputs.
        var both = (await node.CallAsync("testmempoolaccept", new JsonArray(MempoolRpcNode.Hex(tx), MempoolRpcNode.Hex(orphan))))!.GetArr();
        Assert.True(both.All(r => r!["allowed"]!.GetBool()));

        var reversed = (await node.CallAsync("testmempoolaccept", new JsonArray(MempoolRpcNode.Hex(orphan), MempoolRpcNode.Hex(tx))))!.GetArr();
        Assert.Equal("package-not-sorted", reversed[0]!["package-error"]!.GetStr());
        Assert.Null(reversed[0]!["allowed"]);
    }

    [Fact]
    public async Task MempoolEntryDescribesFeesRelativesAndChunks()
    {
        using var node = new MempoolRpcNode();
        var parent = node.Spend([node.TakeCoin()], 1000, outputs: 2);
        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(parent));
        var child = node.Spend([MempoolRpcNode.Output(parent)], 9000);
        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(child));

        var entry = (await node.CallAsync("getmempoolentry", child.GetHash().ToString()))!;
        Assert.Equal(2, entry["ancestorcount"]!.GetInt32());
        Assert.Equal(1, entry["descendantcount"]!.GetInt32());
        Assert.Equal("0.00010000", JsonNumbers.GetText(entry["fees"]!["ancestor"]));
        Assert.Equal("0.00010000", JsonNumbers.GetText(entry["fees"]!["chunk"]));
        Assert.Equal([parent.GetHash().ToString()], entry["depends"]!.GetArr().Select(d => d.GetStr()));
        Assert.Equal(child.GetWitHash().ToString(), entry["wtxid"]!.GetStr());

        var ancestors = (await node.CallAsync("getmempoolancestors", child.GetHash().ToString()))!.GetArr();
        Assert.Equal([parent.GetHash().ToString()], ancestors.Select(a => a.GetStr()));
        var descendants = (await node.CallAsync("getmempooldescendants", parent.GetHash().ToString(), true))!.GetObj();
        Assert.Equal([child.GetHash().ToString()], descendants.Select(p => p.Key));
        var cluster = (await node.CallAsync("getmempoolcluster", parent.GetHash().ToString()))!;
        Assert.Equal(2, cluster["txcount"]!.GetInt32());
        Assert.Single(cluster["chunks"]!.GetArr());

        var missing = await node.CallErrorAsync("getmempoolentry", new uint256(RandomUtils.GetBytes(32)).ToString());
        Assert.Equal((int)RpcErrorCode.InvalidAddressOrKey, missing.Code);
        Assert.Equal("Transaction not in mempool", missing.Message);
        var badHash = await node.CallErrorAsync("getmempoolentry", "00");
        Assert.Equal("txid must be of length 64 (not 2, for '00')", badHash.Message);
    }

    [Fact]
    public async Task RawMempoolVerboseAndSequence()
    {
        using var node = new MempoolRpcNode();
        var tx = node.Spend([node.TakeCoin()], 1000);
        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(tx));

        var verbose = (await node.CallAsync("getrawmempool", true))!.GetObj();
        Assert.True(verbose.ContainsKey(tx.GetHash().ToString()));
        var withSequence = (await node.CallAsync("getrawmempool", false, true))!;
        Assert.Equal(2, withSequence["mempool_sequence"]!.GetInt32());
        var error = await node.CallErrorAsync("getrawmempool", true, true);
        Assert.Equal("Verbose results cannot contain mempool sequence values.", error.Message);
    }

    [Fact]
    public async Task MempoolInfoReportsSizeFeesAndLimits()
    {
        using var node = new MempoolRpcNode(["-maxmempool=100", "-datacarriersize=42"]);
        var tx = node.Spend([node.TakeCoin()], 1500);
        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(tx));

        var info = (await node.CallAsync("getmempoolinfo"))!;
        Assert.True(info["loaded"]!.GetBool());
        Assert.Equal(1, info["size"]!.GetInt32());
        Assert.Equal(tx.GetVirtualSize(), info["bytes"]!.GetInt32());
        Assert.Equal("0.00001500", JsonNumbers.GetText(info["total_fee"]));
        Assert.Equal(100_000_000, info["maxmempool"]!.GetInt64());
        Assert.Equal("0.00000100", JsonNumbers.GetText(info["mempoolminfee"]));
        Assert.Equal(42, info["maxdatacarriersize"]!.GetInt32());
        Assert.Equal(64, info["limitclustercount"]!.GetInt32());
        Assert.Equal(101_000, info["limitclustersize"]!.GetInt32());
        Assert.Equal(1, info["unbroadcastcount"]!.GetInt32());
    }

    [Fact]
    public async Task PrioritiseTransactionChangesModifiedFeeAndIsListed()
    {
        using var node = new MempoolRpcNode();
        var tx = node.Spend([node.TakeCoin()], 1000);
        var txid = tx.GetHash().ToString();
        Assert.True((await node.CallAsync("prioritisetransaction", txid, 0, 3000))!.GetBool());
        var listed = (await node.CallAsync("getprioritisedtransactions"))!;
        Assert.Equal(3000, listed[txid]!["fee_delta"]!.GetInt64());
        Assert.False(listed[txid]!["in_mempool"]!.GetBool());
        Assert.Null(listed[txid]!["modified_fee"]);

        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(tx));
        listed = (await node.CallAsync("getprioritisedtransactions"))!;
        Assert.Equal(4000, listed[txid]!["modified_fee"]!.GetInt64());
        Assert.Equal("0.00004000", JsonNumbers.GetText((await node.CallAsync("getmempoolentry", txid))!["fees"]!["modified"]));

        var dummy = await node.CallErrorAsync("prioritisetransaction", txid, 1, 100);
        Assert.Equal("Priority is no longer supported, dummy argument to prioritisetransaction must be 0.", dummy.Message);

        // Mined: the delta is forgotten.
        node.Generate(1);
        Assert.Empty((await node.CallAsync("getprioritisedtransactions"))!.GetObj());
    }

    [Fact]
    public async Task SubmitPackageLetsAChildPayForItsZeroFeeParent()
    {
        using var node = new MempoolRpcNode();
        var parent = node.Spend([node.TakeCoin()], 0);
        var child = node.Spend([MempoolRpcNode.Output(parent)], 20_000);

        var alone = await node.CallErrorAsync("sendrawtransaction", MempoolRpcNode.Hex(parent));
        Assert.StartsWith("min relay fee not met", alone.Message);

        var result = (await node.CallAsync("submitpackage", new JsonArray(MempoolRpcNode.Hex(parent), MempoolRpcNode.Hex(child))))!;
        Assert.Equal("success", result["package_msg"]!.GetStr());
        var parentResult = result["tx-results"]![parent.GetWitHash().ToString()]!;
        Assert.Equal(2, parentResult["fees"]!["effective-includes"]!.GetArr().Count);
        Assert.Equal(2, node.Mempool.Count);

        // The same package again reports both as already there (no effective fee rate).
        var again = (await node.CallAsync("submitpackage", new JsonArray(MempoolRpcNode.Hex(parent), MempoolRpcNode.Hex(child))))!;
        Assert.Null(again["tx-results"]![child.GetWitHash().ToString()]!["fees"]!["effective-feerate"]);

        var topology = await node.CallErrorAsync("submitpackage", new JsonArray(MempoolRpcNode.Hex(child), MempoolRpcNode.Hex(parent)));
        Assert.Equal("package topology disallowed. not child-with-parents or parents depend on each other.", topology.Message);
    }

    [Fact]
    public async Task TxSpendingPrevoutFindsMempoolSpenders()
    {
        using var node = new MempoolRpcNode();
        var coin = node.TakeCoin();
        var tx = node.Spend([coin], 1000);
        await node.CallAsync("sendrawtransaction", MempoolRpcNode.Hex(tx));

        var outputs = new JsonArray(
            new JsonObject { ["txid"] = coin.OutPoint.Hash.ToString(), ["vout"] = 0 },
            new JsonObject { ["txid"] = tx.GetHash().ToString(), ["vout"] = 0 });
        var result = (await node.CallAsync("gettxspendingprevout", outputs))!.GetArr();
        Assert.Equal(tx.GetHash().ToString(), result[0]!["spendingtxid"]!.GetStr());
        Assert.Null(result[1]!["spendingtxid"]);

        var negative = await node.CallErrorAsync("gettxspendingprevout", new JsonArray(new JsonObject { ["txid"] = tx.GetHash().ToString(), ["vout"] = -1 }));
        Assert.Equal("Invalid parameter, vout cannot be negative", negative.Message);
        var none = await node.CallErrorAsync("gettxspendingprevout", new JsonArray());
        Assert.Equal("Invalid parameter, outputs are missing", none.Message);
    }

    [Fact]
    public async Task BlockTemplatesTakeMempoolTransactionsWithTheirFees()
    {
        using var node = new MempoolRpcNode();
        var parent = node.Spend([node.TakeCoin()], 500);
        var child = node.Spend([MempoolRpcNode.Output(parent)], 30_000);
        await node.CallAsync("submitpackage", new JsonArray(MempoolRpcNode.Hex(parent), MempoolRpcNode.Hex(child)));

        var template = (await node.CallAsync("getblocktemplate", new JsonObject { ["rules"] = new JsonArray("segwit") }))!;
        var txs = template["transactions"]!.GetArr();
        Assert.Equal([parent.GetHash().ToString(), child.GetHash().ToString()], txs.Select(t => t!["txid"]!.GetStr()));
        Assert.Equal([500L, 30_000L], txs.Select(t => t!["fee"]!.GetInt64()));
        Assert.Equal(2, (await node.CallAsync("getmininginfo"))!["pooledtx"]!.GetInt32());

        node.Generate(1);
        Assert.Equal(0, node.Mempool.Count);
    }

    [Fact]
    public async Task EstimateSmartFeeArgumentErrorsAndInsufficientData()
    {
        using var node = new MempoolRpcNode();
        var result = (await node.CallAsync("estimatesmartfee", 2))!;
        Assert.Equal(["Insufficient data or no feerate found"], result["errors"]!.GetArr().Select(e => e.GetStr()));
        // With no data the usable target is clamped to zero, as Core reports it.
        Assert.Equal(0, result["blocks"]!.GetInt32());
        // The mempool estimator has seen enough (empty) blocks: an empty template gives the relay floor.
        var mempoolOnly = (await node.CallAsync("estimatesmartfee", 1, "ECONOMICAL", new JsonObject { ["fee_rate_estimator"] = "mempool_policy" }))!;
        Assert.Equal("0.00000100", JsonNumbers.GetText(mempoolOnly["feerate"]));
        Assert.Null(mempoolOnly["estimator"]);
        Assert.Equal(2, mempoolOnly["blocks"]!.GetInt32());
        var stats = (await node.CallAsync("estimatesmartfee", 1, "ECONOMICAL", new JsonObject { ["verbosity"] = 2 }))!["mempool_health_statistics"]!.GetArr();
        Assert.Equal(6, stats.Count);
        Assert.True(stats[0]!["block_height"]!.GetInt32() > stats[1]!["block_height"]!.GetInt32());

        // rpc_estimatefee.py's argument checks.
        var unexpected = await node.CallErrorAsync("estimatesmartfee", 1, "ECONOMICAL", new JsonObject { ["block_policy_only"] = true });
        Assert.Equal("Unexpected key block_policy_only", unexpected.Message);
        var fieldType = await node.CallErrorAsync("estimatesmartfee", 1, "ECONOMICAL", new JsonObject { ["fee_rate_estimator"] = 1 });
        Assert.Equal("JSON value of type number for field fee_rate_estimator is not of expected type string", fieldType.Message);
        var named = await Assert.ThrowsAsync<RpcException>(() => node.CallNamedAsync("estimatesmartfee", new JsonObject { ["conf_target"] = 1, ["fee_rate_estimator"] = true }));
        Assert.Equal("Unknown named parameter fee_rate_estimator", named.Message);
        var tooHigh = await node.CallErrorAsync("estimaterawfee", 1009);
        Assert.Equal("Invalid conf_target, must be between 1 and 1008", tooHigh.Message);
        await node.CallAsync("estimatesmartfee", 1, "unset");
        await node.CallAsync("estimatesmartfee", 1, "conservative", new JsonObject { ["verbosity"] = 2, ["fee_rate_estimator"] = "foo" });
        await node.CallAsync("estimaterawfee", 1, 1);

        var mode = await node.CallErrorAsync("estimatesmartfee", 2, "bad");
        Assert.Equal("Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\"", mode.Message);
        var target = await node.CallErrorAsync("estimatesmartfee", 0);
        Assert.Equal("Invalid conf_target, must be between 1 and 1008", target.Message);
        var threshold = await node.CallErrorAsync("estimaterawfee", 2, 1.5);
        Assert.Equal("Invalid threshold", threshold.Message);
        var raw = (await node.CallAsync("estimaterawfee", 2))!;
        Assert.NotNull(raw["short"]!["errors"]);
    }

    [Fact]
    public async Task EveryArgumentHasAClientConversionEntry()
    {
        using var node = new MempoolRpcNode(blocks: 0);
        var argMap = await node.Table.DumpArgMapAsync(new RpcRequest());
        Assert.Empty(RpcClientConversion.FindMismatches(argMap));
    }
}
