using Bitcoin.Ipc;
using Multiprocess;

namespace Apps.bitcoin_wallet;

/// <summary>bitcoin-wallet started by a node with <c>-ipcfd &lt;n&gt;</c> (Core's <c>startSpawnedProcess</c>).</summary>
internal static class SpawnedWallet
{
    public const string ExeName = "bitcoin-wallet";

    /// <summary>
    /// When <paramref name="args"/> is exactly <c>-ipcfd &lt;n&gt;</c>, serves <see cref="WalletProcessInit"/> on that
    /// descriptor until the node goes away (then the wallets are stopped and flushed) and returns true with the exit
    /// status; false for any other command line. A bad descriptor number is reported with Core's message, status 1.
    /// </summary>
    public static bool TryServe(IReadOnlyList<string> args, out int status)
    {
        status = 1;
        try
        {
            if (!IpcProcess.TryGetSpawnedFd(args, out int fd))
                return false;
            using var init = new WalletProcessInit();
            status = IpcProcess.ServeOnFd(fd, c => IpcInitServer.Serve(init, c),
                new IpcConnectionOptions { ExeName = ExeName, Logger = IpcLogAdapter.Instance });
            init.Shutdown();
        }
        catch (ArgumentException e)
        {
            // Core's message, without .NET's "(Parameter '…')" suffix.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            Console.Error.Write($"Error: {message}\n");
        }
        return true;
    }
}
