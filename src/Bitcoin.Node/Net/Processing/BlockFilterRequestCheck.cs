using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// The checks a getcfilters, getcfheaders or getcfcheckpt request must pass before it is answered (BIP157, Core's
/// PrepareBlockFilterRequest). A request failing any of them gets its sender disconnected.
/// </summary>
internal static class BlockFilterRequestCheck
{
    /// <summary>Most filters one getcfilters may ask for.</summary>
    public const uint MaxGetCFilters = 1000;

    /// <summary>Most filter hashes one getcfheaders may ask for.</summary>
    public const uint MaxGetCFHeaders = 2000;

    /// <summary>The distance between the filter headers a cfcheckpt lists.</summary>
    public const int CheckpointInterval = 1000;

    /// <summary>The wire byte of BIP158 basic filters, the only type served.</summary>
    public const byte BasicFilterType = 0;

    /// <summary>
    /// Null if the request may be answered, otherwise the reason to log (Core's wording) before disconnecting.
    /// <paramref name="stopIndex"/> is the stop block's index entry (null when unknown) and
    /// <paramref name="stopAllowed"/> whether the peer may fetch it (in the active chain, or a recent valid stale block).
    /// </summary>
    public static string? Check(byte filterType, bool servesBasicFilters, uint256 stopHash, BlockIndex? stopIndex, bool stopAllowed,
        uint startHeight, uint maxHeightDiff)
    {
        if (filterType != BasicFilterType || !servesBasicFilters)
            return $"peer requested unsupported block filter type: {filterType}";
        if (stopIndex is null || !stopAllowed)
            return $"peer requested invalid block hash: {stopHash}";
        uint stopHeight = (uint)stopIndex.Height;
        if (startHeight > stopHeight)
            return $"peer sent invalid getcfilters/getcfheaders with start height {startHeight} and stop height {stopHeight}";
        // Unsigned as in Core: the range holds stopHeight - startHeight + 1 blocks.
        if (stopHeight - startHeight >= maxHeightDiff)
            return $"peer requested too many cfilters/cfheaders: {(ulong)(stopHeight - startHeight) + 1} / {maxHeightDiff}";
        return null;
    }
}
