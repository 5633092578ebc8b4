namespace Bitcoin.Kernel.Storage;

/// <summary>
/// What an index asks pruning to keep (Core's PruneLockInfo): block and undo files holding blocks at or above
/// <see cref="HeightFirst"/> (less a safety buffer of 10 blocks) are not deleted while the lock is held.
/// </summary>
/// <param name="HeightFirst">The lowest height the holder still needs; <see cref="int.MaxValue"/> means "nothing yet".</param>
public readonly record struct PruneLockInfo(int HeightFirst = int.MaxValue);
