using System.Net.Sockets;
using Capnp;
using Capnp.Rpc;
using Multiprocess.Capnp;
using Multiprocess.Internal;

namespace Multiprocess;

/// <summary>
/// One libmultiprocess connection: a Cap'n Proto RPC connection over a stream (a socket pair to a spawned process,
/// a Unix or TCP socket), plus the thread mapping that makes a call into the peer behave like a call in one process.
/// </summary>
/// <remarks>
/// <para>Thread mapping. Each side offers a ThreadMap (exchanged by <c>Init.construct</c>: see
/// <see cref="ConnectInit{TClient}"/> and <see cref="AcceptThreadMap"/>). A thread's first call that carries a
/// <c>Context</c> asks the peer's ThreadMap for a worker thread (<c>makeThread</c>, pipelined with the call) and
/// passes a Thread object of its own as <c>callbackThread</c>; both are kept for the thread's later calls.
/// The server runs the call on that worker (<see cref="RunAsync{TParams, TResults}"/>); calls the worker makes back
/// over the same connection while it runs go to the caller's <c>callbackThread</c> and run on the caller's own
/// blocked thread, so chains such as wallet -> node -> wallet -> node run on the same two threads. Calls on one
/// worker queue; calls without a <c>Context</c> run on the connection's receive loop.</para>
/// <para>Lifetime. When the connection ends, calls waiting for the peer fail with an
/// <see cref="RpcDisconnectedException"/> ("IPC client method call interrupted by disconnect."), worker threads
/// end, and the server objects adopted by the connection are disposed in reverse order of creation once the calls
/// running on them have finished; <see cref="Completion"/> then completes.</para>
/// </remarks>
public sealed partial class IpcConnection : IAsyncDisposable, IDisposable
{
    private readonly RpcConnection _rpc;
    private readonly IIpcLogger _logger;
    private readonly bool _isServer;
    private readonly int _maxTraceChars;
    private readonly object _gate = new();
    private readonly ThreadMap.Client _localThreadMap;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ThreadMap.Client _peerThreadMap;
    private volatile bool _closedLocally;

    private IpcConnection(Func<RpcConnectionOptions, RpcConnection> connect, IpcConnectionOptions? options)
    {
        options ??= new IpcConnectionOptions();
        ExeName = options.ExeName ?? ThreadNames.DefaultExeName;
        _logger = options.Logger ?? NullIpcLogger.Instance;
        _maxTraceChars = options.MaxTraceChars;
        _localThreadMap = ThreadMap.Client.FromServer(new ThreadMapServer(this));
        var init = options.Init?.Invoke(this);
        _isServer = init is not null;
        try
        {
            _rpc = connect(new RpcConnectionOptions
            {
                Bootstrap = init,
                ReaderOptions = options.ReaderOptions,
                MessageObserver = Observe,
            });
        }
        finally
        {
            // The RPC connection holds its own reference to the bootstrap capability.
            init?.Dispose();
        }

        if (_isServer)
            Log(IpcLogLevel.Info, "IPC server: socket connected.");
        _ = _rpc.Disconnected.ContinueWith(_ => OnDisconnectedAsync(), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Starts a connection over <paramref name="stream"/>, which it owns.</summary>
    public static IpcConnection Create(Stream stream, IpcConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new IpcConnection(o => RpcConnection.Create(stream, o), options);
    }

    /// <summary>Starts a connection over a connected stream socket (socket pair, Unix or TCP), which it owns.</summary>
    public static IpcConnection Create(Socket socket, IpcConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new IpcConnection(o => RpcConnection.Create(socket, o), options);
    }

    /// <summary>The executable name in this side's log lines and thread names.</summary>
    public string ExeName { get; }

    /// <summary>The RPC connection underneath.</summary>
    public RpcConnection Rpc => _rpc;

    /// <summary>True until the connection ends.</summary>
    public bool IsConnected => _rpc.IsConnected;

    /// <summary>Completes, with the reason, when the connection ends.</summary>
    public Task<Exception> Disconnected => _rpc.Disconnected;

    /// <summary>Completes once the connection has ended and everything it held is released: worker threads told
    /// to end, server objects disposed (in reverse order of creation).</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// This side's ThreadMap for the peer (a reference the connection owns: do not dispose it). An Init server's
    /// <c>construct</c> returns it; <see cref="ConnectInit{TClient}"/> sends it.
    /// </summary>
    public ThreadMap.Client LocalThreadMap => _localThreadMap;

    /// <summary>The peer's ThreadMap, once <c>construct</c> has exchanged them (null before).</summary>
    public ThreadMap.Client PeerThreadMap
    {
        get
        {
            lock (_gate)
                return _peerThreadMap;
        }
    }

    /// <summary>
    /// For an Init server's <c>construct</c>: keeps the peer's ThreadMap (taking ownership of the reference) and
    /// returns this side's, to put in the results:
    /// <c>call.Results.ThreadMap = connection.AcceptThreadMap(call.Params.ThreadMap);</c>
    /// </summary>
    public ThreadMap.Client AcceptThreadMap(ThreadMap.Client peerThreadMap)
    {
        ThreadMap.Client previous;
        lock (_gate)
        {
            previous = _peerThreadMap;
            _peerThreadMap = peerThreadMap;
        }

        previous.Dispose();
        return _localThreadMap;
    }

    /// <summary>Ends the connection (see the remarks) and waits for <see cref="Completion"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        _closedLocally = true;
        await _rpc.CloseAsync().ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
    }

    /// <summary>Ends the connection without waiting.</summary>
    public void Dispose()
    {
        _closedLocally = true;
        _rpc.Dispose();
    }
}
