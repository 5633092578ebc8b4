using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Wallet.Model;

/// <summary>
/// A spendable wallet output as coin listing sees it (the facts of Core's <c>COutput</c> that do not depend on a fee
/// rate): where it is, its confirmations, whether the wallet can solve it, and whether it is safe to spend.
/// </summary>
/// <param name="OutPoint">The output.</param>
/// <param name="Output">Its amount and script.</param>
/// <param name="Depth">Confirmations (0 in the mempool).</param>
/// <param name="Solvable">True if the wallet knows how to spend it, keys aside.</param>
/// <param name="Safe">True if it is confirmed or the wallet's own trusted unconfirmed change (Core's "safe").</param>
/// <param name="Time">Its transaction's smart time.</param>
/// <param name="FromMe">True if its transaction spent wallet outputs.</param>
/// <param name="Type">The output type it counts as for coin selection (P2SH resolved through the redeem script).</param>
public sealed record WalletOutput(OutPoint OutPoint, TxOut Output, int Depth, bool Solvable, bool Safe, long Time, bool FromMe, OutputType Type);
