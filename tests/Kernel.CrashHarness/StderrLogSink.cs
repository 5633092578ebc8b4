using System.Diagnostics;
using Bitcoin.Common.Logging;

namespace Kernel.CrashHarness;

/// <summary>Writes the kernel's log to stderr with elapsed milliseconds (enabled by the KERNEL_HARNESS_LOG environment variable).</summary>
internal sealed class StderrLogSink : ILogSink
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public bool IsEnabled(LogCategory category, LogLevel level) => level >= LogLevel.Info || category is LogCategory.Bench or LogCategory.CoinDb;

    public void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function) =>
        Console.Error.WriteLine($"[{_clock.ElapsedMilliseconds,6}] {message}");
}
