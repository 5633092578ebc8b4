using Capnp.Rpc.Protocol;

namespace Capnp.Rpc.Internal;

/// <summary>A capability reached over one connection: an import, a pipelined answer, or a promise wrapping them.
/// The members that write protocol structs run under the connection's lock.</summary>
internal abstract class RpcNode(RpcConnectionState connection) : CapNode
{
    public RpcConnectionState Conn { get; } = connection;

    public override RpcConnectionState? Connection => Conn;

    /// <summary>Describes the capability to the peer (as the peer's own export or answer). Returns an export id
    /// whose count the description raised, if any.</summary>
    public abstract uint? WriteDescriptor(CapDescriptor.Builder descriptor);

    /// <summary>Addresses a message to the capability, or returns (with a new reference) the node the message must
    /// go to instead, when a promise has resolved somewhere else.</summary>
    public abstract CapNode? WriteTarget(MessageTarget.Builder target);

    /// <summary>The import or pipelined answer at the bottom of any promises, with a new reference.</summary>
    public abstract CapNode InnermostNode();

    public override IRequestHook NewRequest(ulong interfaceId, ushort methodId) => Conn.NewRequest(this, interfaceId, methodId);

    public override void Deliver(ServerCall call) => Forward(call);
}
