using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Tests.Mining;

/// <summary>
/// A transaction source for tests that offers fixed chunks in the given order and records what the assembler did
/// with each: skipping a chunk also drops the chunks listed as depending on it, as a mempool would.
/// </summary>
internal sealed class ListTransactionSource : IBlockTransactionSource
{
    private readonly List<(BlockChunk Chunk, int? DependsOn)> _chunks = [];

    public List<string> Decisions { get; } = [];

    public int Count => _chunks.Sum(c => c.Chunk.Entries.Count);

    public long TransactionsUpdated { get; set; }

    /// <summary>Adds a chunk; <paramref name="dependsOn"/> is the index of an earlier chunk it needs.</summary>
    public int Add(BlockChunk chunk, int? dependsOn = null)
    {
        _chunks.Add((chunk, dependsOn));
        return _chunks.Count - 1;
    }

    public IBlockBuilder StartBlockBuilding() => new Builder(this);

    private sealed class Builder(ListTransactionSource source) : IBlockBuilder
    {
        private readonly HashSet<int> _skipped = [];
        private int _next;
        private int _current = -1;

        public BlockChunk? NextChunk()
        {
            Assert.Equal(-1, _current); // the previous chunk was decided
            while (_next < source._chunks.Count)
            {
                int index = _next++;
                if (source._chunks[index].DependsOn is { } parent && _skipped.Contains(parent))
                {
                    _skipped.Add(index);
                    continue;
                }
                _current = index;
                return source._chunks[index].Chunk;
            }
            return null;
        }

        public void IncludeChunk()
        {
            source.Decisions.Add($"include {_current}");
            _current = -1;
        }

        public void SkipChunk()
        {
            source.Decisions.Add($"skip {_current}");
            _skipped.Add(_current);
            _current = -1;
        }

        public void Dispose()
        {
        }
    }
}
