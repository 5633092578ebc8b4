using Bitcoin.Common.Addresses;

namespace Bitcoin.Wallet.Keys;

/// <summary>An address a descriptor handed out, and whether it is change (null when the descriptor is not active). Core's <c>WalletDestination</c>.</summary>
public sealed record WalletDestination(TxDestination Destination, bool? Internal);
