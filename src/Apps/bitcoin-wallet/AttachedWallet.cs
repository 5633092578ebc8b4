using System.Runtime.InteropServices;
using Bitcoin.Common.Args;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;
using Bitcoin.Common.Rpc.Http;
using Bitcoin.Ipc;
using Multiprocess;
using Multiprocess.Addresses;

namespace Apps.bitcoin_wallet;

/// <summary>
/// <c>bitcoin-wallet -ipcconnect=&lt;address&gt;</c>: a wallet process started by hand that attaches to a running
/// bitcoin-node (Core's multiprocess.md "next steps"). It takes the node's chain (<c>Init.makeChain</c>), makes its
/// wallet loader on it, registers the wallet RPCs (on the node's port, and on its own with <c>-server</c>), verifies,
/// loads and starts, and runs until SIGINT/SIGTERM or <c>stop</c>. When the node goes away it unloads (flushing what it
/// can), waits and reconnects with back-off, then reloads the wallets it had and catches up through the chain.
/// </summary>
internal static class AttachedWallet
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>True when the command line asks to attach to a node (has <c>-ipcconnect</c>).</summary>
    public static bool IsAttach(IReadOnlyList<string> args) =>
        args.Any(a => a.StartsWith("-ipcconnect", StringComparison.Ordinal) || a.StartsWith("--ipcconnect", StringComparison.Ordinal));

    /// <summary>Runs the attached wallet process; returns the exit status.</summary>
    public static int Run(IReadOnlyList<string> argv)
    {
        var args = WalletProcess.MakeArgs();
        AttachArgs.Register(args);
        if (!args.ParseParameters(argv, out var error))
            return Fail($"Error parsing command line arguments: {error}");
        if (!DataDirectory.CheckDataDirOption(args))
            return Fail($"Error: Specified data directory \"{args.GetArg("-datadir", "")}\" does not exist.");
        try
        {
            if (!args.ReadConfigFiles(out error, ignoreInvalidKeys: true))
                return Fail($"Error reading configuration file: {error}");
            args.SelectChain(args.GetChainType());
        }
        catch (ArgsException e)
        {
            return Fail($"Error: {e.Message}");
        }

        var address = args.GetArg("-ipcconnect", "");
        if (address.Length == 0 || address == "0" || address == "auto")
            return Fail("Error: -ipcconnect needs the node's address: unix, unix:<path> or tcp:<host>:<port>");

        Directory.CreateDirectory(args.GetDataDirNet());
        var process = WalletProcess.FromArgs(args);
        process.StartLogging(sharedWithNode: false);
        using var stopping = new CancellationTokenSource();
        using var signals = StopSignals.Register(stopping);
        RpcHttpServer? server = null;
        try
        {
            LocalRpcTable? local = null;
            if (args.GetBoolArg("-server", false))
            {
                var table = new RpcCommandTable();
                table.SetWarmupStatus("Connecting to the node…");
                ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = stopping.Cancel });
                local = new LocalRpcTable(table);
                server = RpcHttpServer.StartAsync(table, AttachArgs.ServerOptions(args)).GetAwaiter().GetResult();
            }

            var sessions = new AttachSessions(process, address, local, stopping.Token);
            return sessions.Run();
        }
        catch (RpcServerStartException e)
        {
            Log.Error(e.Message);
            return Fail($"Error: {e.Message}");
        }
        finally
        {
            if (server is not null)
                server.StopAsync().GetAwaiter().GetResult();
            process.Shutdown();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/>, a call to the node that only undoes something there: when the node has gone
    /// (the connection is closed) there is nothing left to undo, so the failure is ignored.
    /// </summary>
    public static void IgnoreNodeGone(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is Capnp.Rpc.RpcException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The IPC connection options of this process (its name in IPC log lines, and the IPC log).</summary>
    public static IpcConnectionOptions ConnectionOptions => new() { ExeName = SpawnedWallet.ExeName, Logger = IpcLogAdapter.Instance };

    /// <summary>The secret and cookie location for a tcp: address.</summary>
    public static IpcConnectOptions ConnectOptions(ArgsManager args)
    {
        var auth = args.GetArg("-ipcauth", "");
        return new IpcConnectOptions { DataDir = args.GetDataDirNet(), AuthSecret = auth.Length == 0 ? null : auth };
    }

    /// <summary>The delay before reconnection attempt number <paramref name="attempt"/> (0-based): doubling up to 30 s.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(attempt, 16)));

    private static int Fail(string message)
    {
        Console.Error.Write(message + "\n");
        return 1;
    }

    /// <summary>SIGTERM and SIGINT ask for a clean stop (the wallets are unloaded and flushed before exit).</summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly List<PosixSignalRegistration> _registrations = [];

        public static StopSignals Register(CancellationTokenSource stopping)
        {
            var signals = new StopSignals();
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
            {
                signals._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    // Keep the process alive: the main thread stops the wallets in order and exits.
                    context.Cancel = true;
                    stopping.Cancel();
                }));
            }
            return signals;
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
                registration.Dispose();
        }
    }
}
