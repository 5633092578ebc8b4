using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>One transaction offered for a block, with what the miner accounts for it.</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Fee">Its fee in satoshis, as paid (getblocktemplate's "fee").</param>
/// <param name="ModifiedFee">Its fee including prioritisetransaction deltas (logged with -printpriority).</param>
/// <param name="SigOpCost">Its signature operation cost (getblocktemplate's "sigops").</param>
/// <param name="Weight">Its BIP141 weight.</param>
public sealed record BlockChunkEntry(Transaction Transaction, long Fee, long ModifiedFee, long SigOpCost, long Weight);
