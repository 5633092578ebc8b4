using System.Diagnostics;

namespace Capnp.Rpc.Internal;

/// <summary>
/// One two-party RPC connection: the four tables (questions, answers, imports, exports) and the embargoes, one
/// receive loop that handles messages in order, one write loop that sends whatever has queued up in one write.
/// </summary>
/// <remarks>
/// All table state is guarded by one lock. Nothing that can run application code or take another connection's lock
/// runs while it is held: releasing references, delivering calls, completing tasks and lifting embargoes are queued
/// with <see cref="After"/> and run, in order, when the outermost <see cref="Lock"/> scope ends. Messages are queued
/// for the writer under the lock, so the order they are written in is the order the tables changed in.
/// </remarks>
internal sealed partial class RpcConnectionState
{
    private readonly object _sync = new();
    private readonly RpcTransport _transport;
    private readonly RpcConnectionOptions _options;
    private readonly Action<RpcMessageEvent>? _observer;
    private readonly SemaphoreSlim _writeSignal = new(0);
    private readonly CancellationTokenSource _readCancellation = new();
    private readonly TaskCompletionSource<Exception> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IdTable<Question> _questions = new();
    private readonly Dictionary<uint, Answer> _answers = [];
    private readonly IdTable<Export> _exports = new();
    private readonly Dictionary<CapNode, uint> _exportsByNode = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<uint, Import> _imports = [];
    private readonly IdTable<Embargo> _embargoes = new();
    private List<OutgoingMessage> _outgoing = [];
    private List<OutgoingMessage> _writing = [];
    private bool _writerSignalled;
    private List<Action>? _after;
    private int _lockDepth;
    private CapNode? _bootstrap;
    private Exception? _disconnectReason;

    public RpcConnectionState(RpcTransport transport, RpcConnectionOptions options)
    {
        _transport = transport;
        _options = options;
        _observer = options.MessageObserver;
        if (options.Bootstrap is { } bootstrap)
            _bootstrap = CapNode.FromHook(bootstrap);
        // Both loops run on the thread pool (never on a caller's synchronization context), and the constructor
        // returns at once.
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes when both loops have ended and the stream is closed.</summary>
    public Task Completion { get; }

    /// <summary>Completes with the reason once the connection is lost.</summary>
    public Task<Exception> Disconnected => _disconnected.Task;

    /// <summary>True until the connection is lost (read without the lock: a hint).</summary>
    public bool IsConnected => Volatile.Read(ref _disconnectReason) is null;

    /// <summary>Takes the connection's lock; disposing the scope leaves it and then runs the deferred actions.</summary>
    public LockScope Lock()
    {
        Monitor.Enter(_sync);
        _lockDepth++;
        return new LockScope(this);
    }

    /// <summary>Runs <paramref name="action"/> once the outermost lock scope ends (under the lock only).</summary>
    public void After(Action action)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "After() needs the connection's lock.");
        (_after ??= []).Add(action);
    }

    /// <summary>Drops a reference once the lock is left.</summary>
    public void ReleaseLater(RefCounted? node)
    {
        if (node is not null)
            After(node.Release);
    }

    /// <summary>Disposes once the lock is left.</summary>
    public void DisposeLater(IDisposable? disposable)
    {
        if (disposable is not null)
            After(disposable.Dispose);
    }

    /// <summary>Counts of the tables' entries.</summary>
    public RpcTableCounts Counts
    {
        get
        {
            using (Lock())
            {
                int imports = 0;
                foreach (var import in _imports.Values)
                {
                    if (import.Node is not null)
                        imports++;
                }

                return new RpcTableCounts(_questions.Count, _answers.Count, imports, _exports.Count, _embargoes.Count);
            }
        }
    }

    /// <summary>The servers of this process the peer holds references to.</summary>
    public IReadOnlyList<CapabilityServer> ExportedServers
    {
        get
        {
            using (Lock())
            {
                var servers = new List<CapabilityServer>();
                foreach (var (_, export) in _exports.Entries())
                {
                    if (export.Node.Innermost() is LocalServerNode local && !servers.Contains(local.Server))
                        servers.Add(local.Server);
                }

                return servers;
            }
        }
    }

    /// <summary>Closes the connection from this side: pending calls fail, everything the peer held is released, an
    /// Abort tells the peer why, and the stream closes once written.</summary>
    public Task CloseAsync(Exception reason)
    {
        Disconnect(reason, sendAbort: true);
        return Completion;
    }

    private void Unlock()
    {
        List<Action>? actions = null;
        if (--_lockDepth == 0 && _after is { Count: > 0 })
        {
            actions = _after;
            _after = null;
        }

        Monitor.Exit(_sync);
        if (actions is null)
            return;
        foreach (var action in actions)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                Trace.TraceError($"Cap'n Proto RPC: deferred action failed: {e}");
            }
        }
    }

    private async Task RunAsync()
    {
        var writing = Task.Run(WriteLoopAsync);
        await ReadLoopAsync().ConfigureAwait(false);
        await writing.ConfigureAwait(false);
        try
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Trace.TraceWarning($"Cap'n Proto RPC: closing the stream failed: {e.Message}");
        }

        _readCancellation.Dispose();
        CapNode? bootstrap;
        using (Lock())
        {
            bootstrap = _bootstrap;
            _bootstrap = null;
        }

        bootstrap?.Release();
    }

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            MessageReader? message;
            try
            {
                message = await _transport.ReadAsync(_readCancellation.Token).ConfigureAwait(false);
            }
            catch (CapnpFormatException e)
            {
                Disconnect(new RpcException("Received a malformed message: " + e.Message), sendAbort: true);
                return;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException
                                          or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                Disconnect(new RpcDisconnectedException(IsConnected ? "Connection lost: " + e.Message : "Connection closed."), sendAbort: false);
                return;
            }

            if (message is null)
            {
                Disconnect(new RpcDisconnectedException("Peer disconnected."), sendAbort: true);
                return;
            }

            if (!IsConnected)
            {
                // Draining after a disconnect: the peer's last messages are read (so closing does not reset the
                // connection under them) and dropped.
                message.Dispose();
                continue;
            }

            try
            {
                HandleMessage(message);
            }
            catch (RpcProtocolException e)
            {
                Disconnect(new RpcException(e.Message), sendAbort: true);
            }
            catch (CapnpFormatException e)
            {
                Disconnect(new RpcException("Received a malformed message: " + e.Message), sendAbort: true);
            }
            catch (Exception e)
            {
                // A fault of this side: the connection cannot be trusted any more, the process goes on.
                Trace.TraceError($"Cap'n Proto RPC: handling a message failed: {e}");
                Disconnect(new RpcException("Internal error handling a message: " + e.Message), sendAbort: true);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        bool failed = false;
        while (true)
        {
            await _writeSignal.WaitAsync().ConfigureAwait(false);
            List<OutgoingMessage> batch;
            bool closing;
            lock (_sync)
            {
                batch = _outgoing;
                _outgoing = _writing;
                _writing = batch;
                _writerSignalled = false;
                closing = _disconnectReason is not null;
            }

            if (batch.Count > 0)
            {
                try
                {
                    if (!failed)
                    {
                        foreach (var message in batch)
                        {
                            Observe(message);
                            message.Message.WriteTo(_transport.Output);
                        }

                        await _transport.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                }
                catch (Exception e)
                {
                    // The stream is gone (or this side failed to write): nothing more can be sent.
                    failed = true;
                    Disconnect(new RpcDisconnectedException("Connection lost: " + e.Message), sendAbort: false);
                    closing = true;
                }
                finally
                {
                    foreach (var message in batch)
                        message.Free();
                    batch.Clear();
                }
            }

            if (closing)
            {
                lock (_sync)
                {
                    if (_outgoing.Count > 0)
                        continue;
                }

                break;
            }
        }

        // Nothing more will be sent: let the peer see the end, then give it a while to close its side.
        _transport.CompleteOutput();
        try
        {
            _readCancellation.CancelAfter(_options.ShutdownTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The read loop has already finished.
        }
    }

    /// <summary>Queues a message for the writer (under the lock). Dropped, and freed, once disconnected.</summary>
    private void Enqueue(OutgoingMessage message)
    {
        Debug.Assert(Monitor.IsEntered(_sync), "Messages are queued under the connection's lock.");
        if (_disconnectReason is not null && message.Kind != RpcMessageKind.Abort)
        {
            After(message.Free);
            return;
        }

        _outgoing.Add(message);
        if (!_writerSignalled)
        {
            _writerSignalled = true;
            _writeSignal.Release();
        }
    }

    private void WakeWriter()
    {
        if (!_writerSignalled)
        {
            _writerSignalled = true;
            _writeSignal.Release();
        }
    }

    /// <summary>The scope of a held connection lock.</summary>
    public readonly struct LockScope(RpcConnectionState state) : IDisposable
    {
        public void Dispose() => state.Unlock();
    }
}
