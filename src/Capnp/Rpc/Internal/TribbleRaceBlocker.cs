namespace Capnp.Rpc.Internal;

/// <summary>
/// Wraps a node of a connection when the peer sends it back as its own export or answer (<c>receiverHosted</c>,
/// <c>receiverAnswer</c>) and the entry turned out to point back over the connection. It hides the connection, so
/// that a promise resolving to it treats it as local and embargoes, as the protocol's "Tribble 4-way race" requires
/// (the peer may still be reflecting calls to us). Calls pass straight through.
/// </summary>
internal sealed class TribbleRaceBlocker(CapNode inner) : CapNode
{
    public override IRequestHook NewRequest(ulong interfaceId, ushort methodId) => inner.NewRequest(interfaceId, methodId);

    public override void Deliver(ServerCall call) => inner.Deliver(call);

    protected override void OnLastRelease() => inner.Release();

    public override string ToString() => $"reflected {inner}";
}
