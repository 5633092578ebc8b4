namespace Capnp.Rpc.Internal;

/// <summary>A capability implemented outside this RPC layer (any other <see cref="IClientHook"/>): calls are passed
/// to it by copying their parameters.</summary>
internal sealed class ForeignHookNode(IClientHook hook) : CapNode
{
    public override IRequestHook NewRequest(ulong interfaceId, ushort methodId) => hook.NewCall(interfaceId, methodId);

    public override void Deliver(ServerCall call) => Forward(call);

    protected override void OnLastRelease() => hook.Dispose();

    public override string ToString() => hook.ToString() ?? nameof(ForeignHookNode);
}
