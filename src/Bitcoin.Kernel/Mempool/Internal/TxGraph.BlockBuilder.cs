namespace Bitcoin.Kernel.Mempool.Internal;

internal sealed partial class TxGraph
{
    /// <summary>
    /// Walks the chunks in mining order for one block (Core's TxGraph::BlockBuilder): after each chunk the caller
    /// includes it or skips it; skipping a chunk drops the rest of its cluster.
    /// </summary>
    internal sealed class BlockBuilder : IDisposable
    {
        private readonly TxGraph _graph;
        private readonly IEnumerator<ChunkData> _chunks;
        private readonly HashSet<Cluster> _skipped = new(ReferenceEqualityComparer.Instance);
        private ChunkData? _current;
        private bool _disposed;

        public BlockBuilder(TxGraph graph)
        {
            _graph = graph;
            _chunks = graph._chunks.GetEnumerator();
            Advance();
        }

        /// <summary>The chunk offered now, or null when there is none left.</summary>
        public ChunkData? Current => _current;

        /// <summary>The current chunk went into the block.</summary>
        public void Include() => Advance();

        /// <summary>The current chunk did not fit: skip it and the rest of its cluster.</summary>
        public void Skip()
        {
            if (_current is not null) _skipped.Add(_current.Cluster);
            Advance();
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _chunks.Dispose();
            _graph.EndBlockBuilding();
        }

        private void Advance()
        {
            _current = null;
            while (_chunks.MoveNext())
            {
                var chunk = _chunks.Current;
                if (_skipped.Contains(chunk.Cluster)) continue;
                _current = chunk;
                return;
            }
        }
    }
}
