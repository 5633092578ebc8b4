using Functional.Tests.Infrastructure;

namespace Functional.Tests.Ipc;

/// <summary>The README's main job, contrib/regtest-demo.sh, run as a user runs it (against the executables in bin/).</summary>
public sealed class RegtestDemoScriptTests
{
    [Fact]
    public async Task DemoRunsTheMultiprocessNodeWithItsWalletAndStopsBoth()
    {
        var script = Path.Combine(RepoPaths.Root, "contrib", "regtest-demo.sh");
        RepoPaths.Executable("bitcoin-node");
        RepoPaths.Executable("bitcoin-wallet");
        RepoPaths.Executable("bitcoin-cli");
        var tmp = Directory.CreateTempSubdirectory("demo-ft").FullName;
        try
        {
            var result = await RunAsync(script, tmp);

            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}");
            Assert.Contains("50.00000000", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("bitcoin-wallet -ipcfd", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("exited with status 0", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("shut down cleanly", result.Stdout, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(tmp)); // the data directory was removed
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }

    private static async Task<ProcessResult> RunAsync(string script, string tmp)
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.Environment["SKIP_BUILD"] = "1";
        info.Environment["TMPDIR"] = tmp;
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(NodeProcess.Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"regtest-demo.sh did not finish within {NodeProcess.Patience}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
