namespace Bitcoin.Kernel.Mempool;

/// <summary>A chunk: mempool transactions to be mined together, in order, with their total modified fee and sigop-adjusted weight.</summary>
/// <param name="Entries">The transactions, parents first.</param>
/// <param name="Fee">The total modified fee.</param>
/// <param name="Weight">The total sigop-adjusted weight.</param>
public sealed record MempoolChunk(IReadOnlyList<MempoolEntry> Entries, long Fee, long Weight);
