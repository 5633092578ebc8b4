using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Mining.Internal;

namespace Bitcoin.Node.Init;

/// <summary>
/// The mempool and relay options (Core's mempool <c>ApplyArgsManOptions</c>): read once before daemonizing so that a
/// bad value stops the node with Core's message, and again to create the node's mempool.
/// </summary>
public static class MempoolArgs
{
    /// <summary>Core's MAX_CLUSTER_COUNT_LIMIT.</summary>
    public const int MaxClusterCountLimit = 64;

    /// <summary>
    /// The mempool options for <paramref name="chainParams"/> from <c>-checkmempool</c>, <c>-maxmempool</c>,
    /// <c>-mempoolexpiry</c>, <c>-incrementalrelayfee</c>, <c>-minrelaytxfee</c>, <c>-dustrelayfee</c>,
    /// <c>-permitbaremultisig</c>, <c>-datacarrier</c>/<c>-datacarriersize</c>, <c>-acceptnonstdtxn</c>,
    /// <c>-persistmempoolv1</c>, <c>-bytespersigop</c> and the cluster limits. Returns null with Core's message in
    /// <paramref name="error"/> ("Invalid amount for -minrelaytxfee=&lt;amount&gt;: 'x'", "acceptnonstdtxn is not currently
    /// supported for main chain", "limitclustercount must be less than or equal to 64", "-maxmempool must be at least N MB").
    /// With <paramref name="log"/>, logs the interactions Core logs.
    /// </summary>
    public static MempoolOptions? Read(ArgsManager args, ChainParams chainParams, out string error, bool log = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(chainParams);
        error = string.Empty;
        var defaults = new MempoolOptions();
        var options = defaults with { CheckRatio = chainParams.DefaultConsistencyChecks ? 1 : 0 };
        if (args.GetIntArg("-checkmempool") is { } ratio)
            options = options with { CheckRatio = (int)Math.Clamp(ratio, 0, int.MaxValue) };
        if (args.GetIntArg("-maxmempool") is { } megabytes)
            options = options with { MaxSizeBytes = SaturatingMultiply(megabytes, 1_000_000) };
        if (args.GetIntArg("-mempoolexpiry") is { } hours)
            options = options with { Expiry = TimeSpan.FromHours(Math.Clamp(hours, -1_000_000, 1_000_000)) };

        if (!TryReadFeeRate(args, "incrementalrelayfee", out var incremental, ref error))
            return null;
        if (incremental is { } incrementalRate)
            options = options with { IncrementalRelayFeeRate = incrementalRate };

        if (!TryReadFeeRate(args, "minrelaytxfee", out var minRelay, ref error))
            return null;
        if (minRelay is { } minRelayRate)
        {
            options = options with { MinRelayFeeRate = minRelayRate };
        }
        else if (options.IncrementalRelayFeeRate > options.MinRelayFeeRate)
        {
            // Setting only the incremental fee controls both.
            options = options with { MinRelayFeeRate = options.IncrementalRelayFeeRate };
            if (log)
                Log.Info($"Increasing minrelaytxfee to {options.MinRelayFeeRate} to match incrementalrelayfee");
        }

        if (!TryReadFeeRate(args, "dustrelayfee", out var dust, ref error))
            return null;
        if (dust is { } dustRate)
            options = options with { DustRelayFeeRate = dustRate };

        options = options with
        {
            PermitBareMultisig = args.GetBoolArg("-permitbaremultisig", defaults.PermitBareMultisig),
            MaxDatacarrierBytes = args.GetBoolArg("-datacarrier", true)
                ? (int)Math.Clamp(args.GetIntArg("-datacarriersize", PolicyConstants.MaxOpReturnRelay), 0, int.MaxValue)
                : null,
            RequireStandard = !args.GetBoolArg("-acceptnonstdtxn", false),
            PersistV1Dat = args.GetBoolArg("-persistmempoolv1", defaults.PersistV1Dat),
            BytesPerSigOp = (int)Math.Clamp(args.GetIntArg("-bytespersigop", defaults.BytesPerSigOp), int.MinValue, int.MaxValue),
        };
        if (!chainParams.IsTestChain && !options.RequireStandard)
        {
            error = $"acceptnonstdtxn is not currently supported for {ChainParams.ChainTypeName(chainParams.Type)} chain";
            return null;
        }

        var limits = options.Limits;
        limits = limits with { ClusterCount = (int)Math.Clamp(args.GetIntArg("-limitclustercount", limits.ClusterCount), int.MinValue, int.MaxValue) };
        if (args.GetIntArg("-limitclustersize") is { } kvb)
            limits = limits with { ClusterSizeVBytes = SaturatingMultiply(kvb, 1_000) };
        limits = limits with
        {
            AncestorCount = args.GetIntArg("-limitancestorcount", limits.AncestorCount),
            DescendantCount = args.GetIntArg("-limitdescendantcount", limits.DescendantCount),
        };
        options = options with { Limits = limits };
        if (limits.ClusterCount > MaxClusterCountLimit)
        {
            error = $"limitclustercount must be less than or equal to {MaxClusterCountLimit}";
            return null;
        }

        if (options.Check() is { } sizeError)
        {
            error = sizeError;
            return null;
        }

        return options;
    }

    private static bool TryReadFeeRate(ArgsManager args, string option, out TxFeeRate? rate, ref string error)
    {
        rate = null;
        if (args.GetArg("-" + option) is not { } text)
            return true;
        if (MoneyParser.Parse(text) is not { } satoshisPerKvB)
        {
            error = $"Invalid amount for -{option}=<amount>: '{text}'";
            return false;
        }

        rate = TxFeeRate.FromSatoshisPerKvB(satoshisPerKvB);
        return true;
    }

    private static long SaturatingMultiply(long value, long factor)
    {
        var product = (Int128)value * factor;
        return (long)Int128.Clamp(product, long.MinValue, long.MaxValue);
    }
}
