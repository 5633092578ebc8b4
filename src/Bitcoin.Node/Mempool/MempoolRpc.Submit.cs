using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;

namespace Bitcoin.Node.Mempool;

// Submitting transactions: sendrawtransaction, testmempoolaccept and submitpackage.
public static partial class MempoolRpc
{
    private const string MaxFeeRateHelp = "Reject transactions whose fee rate is higher than the specified value, expressed in BTC/kvB.\n" +
                                          "Fee rates larger than 1BTC/kvB are rejected.\nSet to 0 to accept any fee rate.";

    private const string MaxBurnHelp = "Reject transactions with provably unspendable outputs (e.g. 'datacarrier' outputs that use the OP_RETURN opcode) greater than the specified value, expressed in BTC.\n" +
                                       "If burning funds through unspendable outputs is desired, increase this value.\n" +
                                       "This check is based on heuristics and does not guarantee spendability of outputs.\n";

    private static RpcArg MaxFeeRateArg() => RpcDoc.WithDefault("maxfeerate", RpcArgType.Amount, JsonValue.Create("0.10"), MaxFeeRateHelp);

    private static RpcArg MaxBurnArg() => RpcDoc.WithDefault("maxburnamount", RpcArgType.Amount, JsonValue.Create("0.00"), MaxBurnHelp);

    private static RpcMethod SendRawTransaction(NodeContext node) => new(
        "sendrawtransaction",
        "Submit a raw transaction (serialized, hex-encoded) to the node and the network.\n" +
        "\nThe transaction enters the local mempool and is announced to every connected peer, so a manual rebroadcast\n" +
        "this way reveals the node as its origin.\n" +
        "\nA specific exception, RPC_TRANSACTION_ALREADY_IN_UTXO_SET, may throw if the transaction cannot be added to the mempool.\n" +
        "\nRelated RPCs: createrawtransaction, signrawtransactionwithkey\n",
        [
            RpcDoc.Required("hexstring", RpcArgType.StrHex, "The hex string of the raw transaction"),
            MaxFeeRateArg(),
            MaxBurnArg(),
        ],
        [RpcDoc.Value(RpcResultType.StrHex, "The transaction hash in hex")],
        "\nCreate a transaction\n" + RpcExamples.Cli("createrawtransaction", "\"[{\\\"txid\\\" : \\\"mytxid\\\",\\\"vout\\\":0}]\" \"{\\\"myaddress\\\":0.01}\"") +
        "Sign the transaction, and get back the hex\n" + RpcExamples.Cli("signrawtransactionwithwallet", "\"myhex\"") +
        "\nSend the transaction (signed hex)\n" + RpcExamples.Cli("sendrawtransaction", "\"signedhex\"") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("sendrawtransaction", "\"signedhex\""),
        call =>
        {
            long maxBurn = call.Param(2).IsNull() ? 0 : RpcParse.Amount(call.Param(2));
            var tx = TransactionDecoding.DecodeHexTx(call.Param(0).GetStr())
                     ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed. Make sure the tx has at least one input.");
            CheckBurn(tx, maxBurn);
            var maxFeeRate = ParseMaxFeeRate(call.Param(1));
            long maxFee = maxFeeRate.GetFee(StandardPolicy.GetVirtualTransactionSize(tx));
            EnsureMempool(node);
            var error = TransactionBroadcast.Broadcast(node, tx, maxFee, relay: true, waitCallback: true, out var detail);
            if (error != TransactionError.Ok) throw TransactionBroadcast.ToRpcException(error, detail);
            return tx.GetHash().ToString();
        });

    private static RpcMethod TestMempoolAccept(NodeContext node) => new(
        "testmempoolaccept",
        "Returns result of mempool acceptance tests indicating if raw transaction(s) (serialized, hex-encoded) would be accepted by mempool.\n" +
        "\nIf multiple transactions are passed in, parents must come before children and package policies apply: the transactions cannot conflict with any mempool transactions or each other.\n" +
        "\nIf one transaction fails, other transactions may not be fully validated (the 'allowed' key will be blank).\n" +
        $"\nThe maximum number of transactions allowed is {PolicyConstants.MaxPackageCount}.\n" +
        "\nThis checks if transactions violate the consensus or policy rules.\n" +
        "\nSee sendrawtransaction call.\n",
        [
            RpcDoc.Required("rawtxs", RpcArgType.Arr, "An array of hex strings of raw transactions.", [RpcDoc.Optional("rawtx", RpcArgType.StrHex, "")]),
            MaxFeeRateArg(),
        ],
        [
            RpcDoc.Value(RpcResultType.Arr,
                "The result of the mempool acceptance test for each raw transaction in the input array.\n" +
                "Returns results for each transaction in the same order they were passed in.\n" +
                "Transactions that cannot be fully validated due to failures in other transactions will not contain an 'allowed' result.\n",
            [
                RpcDoc.Value(RpcResultType.Obj, "",
                [
                    RpcDoc.Field(RpcResultType.StrHex, "txid", "The transaction hash in hex"),
                    RpcDoc.Field(RpcResultType.StrHex, "wtxid", "The transaction witness hash in hex"),
                    RpcDoc.OptionalField(RpcResultType.Str, "package-error", "Package validation error, if any (only possible if rawtxs had more than 1 transaction)."),
                    RpcDoc.OptionalField(RpcResultType.Bool, "allowed", "Whether this tx would be accepted to the mempool and pass client-specified maxfeerate. If not present, the tx was not fully validated due to a failure in another tx in the list."),
                    RpcDoc.OptionalField(RpcResultType.Num, "vsize_adjusted", "The larger of the sigop-adjusted size (-bytespersigop) and the BIP 141 virtual size (only present when 'allowed' is true)."),
                    RpcDoc.OptionalField(RpcResultType.Num, "vsize", "(DEPRECATED) sigops-adjusted virtual size, the same as vsize_adjusted."),
                    RpcDoc.OptionalField(RpcResultType.Num, "vsize_bip141", "Virtual transaction size as defined in BIP 141 (only present when 'allowed' is true)."),
                    RpcDoc.OptionalField(RpcResultType.Obj, "fees", "Transaction fees (only present if 'allowed' is true)",
                    [
                        RpcDoc.Field(RpcResultType.StrAmount, "base", "transaction fee in BTC"),
                        RpcDoc.Field(RpcResultType.StrAmount, "effective-feerate", "the effective feerate in BTC per KvB. May differ from the base feerate if, for example, there are modified fees from prioritisetransaction or a package feerate was used."),
                        RpcDoc.Field(RpcResultType.Arr, "effective-includes", "transactions whose fees and vsizes are included in effective-feerate.",
                            [RpcDoc.Value(RpcResultType.StrHex, "transaction wtxid in hex")]),
                    ]),
                    RpcDoc.OptionalField(RpcResultType.Str, "reject-reason", "Rejection reason (only present when 'allowed' is false)"),
                    RpcDoc.OptionalField(RpcResultType.Str, "reject-details", "Rejection details (only present when 'allowed' is false and rejection details exist)"),
                ]),
            ]),
        ],
        "\nCreate a transaction\n" + RpcExamples.Cli("createrawtransaction", "\"[{\\\"txid\\\" : \\\"mytxid\\\",\\\"vout\\\":0}]\" \"{\\\"myaddress\\\":0.01}\"") +
        "Sign the transaction, and get back the hex\n" + RpcExamples.Cli("signrawtransactionwithwallet", "\"myhex\"") +
        "\nTest acceptance of the transaction (signed hex)\n" + RpcExamples.Cli("testmempoolaccept", "'[\"signedhex\"]'") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("testmempoolaccept", "[\"signedhex\"]"),
        call =>
        {
            var raw = call.Param(0).GetArr();
            if (raw.Count < 1 || raw.Count > PolicyConstants.MaxPackageCount)
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Array must contain between 1 and {PolicyConstants.MaxPackageCount} transactions.");
            var maxFeeRate = ParseMaxFeeRate(call.Param(1));
            var txns = raw.Select(DecodeForPackage).ToList();

            var pool = EnsureMempool(node);
            node.EnsureChainman();
            var result = txns.Count > 1
                ? pool.ProcessNewPackage(txns, testAccept: true)
                : new PackageMempoolAcceptResult(txns[0].GetWitHash(), pool.AcceptToMemoryPool(txns[0], testAccept: true));

            var array = new JsonArray();
            bool exitEarly = false;
            foreach (var tx in txns)
            {
                var inner = new JsonObject { ["txid"] = tx.GetHash().ToString(), ["wtxid"] = tx.GetWitHash().ToString() };
                if (result.State.Result == PackageValidationResult.Policy) inner["package-error"] = result.State.ToString();
                if (exitEarly || !result.TxResults.TryGetValue(tx.GetWitHash(), out var txResult))
                {
                    array.Add(inner);
                    continue;
                }
                RpcInternalBugException.Check(txResult.ResultType != MempoolAcceptResultType.MempoolEntry, "package test accept has no mempool entries");
                if (txResult.ResultType == MempoolAcceptResultType.Valid)
                {
                    long fee = txResult.BaseFees!.Value;
                    long vsize = txResult.VirtualSize!.Value;
                    long maxFee = maxFeeRate.GetFee(vsize);
                    if (maxFee != 0 && fee > maxFee)
                    {
                        inner["allowed"] = false;
                        inner["reject-reason"] = "max-fee-exceeded";
                        exitEarly = true;
                    }
                    else
                    {
                        inner["allowed"] = true;
                        inner["vsize_adjusted"] = vsize;
                        inner["vsize"] = vsize;
                        inner["vsize_bip141"] = StandardPolicy.GetVirtualTransactionSize(tx);
                        inner["fees"] = new JsonObject
                        {
                            ["base"] = JsonNumbers.Amount(fee),
                            ["effective-feerate"] = JsonNumbers.Amount(txResult.EffectiveFeeRate!.Value.FeePerKvB),
                            ["effective-includes"] = new JsonArray(txResult.WtxidsFeeCalculations!.Select(w => (JsonNode?)w.ToString()).ToArray()),
                        };
                    }
                }
                else
                {
                    inner["allowed"] = false;
                    var state = txResult.State;
                    if (state.Result == TxValidationResult.MissingInputs)
                    {
                        inner["reject-reason"] = "missing-inputs";
                    }
                    else
                    {
                        inner["reject-reason"] = state.RejectReason;
                        inner["reject-details"] = state.ToString();
                    }
                }
                array.Add(inner);
            }
            return array;
        });

    private static RpcMethod SubmitPackage(NodeContext node) => new(
        "submitpackage",
        "Submit a package of raw transactions (serialized, hex-encoded) to local node.\n" +
        "The package will be validated according to consensus and mempool policy rules. If any transaction passes, it will be accepted to mempool.\n" +
        "This RPC is experimental and the interface may be unstable. Refer to doc/policy/packages.md for documentation on package policies.\n" +
        "Warning: successful submission does not mean the transactions will propagate throughout the network.\n",
        [
            RpcDoc.Required("package", RpcArgType.Arr,
                "An array of raw transactions.\n" +
                "The package must consist of a transaction with (some, all, or none of) its unconfirmed parents. A single transaction is permitted.\n" +
                "None of the parents may depend on each other. Parents that are already in mempool do not need to be present in the package.\n" +
                "The package must be topologically sorted, with the child being the last element in the array if there are multiple elements.",
                [RpcDoc.Optional("rawtx", RpcArgType.StrHex, "")]),
            MaxFeeRateArg(),
            MaxBurnArg(),
        ],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Str, "package_msg", "The transaction package result message. \"success\" indicates all transactions were accepted into or are already in the mempool."),
                RpcDoc.Field(RpcResultType.ObjDyn, "tx-results", "The transaction results keyed by wtxid. An entry is returned for every submitted wtxid.",
                [
                    RpcDoc.Field(RpcResultType.Obj, "wtxid", "transaction wtxid",
                    [
                        RpcDoc.Field(RpcResultType.StrHex, "txid", "The transaction hash in hex"),
                        RpcDoc.OptionalField(RpcResultType.StrHex, "other-wtxid", "The wtxid of a different transaction with the same txid but different witness found in the mempool. This means the submitted transaction was ignored."),
                        RpcDoc.OptionalField(RpcResultType.Num, "vsize_adjusted", "The larger of the sigop-adjusted size (-bytespersigop) and the BIP 141 virtual size."),
                        RpcDoc.OptionalField(RpcResultType.Num, "vsize", "(DEPRECATED) sigops-adjusted virtual size, the same as vsize_adjusted."),
                        RpcDoc.OptionalField(RpcResultType.Num, "vsize_bip141", "Virtual transaction size as defined in BIP 141."),
                        RpcDoc.OptionalField(RpcResultType.Obj, "fees", "Transaction fees",
                        [
                            RpcDoc.Field(RpcResultType.StrAmount, "base", "transaction fee in BTC"),
                            RpcDoc.OptionalField(RpcResultType.StrAmount, "effective-feerate", "if the transaction was not already in the mempool, the effective feerate in BTC per KvB. For example, the package feerate and/or feerate with modified fees from prioritisetransaction."),
                            RpcDoc.OptionalField(RpcResultType.Arr, "effective-includes", "if effective-feerate is provided, the wtxids of the transactions whose fees and vsizes are included in effective-feerate.",
                                [RpcDoc.Value(RpcResultType.StrHex, "transaction wtxid in hex")]),
                        ]),
                        RpcDoc.OptionalField(RpcResultType.Str, "error", "Error string if rejected from mempool, or \"package-not-validated\" when the package aborts before any per-tx processing."),
                    ]),
                ]),
                RpcDoc.OptionalField(RpcResultType.Arr, "replaced-transactions", "List of txids of replaced transactions",
                    [RpcDoc.Value(RpcResultType.StrHex, "The transaction id")]),
            ]),
        ],
        RpcExamples.Rpc("submitpackage", "[\"raw-parent-tx-1\", \"raw-parent-tx-2\", \"raw-child-tx\"]") +
        RpcExamples.Cli("submitpackage", "'[\"raw-tx-without-unconfirmed-parents\"]'"),
        call =>
        {
            var raw = call.Param(0).GetArr();
            if (raw.Count == 0 || raw.Count > PolicyConstants.MaxPackageCount)
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Array must contain between 1 and {PolicyConstants.MaxPackageCount} transactions.");
            var maxFeeRate = ParseMaxFeeRate(call.Param(1));
            // Zero means no limit.
            TxFeeRate? clientMaxFeeRate = maxFeeRate == TxFeeRate.Zero ? null : maxFeeRate;
            long maxBurn = call.Param(2).IsNull() ? 0 : RpcParse.Amount(call.Param(2));
            var txns = new List<Transaction>();
            foreach (var item in raw)
            {
                var tx = DecodeForPackage(item);
                CheckBurn(tx, maxBurn);
                txns.Add(tx);
            }
            if (txns.Count > 1 && !PackagePolicy.IsChildWithParentsTree(txns))
            {
                throw TransactionBroadcast.ToRpcException(TransactionError.InvalidPackage,
                    "package topology disallowed. not child-with-parents or parents depend on each other.");
            }

            var pool = EnsureMempool(node);
            node.EnsureChainman();
            var result = pool.ProcessNewPackage(txns, testAccept: false, clientMaxFeeRate);

            string packageMessage = "success";
            switch (result.State.Result)
            {
                case PackageValidationResult.ResultUnset:
                    RpcInternalBugException.Check(result.TxResults.Count == txns.Count, "a result for every package transaction");
                    foreach (var tx in txns) RpcInternalBugException.Check(pool.Exists(tx.GetHash()), "accepted package transactions are in the mempool");
                    break;
                case PackageValidationResult.MempoolError:
                    throw TransactionBroadcast.ToRpcException(TransactionError.MempoolError, result.State.RejectReason);
                default:
                    packageMessage = result.State.ToString();
                    RpcInternalBugException.Check(result.TxResults.Count == txns.Count || result.TxResults.Count == 0, "all or no per-transaction results");
                    break;
            }

            int broadcast = 0;
            foreach (var tx in txns)
            {
                // Only what is (still) in the mempool is announced; nothing is validated again here.
                if (!pool.Exists(tx.GetHash())) continue;
                var error = TransactionBroadcast.Broadcast(node, tx, 0, relay: true, waitCallback: true, out var detail);
                if (error != TransactionError.Ok)
                    throw TransactionBroadcast.ToRpcException(error, $"transaction broadcast failed: {detail} ({broadcast} transactions were broadcast successfully)");
                broadcast++;
            }

            var txResults = new JsonObject();
            var replaced = new SortedSet<uint256>(Comparer<uint256>.Create((a, b) => CompareTxidMemcmp(a, b)));
            foreach (var tx in txns)
            {
                var inner = new JsonObject { ["txid"] = tx.GetHash().ToString() };
                string wtxidHex = tx.GetWitHash().ToString();
                if (!result.TxResults.TryGetValue(tx.GetWitHash(), out var txResult))
                {
                    RpcInternalBugException.Check(result.TxResults.Count == 0, "per-transaction results are all or none");
                    inner["error"] = "package-not-validated";
                    txResults[wtxidHex] = inner;
                    continue;
                }
                switch (txResult.ResultType)
                {
                    case MempoolAcceptResultType.DifferentWitness:
                        inner["other-wtxid"] = txResult.OtherWtxid!.ToString();
                        break;
                    case MempoolAcceptResultType.Invalid:
                        inner["error"] = txResult.State.ToString();
                        break;
                    default:
                        inner["vsize_adjusted"] = txResult.VirtualSize!.Value;
                        inner["vsize"] = txResult.VirtualSize!.Value;
                        inner["vsize_bip141"] = StandardPolicy.GetVirtualTransactionSize(tx);
                        var fees = new JsonObject { ["base"] = JsonNumbers.Amount(txResult.BaseFees!.Value) };
                        if (txResult.ResultType == MempoolAcceptResultType.Valid)
                        {
                            // Not for transactions already there: whether a package rate applied back then is unknown.
                            fees["effective-feerate"] = JsonNumbers.Amount(txResult.EffectiveFeeRate!.Value.FeePerKvB);
                            fees["effective-includes"] = new JsonArray(txResult.WtxidsFeeCalculations!.Select(w => (JsonNode?)w.ToString()).ToArray());
                        }
                        inner["fees"] = fees;
                        foreach (var r in txResult.ReplacedTransactions) replaced.Add(r.GetHash());
                        break;
                }
                txResults[wtxidHex] = inner;
            }
            return new JsonObject
            {
                ["package_msg"] = packageMessage,
                ["tx-results"] = txResults,
                ["replaced-transactions"] = new JsonArray(replaced.Select(t => (JsonNode?)t.ToString()).ToArray()),
            };
        });

    private static Transaction DecodeForPackage(JsonNode? item)
    {
        string hex = item.GetStr();
        return TransactionDecoding.DecodeHexTx(hex)
               ?? throw new RpcException(RpcErrorCode.DeserializationError, $"TX decode failed: {hex} Make sure the tx has at least one input.");
    }

    // Core's maxburnamount check: unspendable outputs (OP_RETURN, oversized, invalid opcodes) worth more than allowed.
    private static void CheckBurn(Transaction tx, long maxBurn)
    {
        foreach (var output in tx.Outputs)
        {
            if ((StandardPolicy.IsUnspendable(output.ScriptPubKey) || !StandardPolicy.HasValidOps(output.ScriptPubKey)) && output.Value.Satoshi > maxBurn)
                throw TransactionBroadcast.ToRpcException(TransactionError.MaxBurnExceeded);
        }
    }

    private static int CompareTxidMemcmp(uint256 a, uint256 b)
    {
        Span<byte> x = stackalloc byte[32];
        Span<byte> y = stackalloc byte[32];
        a.ToBytes(x);
        b.ToBytes(y);
        return x.SequenceCompareTo(y);
    }
}
