using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal.Accept;

/// <summary>How one acceptance attempt behaves (Core's ATMPArgs); made only by the named factories.</summary>
internal sealed record AcceptArgs
{
    private AcceptArgs()
    {
    }

    /// <summary>The entry time to record (seconds).</summary>
    public long AcceptTime { get; private init; }

    /// <summary>Skip fee minimums, TRUC and size limiting (re-adding transactions of disconnected blocks).</summary>
    public bool BypassLimits { get; private init; }

    /// <summary>Inputs newly pulled into the coins cache, to drop again if the transaction is rejected.</summary>
    public List<OutPoint> CoinsToUncache { get; private init; } = [];

    /// <summary>Validate only; do not add.</summary>
    public bool TestAccept { get; private init; }

    /// <summary>Whether conflicting mempool transactions may be replaced.</summary>
    public bool AllowReplacement { get; private init; }

    /// <summary>Whether a TRUC sibling may be evicted (single transactions only).</summary>
    public bool AllowSiblingEviction { get; private init; }

    /// <summary>Part of a package submission: trim the mempool once at the end instead of after each transaction.</summary>
    public bool PackageSubmission { get; private init; }

    /// <summary>Check the fee minimums against the package's total rate instead of each transaction's.</summary>
    public bool PackageFeerates { get; private init; }

    /// <summary>The caller's highest acceptable fee rate (null: any).</summary>
    public TxFeeRate? ClientMaxFeeRate { get; private init; }

    public static AcceptArgs SingleAccept(long acceptTime, bool bypassLimits, List<OutPoint> coinsToUncache, bool testAccept) => new()
    {
        AcceptTime = acceptTime,
        BypassLimits = bypassLimits,
        CoinsToUncache = coinsToUncache,
        TestAccept = testAccept,
        AllowReplacement = true,
        AllowSiblingEviction = true,
    };

    public static AcceptArgs PackageTestAccept(long acceptTime, List<OutPoint> coinsToUncache) => new()
    {
        AcceptTime = acceptTime,
        CoinsToUncache = coinsToUncache,
        TestAccept = true,
    };

    public static AcceptArgs PackageChildWithParents(long acceptTime, List<OutPoint> coinsToUncache, TxFeeRate? clientMaxFeeRate) => new()
    {
        AcceptTime = acceptTime,
        CoinsToUncache = coinsToUncache,
        AllowReplacement = true,
        PackageSubmission = true,
        PackageFeerates = true,
        ClientMaxFeeRate = clientMaxFeeRate,
    };

    public static AcceptArgs SingleInPackageAccept(AcceptArgs package) => new()
    {
        AcceptTime = package.AcceptTime,
        CoinsToUncache = package.CoinsToUncache,
        TestAccept = package.TestAccept,
        AllowReplacement = true,
        AllowSiblingEviction = true,
        PackageSubmission = true,
        ClientMaxFeeRate = package.ClientMaxFeeRate,
    };
}
