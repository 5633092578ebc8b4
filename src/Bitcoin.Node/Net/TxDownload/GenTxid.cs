using NBitcoin;

namespace Bitcoin.Node.Net.TxDownload;

/// <summary>A transaction identifier that is either a txid or a wtxid (Core's GenTxid).</summary>
/// <param name="IsWtxid">True for a wtxid.</param>
/// <param name="Hash">The id.</param>
public readonly record struct GenTxid(bool IsWtxid, uint256 Hash);
