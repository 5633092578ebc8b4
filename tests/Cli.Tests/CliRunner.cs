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

    /// <summary>Starts bitcoin-cli; the caller must dispose the process (which kills it if it still runs).</summary>
    public static Process Start(IEnumerable<string> args, string? stdin = null)
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
        using var process = Start(args, stdin);
        return await Finish(process);
    }
}
