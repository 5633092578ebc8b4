using Bitcoin.Common.Addresses;

namespace Bitcoin.Interfaces;

/// <summary>An address book entry (Core's <c>interfaces::WalletAddress</c>).</summary>
/// <param name="Destination">The address.</param>
/// <param name="IsMine">True if it is one of the wallet's own.</param>
/// <param name="Purpose">What it is for.</param>
/// <param name="Name">Its label ("" for none).</param>
public sealed record WalletAddress(TxDestination Destination, bool IsMine, AddressPurpose Purpose, string Name);
