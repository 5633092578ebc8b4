using Bitcoin.Common.Args;

namespace Bitcoin.Node.Init;

/// <summary>
/// The <c>-dbcache</c> budget (Core's <c>CalculateDbCacheBytes</c>, <c>GetDefaultDBCache</c> and
/// <c>LogOversizedDbCache</c>); the kernel splits it between its databases and the coins cache.
/// </summary>
public static class DbCache
{
    private const long MiB = 1024 * 1024;
    private const long DefaultBytes = 450 * MiB;
    private const long HighDefaultBytes = 1024 * MiB;
    private const long HighDefaultMinTotalRam = 4096 * MiB;
    private const long ReservedRam = 2048 * MiB;
    private const long MinBytes = 4 * MiB;

    /// <summary>
    /// <c>-dbcache</c> in bytes (given in MiB; negative counts as 0; at least 4 MiB), or the default: 1 GiB on machines
    /// with at least 4 GiB of memory, else 450 MiB.
    /// </summary>
    public static long Bytes(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.GetIntArg("-dbcache") is { } megabytes)
        {
            var value = Math.Max(megabytes, 0);
            var bytes = value > long.MaxValue >> 20 ? long.MaxValue : value << 20;
            return Math.Max(bytes, MinBytes);
        }

        return TotalRamBytes() >= HighDefaultMinTotalRam ? HighDefaultBytes : DefaultBytes;
    }

    /// <summary>
    /// Core's warning when <c>-dbcache</c> exceeds three quarters of the memory left after reserving 2 GiB (and the
    /// 450 MiB default): "A N MiB dbcache may be too large for a system memory of only M MiB."; null otherwise.
    /// </summary>
    public static string? OversizedWarning(ArgsManager args)
    {
        var totalRam = TotalRamBytes();
        if (totalRam == 0)
            return null;
        var dbCache = Bytes(args);
        var available = totalRam > ReservedRam ? totalRam - ReservedRam : 0;
        var cap = Math.Max(DefaultBytes, available / 4 * 3);
        return dbCache > cap
            ? $"A {dbCache / MiB} MiB dbcache may be too large for a system memory of only {totalRam / MiB} MiB."
            : null;
    }

    /// <summary>The machine's memory in bytes, or 0 if unknown.</summary>
    public static long TotalRamBytes() => Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, 0);
}
