using Bitcoin.Common.Args;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Init;

public static partial class NodeInit
{
    private static readonly Lock s_shutdownLock = new();
    private static bool s_shutdownDone;

    /// <summary>
    /// First half of shutdown (Core's <c>Interrupt</c>): runs <c>-shutdownnotify</c> commands, wakes threads waiting for
    /// a new tip, and makes running RPC commands stop at their next interruption point.
    /// </summary>
    public static void Interrupt(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var commands = node.Args.GetArgs("-shutdownnotify");
        if (commands.Count > 0)
        {
            var threads = commands.Select(command => new Thread(() => ShellCommand.Run(command)) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        node.Notifications?.WakeWaiters();
        node.RpcTable.Interrupt();
        node.Network?.Interrupt();
    }

    /// <summary>
    /// Second half of shutdown (Core's <c>Shutdown</c>), safe after a start that failed part-way: stops the RPC server
    /// (deleting the cookie), waits for the block import thread, stops the scheduler, flushes the chainstate and the
    /// validation queue, closes the databases, removes the pid file, logs "Shutdown done" and releases the directory
    /// locks. Runs once; later calls return at once.
    /// </summary>
    public static void Shutdown(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (s_shutdownLock)
        {
            if (s_shutdownDone)
                return;
            s_shutdownDone = true;
        }

        Log.Info("Shutdown in progress...");
        ThreadNames.Rename("shutoff");

        if (node.RpcServer is { } server)
        {
            server.StopAsync().GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            node.RpcServer = null;
        }

        // Wallets unload (and flush) while the chain they read is still there, as Core stops chain clients here.
        Interfaces.NodeChainClients.Stop(node);

        // Net processing stops before the import thread and the scheduler, as in Core.
        node.Network?.Stop();

        node.BackgroundInitThread?.Join();
        node.BackgroundInitThread = null;

        // After this, nothing may wait for the validation queue any more or shutdown would hang.
        node.Scheduler?.Stop();

        try
        {
            ShutdownChainstate(node);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or
                                   Kernel.Storage.Database.DatabaseException)
        {
            // The databases could not be written: say so, and exit with a failure status, but finish shutting down.
            InitMessages.Error($"Failed to write the chainstate to disk at shutdown: {e.Message}");
            node.ExitStatus = 1;
        }

        Interfaces.NodeChainClients.Release(node);
        node.ValidationSignals?.Dispose();
        node.ValidationSignals = null;
        node.Scheduler = null;
        node.LogRateLimiter?.Dispose();
        node.LogRateLimiter = null;

        PidFile.Remove();
        Log.Info("Shutdown done");
        SignalHandlers.Unregister();
        DirectoryLock.ReleaseDirectoryLocks();
    }
}
