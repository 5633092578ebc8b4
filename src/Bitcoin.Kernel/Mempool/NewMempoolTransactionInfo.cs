using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>A transaction that entered the mempool, with what fee estimation needs (Core's NewMempoolTransactionInfo).</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Fee">Its fee in satoshis.</param>
/// <param name="VirtualSize">Its sigop-adjusted virtual size.</param>
/// <param name="Height">The chain height when it entered.</param>
/// <param name="MempoolLimitBypassed">True when it was added without the fee limits (re-added from a disconnected block).</param>
/// <param name="SubmittedInPackage">True when it came in a package.</param>
/// <param name="ChainstateIsCurrent">True when the chain was up to date (fee estimation only learns then).</param>
/// <param name="HasNoMempoolParents">True when none of its inputs comes from a mempool transaction.</param>
public sealed record NewMempoolTransactionInfo(Transaction Transaction, long Fee, long VirtualSize, int Height,
    bool MempoolLimitBypassed, bool SubmittedInPackage, bool ChainstateIsCurrent, bool HasNoMempoolParents);
