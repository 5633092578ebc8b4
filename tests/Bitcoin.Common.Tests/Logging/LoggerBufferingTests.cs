using Bitcoin.Common.Logging;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Logging;

/// <summary>Lines logged before the log file opens, and debug.log shrinking.</summary>
public sealed class LoggerBufferingTests
{
    [Fact]
    public void LinesBeforeStartAreWrittenWhenTheFileOpens()
    {
        using var dir = new TempDirectory();
        var logger = new Logger { LogTimestamps = false };
        logger.Write(LogCategory.None, LogLevel.Warning, "early warning", "f.cs", 1, "M");
        logger.FilePath = dir.Combine("debug.log");
        logger.PrintToFile = true;
        Assert.True(logger.StartLogging());
        logger.Write(LogCategory.None, LogLevel.Info, "later", "f.cs", 2, "M");
        logger.Close();
        Assert.Equal("\n\n\n\n\n[warning] early warning\nlater\n", File.ReadAllText(logger.FilePath));
    }

    [Fact]
    public void EarlyBufferOverflowDropsOldestLinesAndSaysSo()
    {
        using var dir = new TempDirectory();
        var logger = new Logger { LogTimestamps = false, MaxBufferMemoryUsage = 1000 };
        for (var i = 0; i < 100; i++)
            logger.Write(LogCategory.None, LogLevel.Info, $"line {i}", "f.cs", 1, "M");
        logger.FilePath = dir.Combine("debug.log");
        logger.PrintToFile = true;
        Assert.True(logger.StartLogging());
        logger.Close();
        var lines = File.ReadAllLines(logger.FilePath).SkipWhile(l => l.Length == 0).ToList();
        Assert.Matches(@"^Early logging buffer overflowed, \d+ log lines discarded\.$", lines[0]);
        Assert.Equal("line 99", lines[^1]);
        var discarded = int.Parse(lines[0].Split(' ')[4]);
        Assert.Equal(100, discarded + lines.Count - 1);
    }

    [Fact]
    public void UnopenableLogFileFailsToStart()
    {
        using var dir = new TempDirectory();
        var logger = new Logger { FilePath = dir.Combine("missing", "debug.log"), PrintToFile = true };
        Assert.False(logger.StartLogging());
    }

    [Fact]
    public void NoOutputAtAllMeansNothingIsEnabled()
    {
        var logger = new Logger();
        Assert.True(logger.IsEnabled(LogCategory.None, LogLevel.Info));
        logger.DisableLogging();
        Assert.False(logger.Enabled);
        Assert.False(logger.IsEnabled(LogCategory.None, LogLevel.Info));
    }

    [Fact]
    public void ConsoleReceivesLinesWhenEnabled()
    {
        var console = new MemoryStream();
        var logger = new Logger { LogTimestamps = false, PrintToConsole = true, ConsoleOutput = console };
        logger.Write(LogCategory.None, LogLevel.Info, "buffered", "f.cs", 1, "M");
        Assert.True(logger.StartLogging());
        logger.Write(LogCategory.None, LogLevel.Error, "direct", "f.cs", 1, "M");
        Assert.Equal("buffered\n[error] direct\n", System.Text.Encoding.UTF8.GetString(console.ToArray()));
    }

    [Fact]
    public void ShrinkKeepsTheLastTenMegabytes()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("debug.log");
        var content = new byte[12_000_000];
        for (var i = 0; i < content.Length; i++)
            content[i] = (byte)('a' + i % 26);
        File.WriteAllBytes(path, content);
        var logger = new Logger { FilePath = path };
        logger.ShrinkDebugFile();
        var shrunk = File.ReadAllBytes(path);
        Assert.Equal(10_000_000, shrunk.Length);
        Assert.Equal(content.AsSpan(2_000_000).ToArray(), shrunk);

        // Below 11 MB nothing changes.
        logger.ShrinkDebugFile();
        Assert.Equal(10_000_000, new FileInfo(path).Length);
    }
}
