namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>How much of a mined block came from our mempool (Core's MinedBlockStats).</summary>
/// <param name="Height">The block height.</param>
/// <param name="RemovedBlockTxsWeight">Weight of the block's transactions that were in our mempool.</param>
/// <param name="BlockWeight">Weight of all its non-coinbase transactions.</param>
public sealed record MinedBlockStats(ulong Height, ulong RemovedBlockTxsWeight, ulong BlockWeight);
