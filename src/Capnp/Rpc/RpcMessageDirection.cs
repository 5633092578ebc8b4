namespace Capnp.Rpc;

/// <summary>Whether a logged message was sent or received.</summary>
public enum RpcMessageDirection
{
    /// <summary>Sent to the peer (logged when it is written).</summary>
    Sent,

    /// <summary>Received from the peer (logged before it is handled).</summary>
    Received,
}
