using System.Diagnostics;

namespace Cli.Tests;

/// <summary>Runs the built bin/bitcoin-cli as a child process and collects its output and exit status.</summary>
internal static class CliRunner
{
    private static readonly Lazy<string> s_cliDll = new(FindCli);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static string FindCli()
    {
        // An explicit build of bitcoin-cli elsewhere can be tested by naming its dll.
        if (Environment.GetEnvironmentVariable("BITCOIN_CLI_DLL") is { Length: > 0 } explicitDll) return explicitDll;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BitcoinMultiprocess.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Repository root (BitcoinMultiprocess.slnx) not found above " + AppContext.BaseDirectory);
        string dll = Path.Combine(dir.FullName, "bin", "bitcoin-cli.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/Apps/bitcoin-cli first");
        return dll;
    }

    /// <summary>A running bitcoin-cli; disposing it kills it if it still runs, so a failing test leaves no process behind.</summary>
    public sealed class Running(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            Process.Dispose();
        }
    }

    /// <summary>Starts bitcoin-cli; dispose the result (which kills it if it still runs).</summary>
    public static Running Start(IEnumerable<string> args, string? stdin = null) => new(StartProcess(args, stdin));

    /// <summary>Polls <paramref name="condition"/> (a state the test caused) and fails after two minutes rather than hang.</summary>
    public static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(20);
        }
    }

    private static Process StartProcess(IEnumerable<string> args, string? stdin)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(s_cliDll.Value);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(psi)!;
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return process;
    }

    public static Task<Result> Finish(Running running) => Finish(running.Process);

    public static async Task<Result> Finish(Process process)
    {
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? stdin = null)
    {
        using var running = Start(args, stdin);
        return await Finish(running);
    }
}
