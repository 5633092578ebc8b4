using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// The result of submitting a package (Core's PackageMempoolAcceptResult): the package-wide state and one result per
/// transaction that got far enough, keyed by wtxid.
/// </summary>
public sealed class PackageMempoolAcceptResult
{
    /// <summary>Creates a result.</summary>
    public PackageMempoolAcceptResult(PackageValidationState state, IReadOnlyDictionary<uint256, MempoolAcceptResult> results)
    {
        State = state;
        TxResults = results;
    }

    /// <summary>A result for a single transaction.</summary>
    public PackageMempoolAcceptResult(uint256 wtxid, MempoolAcceptResult result)
        : this(new PackageValidationState(), new Dictionary<uint256, MempoolAcceptResult> { [wtxid] = result })
    {
    }

    /// <summary>The package-wide state.</summary>
    public PackageValidationState State { get; }

    /// <summary>Per-transaction results by wtxid.</summary>
    public IReadOnlyDictionary<uint256, MempoolAcceptResult> TxResults { get; }
}
