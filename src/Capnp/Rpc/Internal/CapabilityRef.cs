namespace Capnp.Rpc.Internal;

/// <summary>
/// One reference to a capability, as handed to users and put in messages' capability tables: disposing it drops the
/// reference. A reference that is never disposed is dropped when it is collected, so a forgotten one costs the
/// remote object no more than a garbage collection's delay.
/// </summary>
internal sealed class CapabilityRef : IClientHook
{
    private CapNode? _node;

    /// <summary>Wraps a reference the caller owns (it becomes this handle's).</summary>
    public CapabilityRef(CapNode node) => _node = node;

    ~CapabilityRef() => Finalization.ReleaseLater(ref _node);

    /// <summary>The node, or an exception when this reference has been disposed.</summary>
    public CapNode Node => _node ?? throw new ObjectDisposedException(nameof(IClientHook), "The capability reference has been disposed.");

    /// <summary>The node with a new reference for the caller.</summary>
    public CapNode NodeWithReference()
    {
        var node = Node;
        node.AddRef();
        return node;
    }

    /// <inheritdoc/>
    public IRequestHook NewCall(ulong interfaceId, ushort methodId) => Node.NewRequest(interfaceId, methodId);

    /// <inheritdoc/>
    public IClientHook AddRef() => new CapabilityRef(NodeWithReference());

    /// <inheritdoc/>
    public void Dispose()
    {
        var node = Interlocked.Exchange(ref _node, null);
        if (node is null)
            return;
        GC.SuppressFinalize(this);
        node.Release();
    }

    /// <inheritdoc/>
    public override string ToString() => _node?.ToString() ?? "released capability";
}
