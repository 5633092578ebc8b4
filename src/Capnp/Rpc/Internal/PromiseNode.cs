using Capnp.Rpc.Protocol;

namespace Capnp.Rpc.Internal;

/// <summary>
/// A capability of a connection that is not settled yet: a promise the peer exported (<c>senderPromise</c>) or a
/// capability in the results of a question still unanswered. Calls go to the inner import or pipelined answer until
/// the promise resolves, then to what it resolved to. When that is a capability of this side and calls have already
/// been sent towards the peer, an embargo holds new calls back until a Disembargo echoed by the peer shows the earlier
/// ones have come home, so that calls on one reference arrive in the order they were made (E-order).
/// State changes happen under the connection's lock.
/// </summary>
internal sealed class PromiseNode : RpcNode
{
    private readonly TaskCompletionSource _resolved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly uint? _importId;
    private volatile CapNode _cap;
    private volatile bool _receivedCall;
    private volatile ResolutionKind _resolution = ResolutionKind.Unresolved;

    /// <summary>A promise starting at <paramref name="initial"/> (whose reference it takes).</summary>
    public PromiseNode(RpcConnectionState connection, RpcNode initial, uint? importId)
        : base(connection)
    {
        _cap = initial;
        _importId = importId;
    }

    private enum ResolutionKind
    {
        Unresolved,

        /// <summary>Resolved to a settled capability of the same connection (or a broken one): no embargo.</summary>
        Remote,

        /// <summary>Resolved to a capability of this side (calls had to come back through the peer).</summary>
        Reflected,

        /// <summary>Resolved to another promise of the connection, not itself resolved yet.</summary>
        Merged,

        /// <summary>Resolved to a broken or null capability.</summary>
        Broken,
    }

    public bool IsResolved => _resolution != ResolutionKind.Unresolved;

    public override CapNode? Resolved => IsResolved ? _cap : null;

    public override Task? WhenMoreResolved => _resolved.Task;

    public override uint? WriteDescriptor(CapDescriptor.Builder descriptor)
    {
        _receivedCall = true;
        return Conn.WriteDescriptor(_cap, descriptor);
    }

    public override CapNode? WriteTarget(MessageTarget.Builder target)
    {
        _receivedCall = true;
        return Conn.WriteTarget(_cap, target);
    }

    public override CapNode InnermostNode()
    {
        _receivedCall = true;
        return Conn.InnermostNode(_cap);
    }

    public override void Deliver(ServerCall call)
    {
        _receivedCall = true;
        CapNode target;
        using (Conn.Lock())
        {
            // Under the lock: a resolution swaps the target and releases the old one only after the lock is left.
            target = _cap;
            target.AddRef();
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

    /// <summary>
    /// Resolves the promise to <paramref name="replacement"/> (taking its reference). Under the connection's lock;
    /// a second resolution is ignored.
    /// </summary>
    public void Resolve(CapNode replacement)
    {
        if (IsResolved)
        {
            Conn.ReleaseLater(replacement);
            return;
        }

        ResolutionKind kind;
        if (replacement.Connection == Conn)
        {
            if (replacement is PromiseNode other)
            {
                // Another promise of the connection: share its eventual resolution (and its embargo, if one is needed).
                while (other._resolution == ResolutionKind.Merged && other._cap is PromiseNode next)
                {
                    next.AddRef();
                    Conn.ReleaseLater(replacement);
                    replacement = next;
                    other = next;
                }

                if (other.IsResolved)
                {
                    kind = other._resolution;
                }
                else
                {
                    other._receivedCall |= _receivedCall;
                    kind = ResolutionKind.Merged;
                }
            }
            else
            {
                kind = ResolutionKind.Remote;
            }
        }
        else
        {
            kind = replacement.IsBroken ? ResolutionKind.Broken : ResolutionKind.Reflected;
        }

        if (kind == ResolutionKind.Reflected && _receivedCall && Conn.IsConnected)
            replacement = Conn.StartEmbargo(_cap, replacement);

        var previous = _cap;
        _cap = replacement;
        _resolution = kind;
        Conn.ReleaseLater(previous);
        Conn.After(() => _resolved.TrySetResult());
    }

    protected override void OnLastRelease() => Conn.OnPromiseReleased(this, _importId);

    /// <summary>The current target, taken out (for the connection to release when the promise goes).</summary>
    public CapNode TakeCap()
    {
        var cap = _cap;
        _cap = BrokenNode.Released;
        return cap;
    }

    public override string ToString() => IsResolved ? $"resolved promise ({_cap})" : $"promise ({_cap})";
}
