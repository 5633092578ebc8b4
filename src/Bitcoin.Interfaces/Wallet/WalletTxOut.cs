using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>One output of a wallet transaction (Core's <c>interfaces::WalletTxOut</c>).</summary>
/// <param name="TxOut">The output.</param>
/// <param name="Time">The transaction's smart time, seconds since the epoch.</param>
/// <param name="DepthInMainChain">Confirmations of its transaction; -1 when the output is unknown.</param>
/// <param name="IsSpent">True if a wallet transaction spends it.</param>
public sealed record WalletTxOut(TxOut TxOut, long Time, int DepthInMainChain, bool IsSpent);
