using Bitcoin.Kernel.Mempool;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Mempool;

/// <summary>
/// The mempool as the block assembler's transaction source (Core's StartBlockBuilding / GetBlockBuilderChunk on the
/// mempool): chunks in mining order, each cluster's rest dropped once one of its chunks is skipped.
/// </summary>
public sealed class MempoolBlockSource : IBlockTransactionSource
{
    private readonly TxMemPool _mempool;

    /// <summary>Offers the chunks of <paramref name="mempool"/>.</summary>
    public MempoolBlockSource(TxMemPool mempool)
    {
        ArgumentNullException.ThrowIfNull(mempool);
        _mempool = mempool;
    }

    /// <inheritdoc/>
    public int Count => _mempool.Count;

    /// <inheritdoc/>
    public long TransactionsUpdated => _mempool.TransactionsUpdated;

    /// <inheritdoc/>
    public IBlockBuilder StartBlockBuilding() => new Builder(_mempool.StartBlockBuilding());

    private sealed class Builder(MempoolBlockBuilder inner) : IBlockBuilder
    {
        public BlockChunk? NextChunk()
        {
            var chunk = inner.Current;
            if (chunk is null) return null;
            var entries = chunk.Entries
                .Select(e => new BlockChunkEntry(e.Transaction, e.Fee, e.ModifiedFee, e.SigOpCost, e.Weight))
                .ToList();
            return new BlockChunk(entries, chunk.Fee, chunk.Weight);
        }

        public void IncludeChunk() => inner.Include();

        public void SkipChunk() => inner.Skip();

        public void Dispose() => inner.Dispose();
    }
}
