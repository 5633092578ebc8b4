using Bitcoin.Common.Args;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Logging;

/// <summary>
/// The logging options and their start-up steps (Core's init/common.cpp): register the options, apply them to a
/// <see cref="Logger"/>, and open debug.log.
/// </summary>
public static class LoggingInit
{
    /// <summary>Registers -debuglogfile, -debug, -debugexclude, -logips, -loglevel, -logtimestamps, -logthreadnames,
    /// -logsourcelocations, -logtimemicros, -loglevelalways, -logratelimit, -printtoconsole and -shrinkdebugfile.</summary>
    public static void AddLoggingArgs(ArgsManager args)
    {
        var categories = Logger.LogCategoriesString();
        args.AddArg("-debuglogfile=<file>", $"Write the debug log to <file> (default: {Logger.DefaultDebugLogFile}; relative paths are in the network data directory). -nodebuglogfile writes no log file.", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-debug=<category>", $"Log debug and trace lines of <category> (default: -nodebug). Without a category, or with 1 or \"all\", every category is logged; 0 or \"none\" ignores the categories given before it. Categories: {categories}. May be given several times.", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-debugexclude=<category>", "Do not log debug and trace lines of <category>, even with -debug=1. May be given several times; wins over -debug.", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-logips", "Include IP addresses in log lines (default: 0)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-loglevel=<level>|<category>:<level>", $"Lowest level logged for categories enabled with -debug or the logging RPC, globally or for one category (may be given several times). Levels: {LogCategoryNames.LogLevelsString} (default: {LogCategoryNames.ToName(Logger.DefaultLogLevel)}); error, warning and info are always logged. Categories: {categories}.", ArgFlags.DisallowNegation | ArgFlags.DisallowElision | ArgFlags.DebugOnly, OptionsCategory.DebugTest);
        args.AddArg("-logtimestamps", "Start each log line with a timestamp (default: 1)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-logthreadnames", "Start each log line with the name of its thread (default: 0)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-logsourcelocations", "Start each log line with its source file, line and function (default: 0)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-logtimemicros", "Give log timestamps to the microsecond (default: 0)", ArgFlags.AllowAny | ArgFlags.DebugOnly, OptionsCategory.DebugTest);
        args.AddArg("-loglevelalways", "Always show the category and level of a log line (default: 0)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-logratelimit", "Limit how much each source location may write to the log file per hour, against disk-filling attacks (default: 1)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-printtoconsole", "Write the log to the console too (default: 1 unless -daemon; -nodebuglogfile stops the log file)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-shrinkdebugfile", "Trim the debug log at start-up (default: 1 unless -debug)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
    }

    /// <summary>
    /// Applies the output options to <paramref name="logger"/> (Core's <c>SetLoggingOptions</c>): file and its path,
    /// console (default on unless -daemon), timestamps, thread names, source locations, category/level prefix, and
    /// <see cref="Log.LogIps"/>. Needs the chain selected (the log file is in the network data directory).
    /// </summary>
    public static void SetLoggingOptions(ArgsManager args, Logger logger)
    {
        logger.PrintToFile = !args.IsArgNegated("-debuglogfile");
        logger.FilePath = DataDirectory.AbsPathForConfigVal(args, args.GetPathArg("-debuglogfile", Logger.DefaultDebugLogFile));
        logger.PrintToConsole = args.GetBoolArg("-printtoconsole", !args.GetBoolArg("-daemon", false));
        logger.LogTimestamps = args.GetBoolArg("-logtimestamps", true);
        logger.LogTimeMicros = args.GetBoolArg("-logtimemicros", false);
        logger.LogThreadNames = args.GetBoolArg("-logthreadnames", false);
        logger.LogSourceLocations = args.GetBoolArg("-logsourcelocations", false);
        logger.AlwaysPrintCategoryLevel = args.GetBoolArg("-loglevelalways", false);
        Log.LogIps = args.GetBoolArg("-logips", false);
    }

    /// <summary>
    /// Applies every <c>-loglevel=</c> (Core's <c>SetLoggingLevel</c>). Returns null, or Core's error: "Unsupported
    /// global logging level -loglevel=x. Valid values: info, debug, trace." or the category-specific one.
    /// </summary>
    public static string? SetLoggingLevel(ArgsManager args, Logger logger)
    {
        foreach (var level in args.GetArgs("-loglevel"))
        {
            // As Core, a ':' counts only from the fourth character on: "a:b" is a (bad) global level.
            var colon = level.Length > 3 ? level.IndexOf(':', 3) : -1;
            if (colon < 0)
            {
                if (!logger.SetLogLevel(level))
                    return $"Unsupported global logging level -loglevel={level}. Valid values: {LogCategoryNames.LogLevelsString}.";
                continue;
            }

            var parts = level.Split(':');
            if (!(parts.Length == 2 && logger.SetCategoryLogLevel(parts[0], parts[1])))
            {
                return $"Unsupported category-specific logging level -loglevel={level}. Expected -loglevel=<category>:<loglevel>. " +
                       $"Valid categories: {Logger.LogCategoriesString()}. Valid loglevels: {LogCategoryNames.LogLevelsString}.";
            }
        }

        return null;
    }

    /// <summary>
    /// Enables the <c>-debug=</c> categories (ignoring those before a "-debug=0" or "-debug=none") and disables the
    /// <c>-debugexclude=</c> ones (Core's <c>SetLoggingCategories</c>). Returns null, or "Unsupported logging category
    /// -debug=x." / "Unsupported logging category -debugexclude=x.".
    /// </summary>
    public static string? SetLoggingCategories(ArgsManager args, Logger logger)
    {
        var categories = args.GetArgs("-debug");
        var lastNone = -1;
        for (var i = categories.Count - 1; i >= 0; i--)
        {
            if (categories[i] is "0" or "none")
            {
                lastNone = i;
                break;
            }
        }

        for (var i = lastNone + 1; i < categories.Count; i++)
        {
            if (!logger.EnableCategory(categories[i]))
                return $"Unsupported logging category -debug={categories[i]}.";
        }

        foreach (var category in args.GetArgs("-debugexclude"))
        {
            if (!logger.DisableCategory(category))
                return $"Unsupported logging category -debugexclude={category}.";
        }

        Log.Info("Log output may contain privacy-sensitive information. Be cautious when sharing logs.");
        return null;
    }

    /// <summary>
    /// Opens the log (Core's <c>init::StartLogging</c>): shrinks debug.log first if asked (default: when no -debug),
    /// starts the logger, then logs the data directories, the config file in use and every argument. Returns false
    /// after reporting "Could not open debug log file X" through <see cref="InitMessages.Error(string)"/>.
    /// </summary>
    public static bool StartLogging(ArgsManager args, Logger logger)
    {
        if (logger.PrintToFile && args.GetBoolArg("-shrinkdebugfile", logger.DefaultShrinkDebugFile))
            logger.ShrinkDebugFile();
        if (!logger.StartLogging())
            return InitMessages.Error($"Could not open debug log file {logger.FilePath}");

        if (!logger.LogTimestamps)
            Log.Info($"Startup time: {NodeClock.FormatIso8601DateTime(NodeClock.GetTime())}");
        Log.Info($"Default data directory {DataDirectory.GetDefaultDataDir()}");
        Log.Info($"Using data directory {args.GetDataDirNet()}");

        var configPath = args.GetConfigFilePath();
        if (args.IsArgNegated("-conf"))
            Log.Info("Config file: <disabled>");
        else if (Directory.Exists(configPath))
            Log.Warning($"Config file: {configPath} (is directory, not file)");
        else if (File.Exists(configPath))
            Log.Info($"Config file: {configPath}");
        else if (args.IsArgSet("-conf"))
            InitMessages.Warning($"The specified config file {configPath} does not exist");
        else
            Log.Info($"Config file: {configPath} (not found, skipping)");

        args.LogArgs();
        return true;
    }

    /// <summary>
    /// Enables per-location rate limiting unless <c>-nologratelimit</c> (then logs "Log rate limiting disabled"). Pass
    /// the node scheduler's schedule-every function, or null to use a timer. Returns the limiter (to dispose at
    /// shutdown), or null when disabled.
    /// </summary>
    public static LogRateLimiter? SetupRateLimiting(ArgsManager args, Logger logger, Action<Action, TimeSpan>? scheduleEvery = null)
    {
        if (!args.GetBoolArg("-logratelimit", true))
        {
            Log.Info("Log rate limiting disabled");
            return null;
        }

        var limiter = scheduleEvery is null
            ? LogRateLimiter.CreateWithTimer(Logger.RateLimitMaxBytes, Logger.RateLimitWindow)
            : LogRateLimiter.Create(scheduleEvery, Logger.RateLimitMaxBytes, Logger.RateLimitWindow);
        logger.SetRateLimiting(limiter);
        return limiter;
    }

    /// <summary>Logs the product and version line ("Bitcoin Core version v30.0.0 (release build)").</summary>
    public static void LogPackageVersion(string clientName, string version) =>
        Log.Info($"{clientName} version {version} (release build)");
}
