using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.FeeEstimation;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;

namespace Bitcoin.Node.Mempool;

// estimatesmartfee and estimaterawfee (Core's rpc/fees.cpp).
public static partial class MempoolRpc
{
    private static readonly string[] FeeModes = ["unset", "economical", "conservative"];

    private static RpcMethod EstimateSmartFee(NodeContext node) => new(
        "estimatesmartfee",
        "Estimates the approximate fee per kilobyte needed for a transaction to begin\n" +
        "confirmation within conf_target blocks if possible and return the number of blocks\n" +
        "for which the estimate is valid. Uses virtual transaction size as defined\n" +
        "in BIP 141 (witness data is discounted).",
        [
            RpcDoc.Required("conf_target", RpcArgType.Num, "Confirmation target in blocks (1 - 1008)"),
            RpcDoc.WithDefault("estimate_mode", RpcArgType.Str, "economical",
                "The fee estimate mode.\n\"unset\", \"economical\", \"conservative\" \n" +
                "\"unset\" - default mode will be used\n" +
                "\"economical\" - Use a lower estimate that responds faster to short-term drops in fees\n" +
                "\"conservative\" - Use a higher estimate that holds over a longer history\n"),
            RpcDoc.Optional("options", RpcArgType.Obj, "",
            [
                RpcDoc.WithDefault("fee_rate_estimator", RpcArgType.Str, "none",
                    "Selects which fee rate estimator to use.\n" +
                    "\"none\" returns the lower of the block policy and mempool estimates. If the mempool\n" +
                    "estimate is unavailable, it returns that error instead of falling back to the block\n" +
                    "policy estimate; use \"block_policy\" in that case to get the block policy estimate.\n" +
                    "\"block_policy\" uses only the block policy fee rate estimator.\n" +
                    "\"mempool_policy\" uses only the mempool fee rate estimator.\n" +
                    "Unknown values are treated as \"none\"."),
                RpcDoc.WithDefault("verbosity", RpcArgType.Num, 1, "1 returns feerate or errors. 2 also returns \"mempool_health_statistics\"."),
            ]),
        ],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.OptionalField(RpcResultType.Num, "feerate", "estimate fee rate in BTC/kvB (only present if no errors were encountered)"),
                RpcDoc.OptionalField(RpcResultType.Str, "estimator", "the fee estimator used to produce the result (only present for successful estimates when fee_rate_estimator is \"none\")"),
                RpcDoc.OptionalField(RpcResultType.Arr, "errors", "Errors encountered during processing (if there are any)", [RpcDoc.Value(RpcResultType.Str, "error")]),
                RpcDoc.Field(RpcResultType.Num, "blocks",
                    "the confirmation target in blocks for the returned fee rate estimate.\n" +
                    "For the block policy fee rate estimator, this is the target the estimate was found at, clamped to at\n" +
                    "least 2 and at most the estimator's maximum usable target. For the mempool fee rate\n" +
                    "estimator, it is always 2."),
                RpcDoc.OptionalField(RpcResultType.Arr, "mempool_health_statistics",
                    "Health statistics for the most recently mined blocks tracked by the mempool fee rate estimator (only present when verbosity >= 2)",
                [
                    RpcDoc.Value(RpcResultType.Obj, "",
                    [
                        RpcDoc.Field(RpcResultType.Num, "block_height", "Block height"),
                        RpcDoc.Field(RpcResultType.Num, "block_weight", "Total weight of non-coinbase transactions in the block"),
                        RpcDoc.Field(RpcResultType.Num, "mempool_txs_weight", "Total weight of transactions removed from the mempool for this block"),
                    ]),
                ]),
            ]),
        ],
        RpcDoc.Examples("estimatesmartfee", "6", "6"),
        call =>
        {
            var estimator = EnsureFeeEstimator(node);
            var pool = EnsureMempool(node);
            node.ValidationSignals?.SyncWithValidationInterfaceQueue();
            uint target = RpcParse.ConfirmTarget(call.Param(0), estimator.MaximumTarget);
            string mode = call.Param(1).IsNull() ? "economical" : call.Param(1).GetStr();
            if (!FeeModes.Contains(mode.ToLowerInvariant(), StringComparer.Ordinal))
                throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid estimate_mode parameter, must be one of: \"" + string.Join("\", \"", FeeModes) + "\"");
            var options = call.Param(2).IsNull() ? new JsonObject() : call.Param(2);
            RpcParse.CheckObject(options, new Dictionary<string, JsonKind?> { ["fee_rate_estimator"] = JsonKind.String, ["verbosity"] = JsonKind.Number },
                allowNull: true, strict: true);
            var type = options.Find("fee_rate_estimator") is { } name && !name.IsNull() ? FeeRateEstimation.TypeFromString(name.GetStr()) : FeeRateEstimatorType.None;
            bool conservative = mode.Equals("conservative", StringComparison.OrdinalIgnoreCase);
            int verbosity = RpcParse.Verbosity(options.Find("verbosity"), 1, allowBool: false);

            var estimate = estimator.GetFeeRateEstimate(type, (int)target, conservative);
            var result = new JsonObject();
            if (estimate.Success)
            {
                var rate = TxFeeRate.Max(TxFeeRate.Max(estimate.FeeRate, pool.GetMinFee()), pool.Options.MinRelayFeeRate);
                result["feerate"] = JsonNumbers.Amount(rate.FeePerKvB);
                if (type == FeeRateEstimatorType.None) result["estimator"] = FeeRateEstimation.TypeToString(estimate.Estimator);
            }
            else
            {
                result["errors"] = new JsonArray((JsonNode?)estimate.Error);
            }
            result["blocks"] = estimate.ReturnedTarget;
            if (verbosity >= 2)
            {
                var stats = estimator.MempoolEstimator.GetPrevBlockData();
                stats.Reverse();
                result["mempool_health_statistics"] = new JsonArray(stats.Select(s => (JsonNode?)new JsonObject
                {
                    ["block_height"] = s.Height,
                    ["block_weight"] = s.BlockWeight,
                    ["mempool_txs_weight"] = s.RemovedBlockTxsWeight,
                }).ToArray());
            }
            return result;
        });

    private static RpcMethod EstimateRawFee(NodeContext node) => new(
        "estimaterawfee",
        "WARNING: This interface is unstable and may disappear or change!\n" +
        "\nWARNING: This is an advanced API call that is tightly coupled to the specific\n" +
        "implementation of fee estimation. The parameters it can be called with\n" +
        "and the results it returns will change if the internal implementation changes.\n" +
        "\nEstimates the approximate fee per kilobyte needed for a transaction to begin\n" +
        "confirmation within conf_target blocks if possible. Uses virtual transaction size as\n" +
        "defined in BIP 141 (witness data is discounted).",
        [
            RpcDoc.Required("conf_target", RpcArgType.Num, "Confirmation target in blocks (1 - 1008)"),
            RpcDoc.WithDefault("threshold", RpcArgType.Num, 0.95,
                "The proportion of transactions in a given feerate range that must have been\n" +
                "confirmed within conf_target in order to consider those feerates as high enough and proceed to check\n" +
                "lower buckets."),
        ],
        [
            RpcDoc.Value(RpcResultType.Obj, "Results are returned for any horizon which tracks blocks up to the confirmation target",
            [
                RpcDoc.OptionalField(RpcResultType.Obj, "short", "estimate for short time horizon", HorizonDoc(elide: false)),
                RpcDoc.OptionalField(RpcResultType.Obj, "medium", "estimate for medium time horizon", HorizonDoc(elide: true)),
                RpcDoc.OptionalField(RpcResultType.Obj, "long", "estimate for long time horizon", HorizonDoc(elide: true)),
            ]),
        ],
        RpcExamples.Cli("estimaterawfee", "6 0.9"),
        call =>
        {
            var estimator = EnsureFeeEstimator(node);
            node.ValidationSignals?.SyncWithValidationInterfaceQueue();
            uint target = RpcParse.ConfirmTarget(call.Param(0), estimator.MaximumTarget);
            double threshold = call.Param(1).IsNull() ? 0.95 : call.Param(1).GetReal();
            if (threshold < 0 || threshold > 1) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid threshold");

            var result = new JsonObject();
            foreach (var horizon in new[] { FeeEstimateHorizon.ShortHalfLife, FeeEstimateHorizon.MedHalfLife, FeeEstimateHorizon.LongHalfLife })
            {
                // Only horizons tracking the target answer.
                if (target > estimator.BlockPolicy.HighestTargetTracked(horizon)) continue;
                var rate = estimator.BlockPolicy.EstimateRawFee((int)target, threshold, horizon, out var buckets);
                var horizonResult = new JsonObject();
                if (rate != TxFeeRate.Zero)
                {
                    horizonResult["feerate"] = JsonNumbers.Amount(rate.FeePerKvB);
                    horizonResult["decay"] = JsonNumbers.Double(buckets.Decay);
                    horizonResult["scale"] = buckets.Scale;
                    horizonResult["pass"] = BucketToJson(buckets.Pass);
                    // A fail start of -1 means every bucket passed.
                    if (buckets.Fail.Start != -1) horizonResult["fail"] = BucketToJson(buckets.Fail);
                }
                else
                {
                    horizonResult["decay"] = JsonNumbers.Double(buckets.Decay);
                    horizonResult["scale"] = buckets.Scale;
                    horizonResult["fail"] = BucketToJson(buckets.Fail);
                    horizonResult["errors"] = new JsonArray((JsonNode?)"Insufficient data or no feerate found which meets threshold");
                }
                result[BlockPolicyEstimator.HorizonString(horizon)] = horizonResult;
            }
            return result;
        });

    private static JsonObject BucketToJson(EstimatorBucket bucket) => new()
    {
        ["startrange"] = JsonNumbers.Double(Math.Round(bucket.Start, MidpointRounding.AwayFromZero)),
        ["endrange"] = JsonNumbers.Double(Math.Round(bucket.End, MidpointRounding.AwayFromZero)),
        ["withintarget"] = JsonNumbers.Double(Math.Round(bucket.WithinTarget * 100.0, MidpointRounding.AwayFromZero) / 100.0),
        ["totalconfirmed"] = JsonNumbers.Double(Math.Round(bucket.TotalConfirmed * 100.0, MidpointRounding.AwayFromZero) / 100.0),
        ["inmempool"] = JsonNumbers.Double(Math.Round(bucket.InMempool * 100.0, MidpointRounding.AwayFromZero) / 100.0),
        ["leftmempool"] = JsonNumbers.Double(Math.Round(bucket.LeftMempool * 100.0, MidpointRounding.AwayFromZero) / 100.0),
    };

    private static List<RpcResult> BucketDoc(bool elide)
    {
        var fields = new List<RpcResult>
        {
            RpcDoc.Field(RpcResultType.Num, "startrange", "start of feerate range"),
            RpcDoc.Field(RpcResultType.Num, "endrange", "end of feerate range"),
            RpcDoc.Field(RpcResultType.Num, "withintarget", "number of txs over history horizon in the feerate range that were confirmed within target"),
            RpcDoc.Field(RpcResultType.Num, "totalconfirmed", "number of txs over history horizon in the feerate range that were confirmed at any point"),
            RpcDoc.Field(RpcResultType.Num, "inmempool", "current number of txs in mempool in the feerate range unconfirmed for at least target blocks"),
            RpcDoc.Field(RpcResultType.Num, "leftmempool", "number of txs over history horizon in the feerate range that left mempool unconfirmed after target"),
        };
        return elide ? Elide(fields) : fields;
    }

    private static List<RpcResult> HorizonDoc(bool elide)
    {
        var fields = new List<RpcResult>
        {
            RpcDoc.OptionalField(RpcResultType.Num, "feerate", "estimate fee rate in BTC/kvB"),
            RpcDoc.Field(RpcResultType.Num, "decay", "exponential decay (per block) for historical moving average of confirmation data"),
            RpcDoc.Field(RpcResultType.Num, "scale", "The resolution of confirmation targets at this time horizon"),
            RpcDoc.OptionalField(RpcResultType.Obj, "pass", "information about the lowest range of feerates to succeed in meeting the threshold", BucketDoc(elide: false)),
            RpcDoc.OptionalField(RpcResultType.Obj, "fail", "information about the highest range of feerates to fail to meet the threshold", BucketDoc(elide: true)),
            RpcDoc.OptionalField(RpcResultType.Arr, "errors", "Errors encountered during processing (if there are any)", [RpcDoc.Field(RpcResultType.Str, "error", "")]),
        };
        return elide ? Elide(fields) : fields;
    }

    // Core's ElideGroup: print "..." in place of a repeated group of fields in help.
    private static List<RpcResult> Elide(List<RpcResult> fields)
    {
        var result = new List<RpcResult>();
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var options = i == 0
                ? new RpcResultOptions { ElisionSummary = "" }
                : new RpcResultOptions { HiddenFromHelp = true };
            result.Add(new RpcResult(f.Type, f.KeyName, f.Description, f.Inner, f.Optional, options: options));
        }
        return result;
    }
}
