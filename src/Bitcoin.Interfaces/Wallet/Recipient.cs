using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>One payment of a transaction to create (Core's <c>wallet::CRecipient</c>).</summary>
/// <param name="Destination">Where to pay.</param>
/// <param name="Amount">How much.</param>
/// <param name="SubtractFeeFromAmount">Take the fee out of this payment.</param>
public sealed record Recipient(TxDestination Destination, Money Amount, bool SubtractFeeFromAmount);
