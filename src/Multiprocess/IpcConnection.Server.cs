using Capnp;
using Capnp.Rpc;
using Multiprocess.Capnp;
using Multiprocess.Internal;

namespace Multiprocess;

public sealed partial class IpcConnection
{
    private readonly LinkedList<IServerObject> _serverObjects = new();
    private List<(ThreadServer Thread, IClientHook Reference, int Depth)>? _pool;
    private int _runningCalls;
    private bool _serverObjectsCleanedUp; // guarded by _serverObjects
    private TaskCompletionSource? _callsDrained;

    /// <summary>
    /// Runs a server method whose parameters carry a <c>Context</c> on the thread the caller chose: the peer's
    /// worker named by <c>Context.thread</c> (or, when it names none, a pool thread made by
    /// <c>ThreadMap.makePool</c>). While <paramref name="body"/> runs, calls that thread makes over this connection
    /// go to the caller's <c>callbackThread</c>. Call it from the generated server method, which returns what it
    /// returns:
    /// <code>
    /// public override ValueTask EchoAsync(CallContext&lt;Echo.EchoParams, Echo.EchoResults.Builder&gt; call, CancellationToken ct) =>
    ///     _connection.RunAsync(call, call.Params.Context, ct, c => c.Results.SetResult(_self.Impl.Echo(c.Params.Echo)));
    /// </code>
    /// A call cancelled before it starts is skipped; an exception the body throws is the caller's error.
    /// </summary>
    public ValueTask RunAsync<TParams, TResults>(CallContext<TParams, TResults> call, Context context,
        CancellationToken cancellationToken, Action<IpcCall<TParams, TResults>> body)
        where TParams : struct, IStructReader<TParams>
        where TResults : struct, IStructBuilder<TResults>
    {
        ArgumentNullException.ThrowIfNull(body);
        int number = TakeRequestNumber(SchemaNames<TParams>.Name);
        // Both references are read now, while the parameters are certainly alive; each is disposed once.
        var thread = context.HasThread ? context.Thread.Hook : null;
        var callbackThread = context.HasCallbackThread ? context.CallbackThread.Hook : null;
        return RunCoreAsync(call, number, thread, callbackThread, cancellationToken, body);
    }

    private async ValueTask RunCoreAsync<TParams, TResults>(CallContext<TParams, TResults> call, int number,
        IClientHook? thread, IClientHook? callbackThread, CancellationToken cancellationToken,
        Action<IpcCall<TParams, TResults>> body)
        where TParams : struct, IStructReader<TParams>
        where TResults : struct, IStructBuilder<TResults>
    {
        ThreadServer target;
        try
        {
            target = thread is null ? PickPoolThread(number) : await ResolveThreadAsync(thread, number, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            callbackThread?.Dispose();
            throw;
        }
        finally
        {
            thread?.Dispose();
        }

        Log(IpcLogLevel.Debug, $"{{{CurrentThreadName}}} IPC server post request  #{number} {{{target.Thread.Name}}}");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EnterCall();
        var posted = target.Thread.Waiter.Post(() =>
        {
            try
            {
                Execute(call, number, callbackThread, cancellationToken, body);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
            finally
            {
                ExitCall();
            }
        });
        if (!posted)
        {
            ExitCall();
            callbackThread?.Dispose();
            throw new RpcDisconnectedException("The IPC thread the call was sent to has ended.");
        }

        await done.Task.ConfigureAwait(false);
    }

    private void Execute<TParams, TResults>(CallContext<TParams, TResults> call, int number, IClientHook? callbackThread,
        CancellationToken cancellationToken, Action<IpcCall<TParams, TResults>> body)
        where TParams : struct, IStructReader<TParams>
        where TResults : struct, IStructBuilder<TResults>
    {
        var self = ThreadContext.TryGetCurrent()!;
        if (cancellationToken.IsCancellationRequested)
        {
            callbackThread?.Dispose();
            Log(IpcLogLevel.Info, $"{{{self.Name}}} IPC server request #{number} canceled before it could be executed");
            cancellationToken.ThrowIfCancellationRequested();
        }

        Log(IpcLogLevel.Debug, $"{{{self.Name}}} IPC server executing request #{number}");
        // A thread already mapped to a peer thread is running a callback inside a call of its own: its calls keep
        // going to that same peer thread, which is the one waiting for it.
        bool inserted = callbackThread is not null && self.TrySetRequestThread(this, callbackThread);
        if (!inserted)
            callbackThread?.Dispose();
        try
        {
            body(new IpcCall<TParams, TResults>(call, this, number, cancellationToken));
        }
        catch (Exception e)
        {
            Log(IpcLogLevel.Error, $"{{{self.Name}}} IPC server request #{number} uncaught exception ({e.GetType().Name}: {e.Message})");
            throw;
        }
        finally
        {
            if (inserted)
                self.RemoveRequestThread(this)?.Dispose();
        }
    }

    private async ValueTask<ThreadServer> ResolveThreadAsync(IClientHook thread, int number, CancellationToken cancellationToken)
    {
        var server = await Capability.GetLocalServerAsync(thread, cancellationToken).ConfigureAwait(false);
        if (server is ThreadServer local && ReferenceEquals(local.Connection, this))
            return local;
        Log(IpcLogLevel.Error, $"{{{CurrentThreadName}}} IPC server error request #{number}, missing thread to execute request");
        throw new RpcException("invalid thread handle");
    }

    private ThreadServer PickPoolThread(int number)
    {
        lock (_gate)
        {
            if (_pool is { Count: > 0 } pool)
            {
                // The least busy pool thread, as libmultiprocess picks it.
                int best = 0;
                for (int i = 1; i < pool.Count; i++)
                {
                    if (pool[i].Depth < pool[best].Depth)
                        best = i;
                }

                pool[best] = pool[best] with { Depth = pool[best].Depth + 1 };
                return pool[best].Thread;
            }
        }

        Log(IpcLogLevel.Error, $"{{{CurrentThreadName}}} IPC server error request #{number}, no thread specified and no pool configured");
        throw new RpcException("no thread specified and no pool configured");
    }

    /// <summary>Starts <paramref name="count"/> pool threads for calls whose Context names no thread.</summary>
    internal void MakePool(uint count)
    {
        lock (_gate)
        {
            if (_pool is not null)
                throw new RpcException("makePool called on connection with existing pool");
            _pool = new List<(ThreadServer, IClientHook, int)>((int)Math.Min(count, 1024));
        }

        for (uint i = 0; i < count; i++)
        {
            var thread = ThreadServer.StartWorker(this, $" (pool/{i})");
            var reference = global::Capnp.Rpc.Capability.FromServer(thread);
            lock (_gate)
                _pool.Add((thread, reference, 0));
        }
    }

    /// <summary>
    /// Adopts <paramref name="impl"/> as an object served to the peer over this connection (see
    /// <see cref="IpcServerObject{T}"/>): a server adapter keeps the returned handle, reaches the implementation
    /// through it, calls <see cref="IpcServerObject{T}.Destroy"/> from its <c>destroy</c> method and
    /// <see cref="IpcServerObject{T}.Dispose"/> from its own <c>Dispose</c>. With <paramref name="owned"/> false the
    /// implementation is never disposed (an Init shared by every connection, say).
    /// </summary>
    public IpcServerObject<T> Adopt<T>(T impl, bool owned = true)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(impl);
        var handle = new IpcServerObject<T>(this, impl, owned);
        lock (_serverObjects)
            _serverObjects.AddLast(handle);
        return handle;
    }

    /// <summary>The server objects adopted and not yet released, oldest first (for tests and diagnostics).</summary>
    public int ServerObjectCount
    {
        get
        {
            lock (_serverObjects)
                return _serverObjects.Count;
        }
    }

    internal void ReleaseServerObject(IServerObject handle, bool disconnecting)
    {
        lock (_serverObjects)
        {
            // While the connection is being torn down the cleanup disposes what is left, in reverse order.
            if (disconnecting && !_serverObjectsCleanedUp)
                return;
            if (!_serverObjects.Remove(handle))
                return;
        }

        DisposeServerObject(handle);
    }

    private void DisposeServerObject(IServerObject handle)
    {
        try
        {
            handle.DisposeImplementation();
        }
        catch (Exception e)
        {
            Log(IpcLogLevel.Warning, $"{{{CurrentThreadName}}} IPC server object {handle.Describe()} failed to dispose: {e.Message}");
        }
    }

    private void EnterCall() => Interlocked.Increment(ref _runningCalls);

    private void ExitCall()
    {
        if (Interlocked.Decrement(ref _runningCalls) == 0)
        {
            TaskCompletionSource? drained;
            lock (_gate)
                drained = _callsDrained;
            drained?.TrySetResult();
        }
    }
}
