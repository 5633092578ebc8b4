using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Logging;

/// <summary>-debug, -debugexclude, -loglevel and the output options (Core's logging_Conf and init/common.cpp).</summary>
[Collection(GlobalLogCollection.Name)]
public sealed class LoggingInitTests
{
    private static ArgsManager Args(string commandLine)
    {
        var args = new ArgsManager();
        LoggingInit.AddLoggingArgs(args);
        args.AddArg("-daemon", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-datadir", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-conf", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcpassword", "", ArgFlags.AllowAny | ArgFlags.Sensitive, OptionsCategory.Rpc);
        args.Parse(commandLine);
        return args;
    }

    [Fact]
    public void GlobalAndCategoryLevels()
    {
        var logger = new Logger();
        Assert.Null(LoggingInit.SetLoggingLevel(Args("-loglevel=debug"), logger));
        Assert.Equal(LogLevel.Debug, logger.LogLevel);

        logger = new Logger();
        Assert.Null(LoggingInit.SetLoggingLevel(Args("-loglevel=net:trace"), logger));
        Assert.Equal(Logger.DefaultLogLevel, logger.LogLevel);
        Assert.Equal(LogLevel.Trace, logger.CategoryLevels[LogCategory.Net]);

        logger = new Logger();
        Assert.Null(LoggingInit.SetLoggingLevel(Args("-loglevel=debug -loglevel=net:trace -loglevel=http:info"), logger));
        Assert.Equal(LogLevel.Debug, logger.LogLevel);
        Assert.Equal(2, logger.CategoryLevels.Count);
        Assert.Equal(LogLevel.Trace, logger.CategoryLevels[LogCategory.Net]);
        Assert.Equal(LogLevel.Info, logger.CategoryLevels[LogCategory.Http]);

        logger = new Logger();
        Assert.True(logger.SetCategoryLogLevel("libevent", "trace"));
        Assert.Empty(logger.CategoryLevels);
    }

    [Theory]
    [InlineData("-loglevel=none", "Unsupported global logging level -loglevel=none. Valid values: info, debug, trace.")]
    [InlineData("-loglevel=warning", "Unsupported global logging level -loglevel=warning. Valid values: info, debug, trace.")]
    [InlineData("-loglevel=a:b", "Unsupported global logging level -loglevel=a:b. Valid values: info, debug, trace.")]
    [InlineData("-loglevel=net:none", "Unsupported category-specific logging level -loglevel=net:none. Expected -loglevel=<category>:<loglevel>. Valid categories: addrman, bench, blockstorage, cmpctblock, coindb, estimatefee, http, i2p, ipc, kernel, leveldb, mempool, mempoolrej, net, privatebroadcast, proxy, prune, qt, rand, reindex, rpc, scan, selectcoins, tor, txpackages, txreconciliation, validation, walletdb, zmq. Valid loglevels: info, debug, trace.")]
    [InlineData("-loglevel=foo:trace", "Unsupported category-specific logging level -loglevel=foo:trace. Expected -loglevel=<category>:<loglevel>. Valid categories: addrman, bench, blockstorage, cmpctblock, coindb, estimatefee, http, i2p, ipc, kernel, leveldb, mempool, mempoolrej, net, privatebroadcast, proxy, prune, qt, rand, reindex, rpc, scan, selectcoins, tor, txpackages, txreconciliation, validation, walletdb, zmq. Valid loglevels: info, debug, trace.")]
    public void BadLevelsAreRefusedWithCoresMessage(string commandLine, string expected)
    {
        Assert.Equal(expected, LoggingInit.SetLoggingLevel(Args(commandLine), new Logger()));
    }

    [Fact]
    public void LoglevelNeedsAValueAndCannotBeNegated()
    {
        var args = new ArgsManager();
        LoggingInit.AddLoggingArgs(args);
        Assert.False(args.ParseParameters(["-loglevel"], out var error));
        Assert.Equal("Can not set -loglevel with no value. Please specify value with -loglevel=value.", error);
        Assert.False(args.ParseParameters(["-nologlevel"], out error));
        Assert.Equal("Negating of -loglevel is meaningless and therefore forbidden", error);
    }

    [Fact]
    public void DebugCategoriesAndExclusions()
    {
        using var log = new CapturedLog();
        var logger = new Logger();
        Assert.Null(LoggingInit.SetLoggingCategories(Args("-debug -debugexclude=leveldb -debugexclude=rand"), logger));
        Assert.True(logger.WillLogCategory(LogCategory.Net));
        Assert.False(logger.WillLogCategory(LogCategory.LevelDb));
        Assert.False(logger.WillLogCategory(LogCategory.Rand));
        Assert.Contains("Log output may contain privacy-sensitive information. Be cautious when sharing logs.", log.Lines);

        logger = new Logger();
        Assert.Null(LoggingInit.SetLoggingCategories(Args("-debug=net -debug=0 -debug=http"), logger));
        Assert.Equal(LogCategory.Http, logger.CategoryMask);

        logger = new Logger();
        Assert.Null(LoggingInit.SetLoggingCategories(Args("-debug=net -nodebug"), logger));
        Assert.Equal(LogCategory.None, logger.CategoryMask);
        Assert.True(logger.DefaultShrinkDebugFile);
    }

    [Theory]
    [InlineData("-debug=foo", "Unsupported logging category -debug=foo.")]
    [InlineData("-debug=lock", "Unsupported logging category -debug=lock.")]
    [InlineData("-debugexclude=foo", "Unsupported logging category -debugexclude=foo.")]
    public void UnknownCategoriesAreRefused(string commandLine, string expected)
    {
        using var log = new CapturedLog();
        Assert.Equal(expected, LoggingInit.SetLoggingCategories(Args(commandLine), new Logger()));
    }

    [Fact]
    public void OutputOptionsAreApplied()
    {
        using var dir = new TempDirectory();
        var args = Args($"-datadir={dir.Path} -logtimemicros -logthreadnames -logsourcelocations -printtoconsole=0 -logips -loglevelalways");
        args.SelectChain(ChainType.Regtest);
        var logger = new Logger();
        try
        {
            LoggingInit.SetLoggingOptions(args, logger);
            Assert.True(logger.PrintToFile);
            Assert.Equal(Path.Join(dir.Path, "regtest", "debug.log"), logger.FilePath);
            Assert.False(logger.PrintToConsole);
            Assert.True(logger.LogTimestamps);
            Assert.True(logger.LogTimeMicros);
            Assert.True(logger.LogThreadNames);
            Assert.True(logger.LogSourceLocations);
            Assert.True(logger.AlwaysPrintCategoryLevel);
            Assert.True(Log.LogIps);

            LoggingInit.SetLoggingOptions(Args($"-datadir={dir.Path} -nodebuglogfile -daemon"), logger);
            Assert.False(logger.PrintToFile);
            Assert.False(logger.PrintToConsole);

            var custom = Args($"-datadir={dir.Path} -debuglogfile=/tmp/elsewhere.log");
            custom.SelectChain(ChainType.Main);
            LoggingInit.SetLoggingOptions(custom, logger);
            Assert.Equal("/tmp/elsewhere.log", logger.FilePath);
            Assert.True(logger.PrintToConsole);
        }
        finally
        {
            Log.LogIps = false;
        }
    }

    [Fact]
    public void StartLoggingWritesTheStartupLines()
    {
        using var dir = new TempDirectory();
        dir.Write("bitcoin.conf", "rpcpassword=secret\n");
        var args = Args($"-datadir={dir.Path} -printtoconsole=0");
        Assert.True(args.ReadConfigFiles(out var error), error);
        args.SelectChain(ChainType.Main);
        var logger = new Logger { LogTimestamps = false };
        var previous = Log.Sink;
        Log.Sink = logger;
        try
        {
            LoggingInit.SetLoggingOptions(args, logger);
            logger.LogTimestamps = false;
            Log.Info("before start");
            Assert.True(LoggingInit.StartLogging(args, logger));
        }
        finally
        {
            Log.Sink = previous;
            logger.Close();
        }

        var lines = File.ReadAllLines(Path.Join(dir.Path, "debug.log")).SkipWhile(l => l.Length == 0).ToList();
        Assert.Equal("before start", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Startup time: ", StringComparison.Ordinal));
        Assert.Contains($"Using data directory {dir.Path}", lines);
        Assert.Contains($"Config file: {Path.Join(dir.Path, "bitcoin.conf")}", lines);
        Assert.Contains("Config file arg: rpcpassword=****", lines);
        Assert.DoesNotContain(lines, l => l.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void RateLimitingCanBeTurnedOff()
    {
        using var log = new CapturedLog();
        var logger = new Logger();
        Assert.Null(LoggingInit.SetupRateLimiting(Args("-nologratelimit"), logger));
        Assert.Contains("Log rate limiting disabled", log.Lines);
        using var limiter = LoggingInit.SetupRateLimiting(Args(""), logger);
        Assert.NotNull(limiter);
        Assert.Equal(Logger.RateLimitMaxBytes, limiter.MaxBytes);
        Assert.Equal(TimeSpan.FromHours(1), limiter.ResetWindow);
    }
}
