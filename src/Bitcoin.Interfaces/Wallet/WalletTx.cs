using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>A wallet transaction with what the wallet knows of it (Core's <c>interfaces::WalletTx</c>).</summary>
public sealed record WalletTx
{
    /// <summary>The transaction.</summary>
    public required Transaction Tx { get; init; }

    /// <summary>For each input, whether it spends one of the wallet's outputs.</summary>
    public required IReadOnlyList<bool> TxinIsMine { get; init; }

    /// <summary>For each output, whether it pays the wallet.</summary>
    public required IReadOnlyList<bool> TxoutIsMine { get; init; }

    /// <summary>For each output, whether it is change (the wallet's, without an address book entry).</summary>
    public required IReadOnlyList<bool> TxoutIsChange { get; init; }

    /// <summary>For each output, its address (<see cref="NoDestination"/> if none).</summary>
    public required IReadOnlyList<TxDestination> TxoutAddress { get; init; }

    /// <summary>For each output, whether its address is the wallet's.</summary>
    public required IReadOnlyList<bool> TxoutAddressIsMine { get; init; }

    /// <summary>What the transaction pays the wallet.</summary>
    public Money Credit { get; init; } = Money.Zero;

    /// <summary>What the transaction spends of the wallet's outputs.</summary>
    public Money Debit { get; init; } = Money.Zero;

    /// <summary>What it pays back to the wallet as change.</summary>
    public Money Change { get; init; } = Money.Zero;

    /// <summary>Its smart time (Core's GetTxTime), seconds since the epoch.</summary>
    public long Time { get; init; }

    /// <summary>The "from" value of very old wallets, if any.</summary>
    public string? From { get; init; }

    /// <summary>The "message" value of very old wallets, if any.</summary>
    public string? Message { get; init; }

    /// <summary>The user's comment, if any.</summary>
    public string? Comment { get; init; }

    /// <summary>The user's comment on the recipient, if any.</summary>
    public string? CommentTo { get; init; }

    /// <summary>True for a coinbase transaction.</summary>
    public bool IsCoinBase { get; init; }
}
