using NBitcoin;

namespace Bitcoin.Kernel.Index;

/// <summary>What getindexinfo reports for an index (Core's IndexSummary).</summary>
public sealed record IndexSummary(string Name, bool Synced, int BestBlockHeight, uint256 BestBlockHash);
