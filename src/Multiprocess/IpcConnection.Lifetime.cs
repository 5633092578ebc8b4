using Capnp;
using Multiprocess.Capnp;
using Multiprocess.Internal;

namespace Multiprocess;

public sealed partial class IpcConnection
{
    private readonly HashSet<ThreadContext> _threadContexts = new();
    private bool _disconnectHandled;

    /// <summary>Remembers a thread that keeps Thread references for this connection, to drop them at the end.</summary>
    internal void TrackThreadContext(ThreadContext context)
    {
        bool forgetNow;
        lock (_gate)
        {
            forgetNow = _disconnectHandled;
            if (!forgetNow)
                _threadContexts.Add(context);
        }

        if (forgetNow)
            context.Forget(this);
    }

    /// <summary>Forgets a thread that has ended.</summary>
    internal void UntrackThreadContext(ThreadContext context)
    {
        lock (_gate)
            _threadContexts.Remove(context);
    }

    private async Task OnDisconnectedAsync()
    {
        try
        {
            if (_isServer)
                Log(IpcLogLevel.Info, $"{{{CurrentThreadName}}} IPC server: socket disconnected.");
            else if (!_closedLocally)
                Log(IpcLogLevel.Warning, $"{{{CurrentThreadName}}} IPC client: unexpected network disconnect.");

            // Thread references for this connection are dropped everywhere, so later calls from those threads
            // fail at once instead of waiting for a peer that is gone.
            List<ThreadContext> contexts;
            List<IClientHook> pool = [];
            ThreadMap.Client peerThreadMap;
            ThreadServer? asyncCaller;
            lock (_gate)
            {
                _disconnectHandled = true;
                contexts = [.. _threadContexts];
                _threadContexts.Clear();
                if (_pool is not null)
                    pool.AddRange(_pool.Select(p => p.Reference));
                _pool = [];
                asyncCaller = _asyncCaller;
                peerThreadMap = _peerThreadMap;
                _peerThreadMap = default;
                if (Volatile.Read(ref _runningCalls) > 0)
                    _callsDrained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            foreach (var context in contexts)
                context.Forget(this);
            foreach (var reference in pool)
                reference.Dispose();
            asyncCaller?.Thread.ForgetAll();
            asyncCaller?.Dispose();
            peerThreadMap.Dispose();
            _localThreadMap.Dispose();

            // Server objects may still be in use by calls running on worker threads: those finish first (a call
            // blocked on the peer fails now that it is gone).
            TaskCompletionSource? drained;
            lock (_gate)
                drained = _callsDrained;
            if (drained is not null && Volatile.Read(ref _runningCalls) > 0)
                await drained.Task.ConfigureAwait(false);

            // Then every object still held is disposed, newest first, on a thread of its own: implementations
            // may block (a wallet waiting for its users) and must not hold up the caller.
            await Task.Factory.StartNew(DisposeServerObjectsInReverse, CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            lock (_serverObjects)
                _serverObjectsCleanedUp = true;
            _completion.TrySetResult();
        }
    }

    private void DisposeServerObjectsInReverse()
    {
        while (true)
        {
            IServerObject handle;
            lock (_serverObjects)
            {
                if (_serverObjects.Last is not { } last)
                {
                    // From now on objects released after the disconnect are disposed at once.
                    _serverObjectsCleanedUp = true;
                    return;
                }

                handle = last.Value;
                _serverObjects.RemoveLast();
            }

            DisposeServerObject(handle);
        }
    }
}
