using System.Text.RegularExpressions;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Tests.Args.Support;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Tests.Logging;

/// <summary>Line format and filtering, ported from Core's logging_tests (LogPrint, macros, category names, levels).</summary>
[Collection(GlobalLogCollection.Name)]
public sealed class LoggerFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Logger _logger;
    private readonly ILogSink? _previousSink;

    public LoggerFormatTests()
    {
        // Core's LogSetup: a file, no timestamps, thread names or source locations, debug level, no categories.
        _logger = new Logger
        {
            FilePath = _dir.Combine("tmp_debug.log"),
            PrintToFile = true,
            LogTimestamps = false,
            LogThreadNames = false,
            LogSourceLocations = false,
        };
        Assert.True(_logger.StartLogging());
        _previousSink = Log.Sink;
        Log.Sink = _logger;
    }

    public void Dispose()
    {
        Log.Sink = _previousSink;
        _logger.Close();
        _dir.Dispose();
    }

    private List<string> ReadDebugLogLines() =>
        File.ReadAllLines(_logger.FilePath).SkipWhile(l => l.Length == 0).ToList();

    [Fact]
    public void PrefixesFollowCategoryAndLevel()
    {
        _logger.LogSourceLocations = true;
        var cases = new (string Message, LogCategory Category, LogLevel Level, string Prefix)[]
        {
            ("foo1: bar1", LogCategory.Net, LogLevel.Debug, "[net] "),
            ("foo2: bar2", LogCategory.Net, LogLevel.Info, "[net:info] "),
            ("foo3: bar3", LogCategory.All, LogLevel.Debug, "[debug] "),
            ("foo4: bar4", LogCategory.All, LogLevel.Info, ""),
            ("foo5: bar5", LogCategory.None, LogLevel.Debug, "[debug] "),
            ("foo6: bar6", LogCategory.None, LogLevel.Info, ""),
        };
        var expected = new List<string>();
        foreach (var (message, category, level, prefix) in cases)
        {
            _logger.Write(category, level, message, "/repo/src/Bitcoin.Node/Net/Peer.cs", 42, "Send", rateLimit: false);
            expected.Add($"[Bitcoin.Node/Net/Peer.cs:42] [Send] {prefix}{message}");
        }

        Assert.Equal(expected, ReadDebugLogLines());
    }

    [Fact]
    public void FacadeMethodsFilterAndPrefix()
    {
        _logger.EnableCategory(LogCategory.Net);
        Log.Trace(LogCategory.Net, "foo6: bar6"); // not logged: the level is debug
        Log.Debug(LogCategory.Net, "foo7: bar7");
        Log.Info("foo8: bar8");
        Log.Warning("foo9: bar9");
        Log.Error("foo10: bar10");
        Log.Debug(LogCategory.Http, "not enabled");
        Assert.Equal(["[net] foo7: bar7", "foo8: bar8", "[warning] foo9: bar9", "[error] foo10: bar10"], ReadDebugLogLines());
    }

    [Fact]
    public void EveryCategoryPrintsItsName()
    {
        _logger.EnableCategory(LogCategory.All);
        var expected = new List<string>();
        foreach (var name in Logger.LogCategoriesString().Split(", "))
        {
            Assert.True(LogCategoryNames.TryParse(name, out var category));
            Log.Debug(category, "foo: bar\n");
            expected.Add($"[{name}] foo: bar");
        }

        Assert.Equal(expected, ReadDebugLogLines());
    }

    [Fact]
    public void CategoryLevelOverridesTheGlobalLevel()
    {
        _logger.LogLevel = LogLevel.Debug;
        _logger.EnableCategory(LogCategory.All);
        Assert.True(_logger.SetCategoryLogLevel("net", "info"));

        Log.Info("info_1");
        Log.Trace(LogCategory.Http, "trace_2. This log level is lower than the global one.");
        Log.Debug(LogCategory.Http, "debug_3");
        Log.Warning("warn_4");
        Log.Error("err_5");
        Log.Debug(LogCategory.Net, "debug_6. This log level is the same as the global one but lower than the category-specific one, which takes precedence.");

        Assert.Equal(["info_1", "[http] debug_3", "[warning] warn_4", "[error] err_5"], ReadDebugLogLines());
    }

    [Fact]
    public void InterpolatedDebugMessagesAreNotFormattedWhenDisabled()
    {
        var evaluated = 0;
        string Count() => (++evaluated).ToString();
        Log.Debug(LogCategory.Net, $"value {Count()}");
        Assert.Equal(0, evaluated);
        _logger.EnableCategory(LogCategory.Net);
        Log.Debug(LogCategory.Net, $"value {Count()}");
        _logger.LogLevel = LogLevel.Trace;
        Log.Trace(LogCategory.Net, $"trace {Count()}");
        Assert.Equal(2, evaluated);
        Assert.Equal(["[net] value 1", "[net:trace] trace 2"], ReadDebugLogLines());
    }

    [Fact]
    public void AlwaysPrintCategoryLevelShowsAllAndInfo()
    {
        _logger.AlwaysPrintCategoryLevel = true;
        _logger.EnableCategory(LogCategory.Net);
        Log.Info("plain");
        Log.Debug(LogCategory.Net, "dbg");
        Log.Warning("warn");
        Assert.Equal(["[all:info] plain", "[net:debug] dbg", "[all:warning] warn"], ReadDebugLogLines());
    }

    [Fact]
    public void ControlCharactersAreEscaped()
    {
        Log.Info("bell\a tab\t del\x7f newline\nkept é");
        Assert.Equal(["bell\\x07 tab\\x09 del\\x7f newline", "kept é"], ReadDebugLogLines());
    }

    [Fact]
    public void TimestampsThreadNamesAndMicroseconds()
    {
        _logger.LogTimestamps = true;
        _logger.LogThreadNames = true;
        _logger.LogTimeMicros = true;
        ThreadNames.SetInternalName("test");
        Log.Info("with micros");
        _logger.LogTimeMicros = false;
        ThreadNames.SetInternalName("");
        Log.Info("without micros");
        NodeClock.SetMockTime(1_700_000_000);
        try
        {
            Log.Info("mocked");
        }
        finally
        {
            NodeClock.SetMockTime(0);
        }

        var lines = ReadDebugLogLines();
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z \[test\] with micros$"), lines[0]);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \[unknown\] without micros$"), lines[1]);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(mocktime: 2023-11-14T22:13:20Z\) \[unknown\] mocked$"), lines[2]);
    }

    [Fact]
    public void FileStartsWithFiveNewlinesToSeparateRuns()
    {
        Log.Info("first");
        Assert.Equal("\n\n\n\n\nfirst\n", File.ReadAllText(_logger.FilePath));
    }

    [Fact]
    public void ReopenFollowsTheFileAfterRotation()
    {
        Log.Info("before");
        File.Move(_logger.FilePath, _logger.FilePath + ".1");
        _logger.Reopen();
        Log.Info("after");
        Assert.Equal("after\n", File.ReadAllText(_logger.FilePath));
        Assert.EndsWith("before\n", File.ReadAllText(_logger.FilePath + ".1"));
    }

    [Fact]
    public void CategoriesListForTheLoggingRpc()
    {
        _logger.EnableCategory("net");
        Assert.True(_logger.EnableCategory("mempool"));
        Assert.False(_logger.EnableCategory("nonsense"));
        Assert.False(_logger.EnableCategory("lock"));
        var categories = _logger.GetCategories();
        Assert.Equal(LogCategoryNames.Names, categories.Select(c => c.Name));
        Assert.Equal(["mempool", "net"], categories.Where(c => c.Active).Select(c => c.Name));
        Assert.True(_logger.DisableCategory("all"));
        Assert.DoesNotContain(_logger.GetCategories(), c => c.Active);
        Assert.Equal("addrman, bench, blockstorage, cmpctblock, coindb, estimatefee, http, i2p, ipc, kernel, leveldb, mempool, mempoolrej, net, privatebroadcast, proxy, prune, qt, rand, reindex, rpc, scan, selectcoins, tor, txpackages, txreconciliation, validation, walletdb, zmq",
            Logger.LogCategoriesString());
    }
}
