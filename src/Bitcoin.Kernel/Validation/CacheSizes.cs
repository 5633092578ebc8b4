namespace Bitcoin.Kernel.Validation;

/// <summary>
/// How the -dbcache budget is split (Core's node::CalculateCacheSizes and kernel::CacheSizes): the txindex gets
/// 10% (at most 1 GiB) when enabled, the block filter indexes share 5% (at most 1 GiB), then the block index DB 1/8
/// of the rest up to 2 MiB, the coins DB half of the rest up to 8 MiB, and everything left is the in-memory coins
/// cache. <see cref="FilterIndex"/> is the share of each block filter index.
/// </summary>
public sealed record CacheSizes(long BlockTreeDb, long CoinsDb, long Coins, long TxIndex, long FilterIndex = 0)
{
    /// <summary>Core's DEFAULT_KERNEL_CACHE: -dbcache defaults to 450 MiB.</summary>
    public const long DefaultDbCacheMiB = 450;

    /// <summary>Core's MIN_DBCACHE_BYTES: -dbcache is never taken below 4 MiB.</summary>
    public const long MinDbCacheBytes = 4L * 1024 * 1024;

    private const long MaxBlockDbCache = 2L * 1024 * 1024;
    private const long MaxCoinsDbCache = 8L * 1024 * 1024;
    private const long MaxTxIndexCache = 1024L * 1024 * 1024;
    private const long MaxFilterIndexCache = 1024L * 1024 * 1024;

    /// <summary>Converts a -dbcache value in MiB to bytes as Core does (negative as 0, then at least 4 MiB).</summary>
    public static long DbCacheBytesFromMiB(long mib)
    {
        if (mib < 0) mib = 0;
        long bytes = mib > long.MaxValue >> 20 ? long.MaxValue : mib << 20;
        return Math.Max(MinDbCacheBytes, bytes);
    }

    /// <summary>Splits <paramref name="totalBytes"/> as Core does, with <paramref name="filterIndexes"/> block filter indexes.</summary>
    public static CacheSizes Calculate(long totalBytes, bool txIndex, int filterIndexes = 0)
    {
        long total = Math.Max(totalBytes, MinDbCacheBytes);
        long txIndexBytes = txIndex ? Math.Min(total * 10 / 100, MaxTxIndexCache) : 0;
        long filterIndexBytes = 0;
        if (filterIndexes > 0)
        {
            filterIndexBytes = Math.Min(total * 5 / 100, MaxFilterIndexCache) / filterIndexes;
            total -= filterIndexBytes * filterIndexes;
        }
        total -= txIndexBytes;
        long blockTree = Math.Min(total / 8, MaxBlockDbCache);
        total -= blockTree;
        long coinsDb = Math.Min(total / 2, MaxCoinsDbCache);
        total -= coinsDb;
        return new CacheSizes(blockTree, coinsDb, total, txIndexBytes, filterIndexBytes);
    }
}
