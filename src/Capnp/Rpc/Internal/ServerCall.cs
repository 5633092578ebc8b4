using System.Diagnostics;

namespace Capnp.Rpc.Internal;

/// <summary>
/// A call on its way to, or being run by, a capability: its parameters, its results, its cancellation, and the
/// capabilities in its results that other calls are already addressed to (pipelining). The same object serves a
/// call made in this process (<see cref="LocalCall"/>) and one received over a connection
/// (<see cref="RpcServerCall"/>); subclasses decide what completion means (a Return message, a completed task).
/// </summary>
/// <remarks>
/// References: the creator's (the answer table, the caller's answer handle), one per pipelined capability still
/// waiting for the results, one per response handle. When the last goes before the call completes, the call is
/// cancelled; once it has completed and the last goes, the results are freed.
/// </remarks>
internal abstract class ServerCall : RefCounted, ICallContextHook, IPipelineSource
{
    private readonly object _gate = new();
    private IDisposable? _paramsOwner;
    private AnyPointerReader _params;
    private bool _paramsReleased;
    private CancellationTokenSource? _cancellation;
    private bool _delivered;
    private CancelRequest _cancelRequest;
    private CallState _state;
    private Exception? _error;
    private Dictionary<PipelinePath, QueuedNode>? _waiters;
    private IPipelineSource? _forwardedTo;
    private bool _freeResultsWhenDone;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A call with the given parameters; <paramref name="paramsOwner"/> frees them (the message and the
    /// references in its capability table) when they are released.</summary>
    protected ServerCall(ulong interfaceId, ushort methodId, AnyPointerReader parameters, IDisposable? paramsOwner)
    {
        InterfaceId = interfaceId;
        MethodId = methodId;
        _params = parameters;
        _paramsOwner = paramsOwner;
    }

    private enum CallState
    {
        Running,
        Returned,
        Failed,
    }

    private enum CancelRequest
    {
        None,
        AfterDelivery,
        DropIfUndelivered,
    }

    public ulong InterfaceId { get; }

    public ushort MethodId { get; }

    /// <summary>Completes when the call has completed (returned, failed or been cancelled).</summary>
    public Task Completion => _completion.Task;

    /// <summary>The failure, once the call has failed.</summary>
    public Exception? Error => _error;

    /// <summary>True once the call has completed.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
                return _state != CallState.Running;
        }
    }

    /// <summary>True when the call ended because it was cancelled before it produced results.</summary>
    public bool WasCancelled { get; private set; }

    /// <summary>The token a server sees: cancelled when the caller no longer wants the call.</summary>
    public CancellationToken CancellationToken
    {
        get
        {
            lock (_gate)
                return (_cancellation ??= new CancellationTokenSource()).Token;
        }
    }

    /// <inheritdoc/>
    public AnyPointerReader Params
    {
        get
        {
            lock (_gate)
            {
                if (_paramsReleased)
                    throw new InvalidOperationException("The parameters have been released.");
                return _params;
            }
        }
    }

    /// <inheritdoc/>
    public abstract AnyPointerBuilder Results { get; }

    /// <summary>The results read back in place (null pointer when none were written).</summary>
    protected abstract AnyPointerReader ResultsReader { get; }

    /// <inheritdoc/>
    public void ReleaseParams()
    {
        IDisposable? owner;
        lock (_gate)
        {
            if (_paramsReleased)
                return;
            _paramsReleased = true;
            owner = _paramsOwner;
            _paramsOwner = null;
            _params = default;
        }

        owner?.Dispose();
    }

    /// <summary>
    /// Called by the node about to run the call. False when the call was cancelled before it got there and the
    /// caller allowed dropping it (it is then completed as cancelled and must not be run).
    /// </summary>
    public bool TryBeginDelivery()
    {
        bool cancelAfterDelivery;
        lock (_gate)
        {
            if (_state != CallState.Running)
                return false;
            cancelAfterDelivery = _cancelRequest == CancelRequest.AfterDelivery;
            if (_cancelRequest != CancelRequest.DropIfUndelivered)
                _delivered = true;
        }

        if (!_delivered)
        {
            Cancelled();
            return false;
        }

        if (cancelAfterDelivery)
        {
            // The early-cancellation workaround: the call is delivered first, then told it is no longer wanted.
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.CancelToken(), this, preferLocal: false);
        }

        return true;
    }

    /// <summary>
    /// The caller no longer wants the results. A call already delivered sees its token cancelled; one not yet
    /// delivered is dropped when <paramref name="dropIfUndelivered"/>, else delivered and then cancelled (the
    /// protocol's early-cancellation workaround for callers that relied on calls being delivered). A call whose
    /// results other calls are waiting on (pipelined) keeps running for them.
    /// </summary>
    public void RequestCancellation(bool dropIfUndelivered)
    {
        bool cancelNow = false;
        lock (_gate)
        {
            if (_state != CallState.Running || HasLiveWaiters())
                return;
            if (_delivered)
            {
                cancelNow = true;
            }
            else if (_cancelRequest == CancelRequest.None)
            {
                // The first request decides (a Finish's workaround flag comes before the release that follows it).
                _cancelRequest = dropIfUndelivered ? CancelRequest.DropIfUndelivered : CancelRequest.AfterDelivery;
            }
        }

        if (cancelNow)
            CancelToken();
    }

    /// <summary>Runs the completion of a server's dispatch.</summary>
    public void Run(ValueTask dispatch)
    {
        if (dispatch.IsCompletedSuccessfully)
        {
            Complete();
            return;
        }

        _ = AwaitDispatchAsync(dispatch);
    }

    /// <summary>The results have been filled: the call returns.</summary>
    public void Complete() => Finish(CallState.Returned, null);

    /// <summary>The call failed (a cancelled call ends here too, with an <see cref="OperationCanceledException"/>).</summary>
    public void Fail(Exception exception) => Finish(CallState.Failed, exception);

    /// <summary>
    /// The call has been passed on to another capability as a new call: pipelined capabilities follow that call's,
    /// and its results become this call's.
    /// </summary>
    public void ForwardTo(IPromisedAnswer answer)
    {
        var source = answer as IPipelineSource ?? new ForeignPipelineSource(answer);
        Dictionary<PipelinePath, QueuedNode>? waiters;
        lock (_gate)
        {
            _delivered = true;
            _forwardedTo = source;
            waiters = _waiters;
            _waiters = null;
        }

        if (waiters is not null)
        {
            foreach (var (path, waiter) in waiters)
            {
                if (waiter.TryAddRef())
                {
                    waiter.Resolve(source.GetPipelinedNode(path));
                    waiter.Release();
                }
            }
        }

        _ = CopyForwardedResultsAsync(answer);
    }

    /// <inheritdoc/>
    public CapNode GetPipelinedNode(PipelinePath path)
    {
        IPipelineSource forwarded;
        QueuedNode waiter;
        lock (_gate)
        {
            switch (_state)
            {
                case CallState.Failed:
                    return new BrokenNode(_error!);
                case CallState.Returned:
                    return ResultNode(path);
            }

            _waiters ??= [];
            if (_waiters.TryGetValue(path, out var existing) && existing.TryAddRef())
                return existing;

            // The waiter keeps the call alive (a caller holding only a pipelined capability still wants the results).
            AddRef();
            waiter = new QueuedNode(keepAlive: this);
            if (_forwardedTo is null)
            {
                _waiters[path] = waiter;
                return waiter;
            }

            forwarded = _forwardedTo;
        }

        // Forwarded over a connection: that connection's capability is fetched off this thread, which may hold another
        // connection's lock (no thread ever holds two). Calls meanwhile queue on the waiter, in order.
        waiter.AddRef();
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (source, node, at) = state;
            CapNode resolution;
            try
            {
                resolution = source.GetPipelinedNode(at);
            }
            catch (Exception e)
            {
                resolution = new BrokenNode(e);
            }

            node.Resolve(resolution);
            node.Release();
        }, (forwarded, waiter, path), preferLocal: false);
        return waiter;
    }

    /// <summary>The node at <paramref name="path"/> in the results (called under the call's lock once returned).</summary>
    protected virtual CapNode ResultNode(PipelinePath path) => PipelineOps.NodeAt(ResultsReader, path);

    /// <summary>Reacts to completion: sends the Return, completes the caller's task. Runs once, outside the call's lock.</summary>
    protected abstract void OnCompleted(Exception? error);

    /// <summary>Frees the results (once completed and no longer referenced).</summary>
    protected abstract void FreeResults();

    protected sealed override void OnLastRelease()
    {
        bool free;
        lock (_gate)
        {
            free = _state != CallState.Running;
            _freeResultsWhenDone = !free;
        }

        if (free)
        {
            FreeResults();
            DisposeCancellation();
        }
        else
        {
            RequestCancellation(dropIfUndelivered: true);
        }
    }

    private void Cancelled()
    {
        WasCancelled = true;
        Finish(CallState.Failed, new OperationCanceledException("The call was cancelled before it was delivered."));
    }

    private void Finish(CallState state, Exception? error)
    {
        Dictionary<PipelinePath, QueuedNode>? waiters;
        lock (_gate)
        {
            if (_state != CallState.Running)
                return;
            if (error is OperationCanceledException && _cancellation is { IsCancellationRequested: true })
                WasCancelled = true;
            _state = state;
            _error = error;
            waiters = _waiters;
            _waiters = null;
        }

        try
        {
            OnCompleted(error);
        }
        catch (Exception e)
        {
            Trace.TraceError($"Cap'n Proto RPC: completing a call failed: {e}");
        }

        if (waiters is not null)
        {
            foreach (var (path, waiter) in waiters)
            {
                if (!waiter.TryAddRef())
                    continue;
                CapNode resolution;
                lock (_gate)
                    resolution = error is null ? ResultNode(path) : new BrokenNode(error);
                waiter.Resolve(resolution);
                waiter.Release();
            }
        }

        ReleaseParams();
        _completion.TrySetResult();

        bool free;
        lock (_gate)
            free = _freeResultsWhenDone;
        if (free)
        {
            FreeResults();
            DisposeCancellation();
        }
    }

    private bool HasLiveWaiters()
    {
        if (_waiters is null)
            return false;
        foreach (var waiter in _waiters.Values)
        {
            if (waiter.IsAlive && !waiter.IsSettled)
                return true;
        }

        return false;
    }

    private void CancelToken()
    {
        CancellationTokenSource? source;
        lock (_gate)
        {
            if (_state != CallState.Running)
                return;
            source = _cancellation ??= new CancellationTokenSource();
        }

        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Completed and freed meanwhile.
        }
        catch (AggregateException e)
        {
            Trace.TraceError($"Cap'n Proto RPC: a cancellation callback threw: {e}");
        }
    }

    private void DisposeCancellation()
    {
        CancellationTokenSource? source;
        lock (_gate)
        {
            source = _cancellation;
            _cancellation = null;
        }

        source?.Dispose();
    }

    private async Task AwaitDispatchAsync(ValueTask dispatch)
    {
        try
        {
            await dispatch.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(e);
            return;
        }

        Complete();
    }

    private async Task CopyForwardedResultsAsync(IPromisedAnswer answer)
    {
        try
        {
            using (var response = await answer.GetResponseAsync(CancellationToken).ConfigureAwait(false))
                Results.SetFrom(response.Results);
            Complete();
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            // After completion, so pipelined capabilities come from the results rather than the finished answer.
            answer.Dispose();
        }
    }

    /// <summary>Pipelining through an answer from a hook outside this RPC layer.</summary>
    private sealed class ForeignPipelineSource(IPromisedAnswer answer) : IPipelineSource
    {
        public CapNode GetPipelinedNode(PipelinePath path)
        {
            using var hook = answer.GetPipelinedCapability(path);
            return CapNode.FromHook(hook);
        }
    }
}
