namespace Bitcoin.Kernel.Chain;

/// <summary>Transaction statistics used to estimate verification progress (Core's ChainTxData).</summary>
/// <param name="Time">UNIX time of the last known transaction count.</param>
/// <param name="TxCount">Transactions between genesis and that time.</param>
/// <param name="TxRate">Estimated transactions per second after that time.</param>
public sealed record ChainTxData(long Time, ulong TxCount, double TxRate);
