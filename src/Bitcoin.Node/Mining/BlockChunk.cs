namespace Bitcoin.Node.Mining;

/// <summary>
/// Transactions a block must take together (a mempool cluster's chunk), in an order valid inside a block, with the
/// chunk's total fee (including prioritisation deltas) and weight; their ratio is the chunk's fee rate.
/// </summary>
/// <param name="Entries">The transactions, parents before children.</param>
/// <param name="Fee">The total modified fee, in satoshis.</param>
/// <param name="Weight">The total weight, in weight units.</param>
public sealed record BlockChunk(IReadOnlyList<BlockChunkEntry> Entries, long Fee, long Weight)
{
    /// <summary>The chunk's size in virtual bytes (weight divided by four, rounded up, as Core's ToFeePerVSize).</summary>
    public long VirtualSize => (Weight + 3) / 4;
}
