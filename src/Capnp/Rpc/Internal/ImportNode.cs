using Capnp.Rpc.Protocol;

namespace Capnp.Rpc.Internal;

/// <summary>A capability the peer exported to this side (an entry of the import table). When the last reference
/// goes, one Release returns every time the peer sent the id.</summary>
internal sealed class ImportNode(RpcConnectionState connection, uint importId) : RpcNode(connection)
{
    public uint ImportId { get; } = importId;

    /// <summary>How many times the peer has sent this id (under the connection's lock).</summary>
    public uint RemoteRefCount { get; set; }

    public override uint? WriteDescriptor(CapDescriptor.Builder descriptor)
    {
        descriptor.ReceiverHosted = ImportId;
        return null;
    }

    public override CapNode? WriteTarget(MessageTarget.Builder target)
    {
        target.ImportedCap = ImportId;
        return null;
    }

    public override CapNode InnermostNode()
    {
        AddRef();
        return this;
    }

    protected override void OnLastRelease() => Conn.OnImportReleased(this);

    public override string ToString() => $"import #{ImportId}";
}
