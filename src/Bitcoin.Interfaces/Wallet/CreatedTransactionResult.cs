using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>A transaction made by <see cref="IWallet.CreateTransaction"/> (Core's <c>wallet::CreatedTransactionResult</c>).</summary>
/// <param name="Tx">The transaction (signed if asked to).</param>
/// <param name="Fee">The fee it pays.</param>
/// <param name="FeeReason">Why that fee rate was chosen.</param>
/// <param name="ChangePosition">The index of the change output, or null if there is none.</param>
public sealed record CreatedTransactionResult(Transaction Tx, Money Fee, FeeReason FeeReason, int? ChangePosition);
