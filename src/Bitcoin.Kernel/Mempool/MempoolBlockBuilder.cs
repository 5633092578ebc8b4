using Bitcoin.Kernel.Mempool.Internal;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// One block's walk over the mempool's chunks in mining order (Core's StartBlockBuilding, GetBlockBuilderChunk,
/// IncludeBuilderChunk, SkipBuilderChunk, StopBlockBuilding). Holds the mempool lock from creation until disposed, on
/// the creating thread: use it in one <c>using</c> block. After reading <see cref="Current"/>, call exactly one of
/// <see cref="Include"/> or <see cref="Skip"/>.
/// </summary>
public sealed class MempoolBlockBuilder : IDisposable
{
    private readonly TxMemPool _pool;
    private readonly TxGraph.BlockBuilder _builder;
    private bool _disposed;

    internal MempoolBlockBuilder(TxMemPool pool)
    {
        _pool = pool;
        pool.Lock.Enter();
        try
        {
            _builder = pool.Graph.StartBlockBuilding();
        }
        catch
        {
            pool.Lock.Exit();
            throw;
        }
    }

    /// <summary>The best chunk not yet decided, or null when none is left.</summary>
    public MempoolChunk? Current =>
        _builder.Current is { } chunk ? new MempoolChunk(chunk.Entries.ToList(), chunk.Rate.Fee, chunk.Rate.Size) : null;

    /// <summary>The current chunk went into the block.</summary>
    public void Include() => _builder.Include();

    /// <summary>The current chunk did not fit: it and the rest of its cluster are not offered again.</summary>
    public void Skip() => _builder.Skip();

    /// <summary>Ends the walk and releases the mempool lock.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _builder.Dispose();
        _pool.Lock.Exit();
    }
}
