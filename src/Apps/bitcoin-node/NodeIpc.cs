using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Ipc;
using Bitcoin.Node.Context;
using Multiprocess;

namespace Apps.bitcoin_node;

/// <summary>
/// bitcoin-node's IPC: the Init it serves on every <c>-ipcbind</c> address, started once the RPC commands are registered
/// and stopped (its clients disconnected) at shutdown.
/// </summary>
internal sealed class NodeIpc
{
    public const string ExeName = "bitcoin-node";

    private IpcInitListener? _listener;

    /// <summary>
    /// When started as <c>bitcoin-node -ipcfd &lt;n&gt;</c> by a parent process (Core's <c>startSpawnedProcess</c>), serves
    /// the spawned Init on that descriptor until the parent goes away and returns true with the exit status; false
    /// otherwise. A bad descriptor number is reported with Core's message and status 1.
    /// </summary>
    public static bool TryServeSpawned(IReadOnlyList<string> args, out int status)
    {
        status = 1;
        try
        {
            if (!IpcProcess.TryGetSpawnedFd(args, out int fd))
                return false;
            status = IpcProcess.ServeOnFd(fd, c => IpcInitServer.Serve(new SpawnedNodeInit(), c),
                new IpcConnectionOptions { ExeName = ExeName, Logger = IpcLogAdapter.Instance });
        }
        catch (ArgumentException e)
        {
            // Core's message, without .NET's "(Parameter '…')" suffix.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            Console.Error.Write($"Error: {message}\n");
        }
        return true;
    }

    /// <summary>Listens on every <c>-ipcbind</c> address; on failure reports Core's init error and returns false.</summary>
    public bool Start(NodeContext node)
    {
        var args = node.Args;
        var addresses = args.GetArgs("-ipcbind");
        if (addresses.Count == 0)
            return true;
        var auth = args.GetArg("-ipcauth", "");
        try
        {
            _listener = IpcInitListener.StartAsync(addresses, new IpcInitListenerOptions
            {
                Init = new NodeInitInterface(node),
                DataDir = args.GetDataDirNet(),
                ExeName = ExeName,
                AuthSecret = auth.Length == 0 ? null : auth,
                Logger = IpcLogAdapter.Instance,
            }, address => Log.Info($"Listening for IPC requests on address {address}")).GetAwaiter().GetResult();
        }
        catch (IpcBindException e)
        {
            return InitMessages.Error($"Unable to bind to IPC address '{e.Address}'. {e.Message}");
        }
        return true;
    }

    /// <summary>Stops listening and disconnects the IPC clients still connected, so they do not hold up shutdown.</summary>
    public void Stop(NodeContext node)
    {
        var listener = Interlocked.Exchange(ref _listener, null);
        listener?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
