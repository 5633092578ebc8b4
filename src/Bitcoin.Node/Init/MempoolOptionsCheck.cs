using Bitcoin.Common.Args;
using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Mining.Internal;

namespace Bitcoin.Node.Init;

/// <summary>
/// The start-up checks of the mempool and relay options (those of Core's mempool <c>ApplyArgsManOptions</c> that can
/// fail), so that a bad value stops the node with Core's message even before the node keeps a mempool.
/// </summary>
public static class MempoolOptionsCheck
{
    /// <summary>Core's MAX_CLUSTER_COUNT_LIMIT.</summary>
    public const int MaxClusterCountLimit = 64;

    /// <summary>Returns null if the options are valid, else Core's message.</summary>
    public static string? Check(ArgsManager args, ChainParams chainParams)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(chainParams);
        foreach (var option in new[] { "incrementalrelayfee", "minrelaytxfee", "dustrelayfee" })
        {
            if (args.GetArg("-" + option) is { } value && MoneyParser.Parse(value) is null)
                return $"Invalid amount for -{option}=<amount>: '{value}'";
        }

        if (!chainParams.IsTestChain && args.GetBoolArg("-acceptnonstdtxn", false))
            return $"acceptnonstdtxn is not currently supported for {ChainParams.ChainTypeName(chainParams.Type)} chain";

        if (args.GetIntArg("-limitclustercount") is > MaxClusterCountLimit)
            return $"limitclustercount must be less than or equal to {MaxClusterCountLimit}";
        return null;
    }
}
