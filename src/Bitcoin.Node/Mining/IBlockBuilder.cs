namespace Bitcoin.Node.Mining;

/// <summary>
/// One block's walk over a transaction source's chunks, highest fee rate first (Core's GetBlockBuilderChunk,
/// IncludeBuilderChunk and SkipBuilderChunk). After each <see cref="NextChunk"/> that returned a chunk, the caller
/// calls exactly one of <see cref="IncludeChunk"/> or <see cref="SkipChunk"/>.
/// </summary>
public interface IBlockBuilder : IDisposable
{
    /// <summary>The best remaining chunk, or null when there is none left.</summary>
    BlockChunk? NextChunk();

    /// <summary>The last chunk was put in the block; chunks that depend on it may now follow.</summary>
    void IncludeChunk();

    /// <summary>The last chunk did not fit; it and everything depending on it must not be offered again.</summary>
    void SkipChunk();
}
