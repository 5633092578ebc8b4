namespace Capnp.Rpc.Internal;

/// <summary>
/// A promise for a capability resolved in this process (a capability in the results of a call still running, a
/// capability held back by an embargo): calls queue until it resolves, then go, in order, to what it resolved to,
/// and later calls go there directly. No call overtakes a queued one: until the queue is empty new calls join it.
/// </summary>
internal sealed class QueuedNode : CapNode
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RefCounted? _keepAlive;
    private Queue<ServerCall>? _queue;
    private CapNode? _resolution;
    private State _state;

    /// <summary>Creates an unresolved promise; <paramref name="keepAlive"/> (a reference the caller gives) is held
    /// until the promise resolves or is released.</summary>
    public QueuedNode(RefCounted? keepAlive = null) => _keepAlive = keepAlive;

    private enum State
    {
        Waiting,
        Flushing,
        Resolved,
    }

    /// <summary>True once resolved and every queued call has been passed on.</summary>
    public bool IsSettled
    {
        get
        {
            lock (_gate)
                return _state == State.Resolved;
        }
    }

    public override CapNode? Resolved
    {
        get
        {
            lock (_gate)
                return _state == State.Resolved ? _resolution : null;
        }
    }

    public override Task? WhenMoreResolved => _flushed.Task;

    public override IRequestHook NewRequest(ulong interfaceId, ushort methodId)
    {
        CapNode? target = null;
        lock (_gate)
        {
            if (_state == State.Resolved && _resolution is { } resolution && resolution.TryAddRef())
                target = resolution;
        }

        if (target is null)
            return new LocalRequest(this, interfaceId, methodId);
        try
        {
            return target.NewRequest(interfaceId, methodId);
        }
        finally
        {
            target.Release();
        }
    }

    public override void Deliver(ServerCall call)
    {
        CapNode? target = null;
        lock (_gate)
        {
            if (_state != State.Resolved)
            {
                // A queued call keeps the promise alive: whoever resolves it must find it to pass the call on.
                AddRef();
                (_queue ??= new Queue<ServerCall>()).Enqueue(call);
                return;
            }

            if (_resolution is { } resolution && resolution.TryAddRef())
                target = resolution;
        }

        if (target is null)
        {
            call.Fail(new RpcException("Call to a released capability."));
            return;
        }

        try
        {
            target.Deliver(call);
        }
        finally
        {
            target.Release();
        }
    }

    /// <summary>Resolves the promise (taking the caller's reference to <paramref name="resolution"/>) and passes the
    /// queued calls on. A second resolution is ignored.</summary>
    public void Resolve(CapNode resolution)
    {
        RefCounted? keepAlive;
        lock (_gate)
        {
            if (_state != State.Waiting)
            {
                resolution.Release();
                return;
            }

            _state = State.Flushing;
            _resolution = resolution;
            keepAlive = _keepAlive;
            _keepAlive = null;

            // The flush works with its own reference, in case the promise is released meanwhile.
            resolution.AddRef();
        }

        try
        {
            while (true)
            {
                ServerCall[] batch;
                lock (_gate)
                {
                    if (_queue is null || _queue.Count == 0)
                    {
                        _state = State.Resolved;
                        break;
                    }

                    batch = [.. _queue];
                    _queue.Clear();
                }

                foreach (var call in batch)
                {
                    try
                    {
                        resolution.Deliver(call);
                    }
                    finally
                    {
                        Release();
                    }
                }
            }
        }
        finally
        {
            resolution.Release();
            keepAlive?.Release();
            _flushed.TrySetResult();
        }

        if (!IsAlive)
            DropResolution();
    }

    protected override void OnLastRelease()
    {
        RefCounted? keepAlive;
        lock (_gate)
        {
            keepAlive = _keepAlive;
            _keepAlive = null;
        }

        keepAlive?.Release();
        DropResolution();
    }

    private void DropResolution()
    {
        CapNode? resolution;
        lock (_gate)
        {
            if (_state != State.Resolved)
                return;
            resolution = _resolution;
            _resolution = null;
        }

        resolution?.Release();
    }

    public override string ToString()
    {
        lock (_gate)
            return _state == State.Resolved ? $"resolved promise ({_resolution})" : "local promise";
    }
}
