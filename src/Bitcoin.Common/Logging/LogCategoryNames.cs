namespace Bitcoin.Common.Logging;

/// <summary>The <c>-debug=</c> names of the categories and the names of the levels, exactly as Core's.</summary>
public static class LogCategoryNames
{
    // Core's table in release builds ("lock" exists only with DEBUG_LOCKCONTENTION and is refused otherwise).
    private static readonly SortedDictionary<string, LogCategory> s_byName = new(StringComparer.Ordinal)
    {
        ["net"] = LogCategory.Net,
        ["tor"] = LogCategory.Tor,
        ["mempool"] = LogCategory.Mempool,
        ["http"] = LogCategory.Http,
        ["bench"] = LogCategory.Bench,
        ["zmq"] = LogCategory.Zmq,
        ["walletdb"] = LogCategory.WalletDb,
        ["rpc"] = LogCategory.Rpc,
        ["estimatefee"] = LogCategory.EstimateFee,
        ["addrman"] = LogCategory.AddrMan,
        ["selectcoins"] = LogCategory.SelectCoins,
        ["reindex"] = LogCategory.Reindex,
        ["cmpctblock"] = LogCategory.CmpctBlock,
        ["rand"] = LogCategory.Rand,
        ["prune"] = LogCategory.Prune,
        ["proxy"] = LogCategory.Proxy,
        ["mempoolrej"] = LogCategory.MempoolRej,
        ["coindb"] = LogCategory.CoinDb,
        ["qt"] = LogCategory.Qt,
        ["leveldb"] = LogCategory.LevelDb,
        ["validation"] = LogCategory.Validation,
        ["i2p"] = LogCategory.I2p,
        ["ipc"] = LogCategory.Ipc,
        ["blockstorage"] = LogCategory.BlockStorage,
        ["txreconciliation"] = LogCategory.TxReconciliation,
        ["scan"] = LogCategory.Scan,
        ["txpackages"] = LogCategory.TxPackages,
        ["kernel"] = LogCategory.Kernel,
        ["privatebroadcast"] = LogCategory.PrivateBroadcast,
    };

    private static readonly Dictionary<LogCategory, string> s_byFlag = s_byName.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Every category name in alphabetical order.</summary>
    public static IReadOnlyList<string> Names { get; } = s_byName.Keys.ToArray();

    /// <summary>The user-selectable levels, as listed in help and errors: "info, debug, trace".</summary>
    public const string LogLevelsString = "info, debug, trace";

    /// <summary>
    /// Parses a <c>-debug=</c> / <c>-debugexclude=</c> / <c>logging</c> RPC name: "", "1" and "all" mean every
    /// category; "libevent" (removed from Core) is accepted with a warning and means none.
    /// </summary>
    public static bool TryParse(string name, out LogCategory category)
    {
        if (name.Length == 0 || name == "1" || name == "all")
        {
            category = LogCategory.All;
            return true;
        }

        if (s_byName.TryGetValue(name, out category))
            return true;
        if (name == "libevent")
        {
            Log.Warning($"The logging category `{name}` is deprecated, does nothing, and will be removed in a future version");
            category = LogCategory.None;
            return true;
        }

        return false;
    }

    /// <summary>The name of a single category ("net"), "all" for <see cref="LogCategory.All"/>.</summary>
    public static string ToName(LogCategory category)
    {
        if (category == LogCategory.All)
            return "all";
        return s_byFlag.TryGetValue(category, out var name) ? name : category.ToString().ToLowerInvariant();
    }

    /// <summary>The level's name: "trace", "debug", "info", "warning" or "error".</summary>
    public static string ToName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Info => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Parses a level name (any of the five).</summary>
    public static bool TryParseLevel(string name, out LogLevel level)
    {
        switch (name)
        {
            case "trace": level = LogLevel.Trace; return true;
            case "debug": level = LogLevel.Debug; return true;
            case "info": level = LogLevel.Info; return true;
            case "warning": level = LogLevel.Warning; return true;
            case "error": level = LogLevel.Error; return true;
            default: level = default; return false;
        }
    }
}
