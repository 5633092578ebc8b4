using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>A replacement transaction made by <see cref="FeeBumper.CreateRateBumpTransaction"/>.</summary>
/// <param name="Tx">The unsigned replacement.</param>
/// <param name="OldFee">The fee of the transaction replaced.</param>
/// <param name="NewFee">The fee of the replacement.</param>
public sealed record FeeBump(Transaction Tx, long OldFee, long NewFee);
