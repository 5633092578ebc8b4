namespace Bitcoin.Interfaces;

/// <summary>Where a wallet transaction stands (Core's <c>interfaces::WalletTxStatus</c>).</summary>
public sealed record WalletTxStatus
{
    /// <summary>The height of the confirming block, or int.MaxValue when unconfirmed.</summary>
    public int BlockHeight { get; init; }

    /// <summary>Blocks until a coinbase matures (0 otherwise).</summary>
    public int BlocksToMaturity { get; init; }

    /// <summary>Confirmations; negative when a conflicting transaction is confirmed; 0 when unconfirmed.</summary>
    public int DepthInMainChain { get; init; }

    /// <summary>When the wallet first saw it, seconds since the epoch.</summary>
    public uint TimeReceived { get; init; }

    /// <summary>Its nLockTime.</summary>
    public uint LockTime { get; init; }

    /// <summary>True if its outputs count as spendable (confirmed, or the wallet's own unconfirmed transaction).</summary>
    public bool IsTrusted { get; init; }

    /// <summary>True if the user abandoned it.</summary>
    public bool IsAbandoned { get; init; }

    /// <summary>True for a coinbase transaction.</summary>
    public bool IsCoinBase { get; init; }

    /// <summary>True if it is confirmed in the active chain.</summary>
    public bool IsInMainChain { get; init; }
}
