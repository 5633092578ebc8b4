using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// The BIP68 relative lock-time requirements of a mempool transaction (Core's LockPoints): the last invalid height
/// and median time past (-1 for none), and the highest block holding an input, while which is in the active chain
/// the values stay valid after a reorg.
/// </summary>
/// <param name="Height">The last height at which the transaction is not yet final by its relative locks.</param>
/// <param name="Time">The last median time past at which it is not yet final.</param>
/// <param name="MaxInputBlock">The highest block holding a sequence-locked input; null when nothing depends on the chain.</param>
public sealed record LockPoints(int Height, long Time, BlockIndex? MaxInputBlock);
