namespace Bitcoin.Common.Logging;

public sealed partial class Logger
{
    /// <summary>The global threshold for Debug/Trace lines of enabled categories (<c>-loglevel=</c>, default debug).</summary>
    public LogLevel LogLevel
    {
        get => (LogLevel)Volatile.Read(ref _logLevel);
        set => Volatile.Write(ref _logLevel, (int)value);
    }

    /// <summary>The enabled categories.</summary>
    public LogCategory CategoryMask => (LogCategory)Interlocked.Read(ref _categories);

    /// <summary>Enables Debug/Trace output of categories.</summary>
    public void EnableCategory(LogCategory category)
    {
        ulong current, updated;
        do
        {
            current = Interlocked.Read(ref _categories);
            updated = current | (ulong)category;
        }
        while (Interlocked.CompareExchange(ref _categories, updated, current) != current);
    }

    /// <summary>Enables a category by its <c>-debug=</c> name ("net", "1"/"all"/"" for all); false if unknown.</summary>
    public bool EnableCategory(string name)
    {
        if (!LogCategoryNames.TryParse(name, out var category))
            return false;
        EnableCategory(category);
        return true;
    }

    /// <summary>Disables Debug/Trace output of categories.</summary>
    public void DisableCategory(LogCategory category)
    {
        ulong current, updated;
        do
        {
            current = Interlocked.Read(ref _categories);
            updated = current & ~(ulong)category;
        }
        while (Interlocked.CompareExchange(ref _categories, updated, current) != current);
    }

    /// <summary>Disables a category by name; false if unknown.</summary>
    public bool DisableCategory(string name)
    {
        if (!LogCategoryNames.TryParse(name, out var category))
            return false;
        DisableCategory(category);
        return true;
    }

    /// <summary>True if any of the categories is enabled.</summary>
    public bool WillLogCategory(LogCategory category) => ((ulong)CategoryMask & (ulong)category) != 0;

    /// <summary>
    /// True if a line of this category and level passes the filters: Info, Warning and Error always do; Debug and Trace
    /// need the category enabled and the level at or above the category's level (or the global one).
    /// </summary>
    public bool WillLogCategoryLevel(LogCategory category, LogLevel level)
    {
        if (level >= LogLevel.Info)
            return true;
        if (!WillLogCategory(category))
            return false;
        return level >= (_categoryLevels.TryGetValue(category, out var categoryLevel) ? categoryLevel : LogLevel);
    }

    /// <summary>Sets the global level by name; only "info", "debug" and "trace" are accepted.</summary>
    public bool SetLogLevel(string levelName)
    {
        if (!LogCategoryNames.TryParseLevel(levelName, out var level) || level > LogLevel.Info)
            return false;
        LogLevel = level;
        return true;
    }

    /// <summary>
    /// Sets a category's own level by names (<c>-loglevel=net:trace</c>); false for an unknown category or a level
    /// other than info, debug, trace.
    /// </summary>
    public bool SetCategoryLogLevel(string categoryName, string levelName)
    {
        if (!LogCategoryNames.TryParse(categoryName, out var category))
            return false;
        if (!LogCategoryNames.TryParseLevel(levelName, out var level) || level > LogLevel.Info)
            return false;
        // A removed category (libevent) is accepted and ignored.
        if (category == LogCategory.None)
            return true;
        lock (_lock)
            _categoryLevels = new Dictionary<LogCategory, LogLevel>(_categoryLevels) { [category] = level };
        return true;
    }

    /// <summary>The per-category levels set so far.</summary>
    public IReadOnlyDictionary<LogCategory, LogLevel> CategoryLevels => new Dictionary<LogCategory, LogLevel>(_categoryLevels);

    /// <summary>Replaces every per-category level.</summary>
    public void SetCategoryLevels(IReadOnlyDictionary<LogCategory, LogLevel> levels)
    {
        lock (_lock)
            _categoryLevels = levels.ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>Every category in alphabetical order with whether it is enabled (the <c>logging</c> RPC result).</summary>
    public IReadOnlyList<LogCategoryState> GetCategories() =>
        LogCategoryNames.Names.Select(name =>
        {
            LogCategoryNames.TryParse(name, out var category);
            return new LogCategoryState(name, WillLogCategory(category));
        }).ToList();

    /// <summary>The category names joined by ", " as in help and errors.</summary>
    public static string LogCategoriesString() => string.Join(", ", LogCategoryNames.Names);

    /// <summary>True (shrink debug.log at start-up by default) when no category is enabled.</summary>
    public bool DefaultShrinkDebugFile => CategoryMask == LogCategory.None;
}
