using System.Diagnostics;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.WalletTool;

/// <summary>Runs bin/bitcoin-wallet as the offline wallet tool and collects what it printed.</summary>
internal static class WalletToolProcess
{
    /// <summary>Runs bitcoin-wallet with exactly <paramref name="arguments"/>; killed (and the test failed) if it hangs.</summary>
    public static async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(RepoPaths.Executable("bitcoin-wallet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
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
            throw new TimeoutException($"bitcoin-wallet {string.Join(' ', arguments)} did not exit within {NodeProcess.Patience}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the tool on the regtest wallets of <paramref name="node"/>'s data directory.</summary>
    public static Task<ProcessResult> RunAsync(NodeProcess node, params string[] arguments) =>
        RunAsync([$"-datadir={node.DataDir}", "-regtest", .. arguments]);
}
