using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// A user's choices for building a transaction (the serializable part of Core's <c>wallet::CCoinControl</c>, the IPC
/// <c>CoinControl</c>). Unset optional members mean "the wallet's default".
/// </summary>
public sealed record CoinControl
{
    /// <summary>Where change goes; null for a new change address.</summary>
    public TxDestination? DestChange { get; init; }

    /// <summary>The change output type; null for the wallet's choice.</summary>
    public OutputType? ChangeType { get; init; }

    /// <summary>Also spend unconfirmed outputs of others' transactions.</summary>
    public bool IncludeUnsafeInputs { get; init; }

    /// <summary>Add inputs beyond <see cref="SelectedInputs"/> if needed.</summary>
    public bool AllowOtherInputs { get; init; } = true;

    /// <summary>Use <see cref="FeeRate"/> even if it is below the estimate.</summary>
    public bool OverrideFeeRate { get; init; }

    /// <summary>The fee rate to pay; null to estimate.</summary>
    public FeeRate? FeeRate { get; init; }

    /// <summary>The confirmation target for the estimate; null for -txconfirmtarget.</summary>
    public uint? ConfirmTarget { get; init; }

    /// <summary>Signal BIP125 replaceability; null for the wallet's default.</summary>
    public bool? SignalRbf { get; init; }

    /// <summary>Spend all outputs of an address together.</summary>
    public bool AvoidPartialSpends { get; init; }

    /// <summary>Avoid outputs to addresses already spent from.</summary>
    public bool AvoidAddressReuse { get; init; }

    /// <summary>The estimate mode: 0 unset, 1 economical, 2 conservative (Core's FeeEstimateMode).</summary>
    public int FeeMode { get; init; }

    /// <summary>The fewest confirmations an input may have.</summary>
    public int MinDepth { get; init; }

    /// <summary>The most confirmations an input may have.</summary>
    public int MaxDepth { get; init; } = 9999999;

    /// <summary>The transaction's nLockTime; null for the anti-fee-sniping default.</summary>
    public uint? LockTime { get; init; }

    /// <summary>The transaction version; null for the default (2).</summary>
    public uint? Version { get; init; }

    /// <summary>The greatest weight allowed; null for the standard limit.</summary>
    public int? MaxTxWeight { get; init; }

    /// <summary>Inputs that must be spent, in order.</summary>
    public IReadOnlyList<OutPoint> SelectedInputs { get; init; } = [];
}
