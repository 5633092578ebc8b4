using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>
/// Runs tests/Kernel.CrashHarness as a child process and collects its output lines. Disposing kills the child (and
/// anything it started) if it is still running, so a failing test never leaves it behind.
/// </summary>
internal sealed class CrashHarnessProcess : IDisposable
{
    private static readonly object s_buildLock = new();
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private CrashHarnessProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) _lines.CompleteAdding();
            else _lines.Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _stderr.Enqueue(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Lines written so far, in order (consumed by <see cref="ReadLine"/>).</summary>
    public List<string> Seen { get; } = [];

    public string StandardError => string.Join('\n', _stderr);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static CrashHarnessProcess Start(string dataDir, params string[] extraArgs)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HarnessAssembly());
        info.ArgumentList.Add(dataDir);
        foreach (var arg in extraArgs) info.ArgumentList.Add(arg);
        return new CrashHarnessProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the crash harness."));
    }

    /// <summary>The next output line, or null once the process has ended and everything was read.</summary>
    public string? ReadLine()
    {
        // Generous bound so a hung child fails the test instead of hanging it; not a timing assertion.
        if (!_lines.TryTake(out var line, TimeSpan.FromMinutes(2)))
        {
            if (_lines.IsCompleted) return null;
            throw new TimeoutException($"The crash harness produced no output for two minutes. stderr: {StandardError}");
        }
        Seen.Add(line);
        return line;
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; null if the process ended first.</summary>
    public string? ReadUntil(string prefix)
    {
        while (ReadLine() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
        return null;
    }

    /// <summary>Kills the child with SIGKILL (no chance to flush anything) and waits for it.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        // Drain what it wrote before dying.
        while (_lines.TryTake(out var line, TimeSpan.FromSeconds(5))) Seen.Add(line);
    }

    public void WaitForExit()
    {
        _process.WaitForExit();
        while (_lines.TryTake(out var line, TimeSpan.FromSeconds(5))) Seen.Add(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _lines.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // The harness is built with the solution; when a test run built only this test project, build it once here.
    private static string HarnessAssembly()
    {
        var testDir = AppContext.BaseDirectory;
        string configuration = testDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(testDir);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BitcoinMultiprocess.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Cannot find the repository root from " + testDir);
        var project = Path.Combine(root.FullName, "tests", "Kernel.CrashHarness", "Kernel.CrashHarness.csproj");
        var assembly = Path.Combine(root.FullName, "tests", "Kernel.CrashHarness", "bin", configuration, "net10.0", "Kernel.CrashHarness.dll");
        lock (s_buildLock)
        {
            if (File.Exists(assembly)) return assembly;
            var build = Process.Start(new ProcessStartInfo(DotnetHost(), ["build", project, "-c", configuration, "--nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            string output = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(assembly))
                throw new InvalidOperationException($"Building the crash harness failed:\n{output}");
            return assembly;
        }
    }
}
