using Bitcoin.Interfaces;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>A transaction the wallet built (Core's CreatedTransactionResult).</summary>
/// <param name="Tx">The transaction (signed if asked).</param>
/// <param name="Fee">The fee it pays, in satoshis.</param>
/// <param name="ChangePosition">The index of its change output, or null.</param>
/// <param name="FeeReason">Why its fee rate was chosen.</param>
public sealed record CreatedTransaction(Transaction Tx, long Fee, int? ChangePosition, FeeReason FeeReason);
