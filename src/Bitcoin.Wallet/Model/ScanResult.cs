using NBitcoin;

namespace Bitcoin.Wallet.Model;

/// <summary>How a rescan ended (Core's <c>CWallet::ScanResult</c>).</summary>
public sealed record ScanResult
{
    /// <summary>Success, failure (a block could not be read or left the chain), or aborted.</summary>
    public ScanStatus Status { get; set; } = ScanStatus.Success;

    /// <summary>The last block scanned, if any.</summary>
    public uint256? LastScannedBlock { get; set; }

    /// <summary>Its height.</summary>
    public int? LastScannedHeight { get; set; }

    /// <summary>The last block that could not be scanned, if any.</summary>
    public uint256? LastFailedBlock { get; set; }
}

/// <summary>The status of a rescan.</summary>
public enum ScanStatus
{
    /// <summary>Every block was scanned.</summary>
    Success,

    /// <summary>Some block could not be scanned.</summary>
    Failure,

    /// <summary>Stopped by abortrescan or shutdown.</summary>
    UserAbort,
}
