namespace Bitcoin.Node.Net.Transport;

/// <summary>Which transport a connection speaks (getpeerinfo "transport_protocol_type").</summary>
public enum TransportProtocolType
{
    /// <summary>An inbound v2-capable connection that has not yet shown whether it speaks v1 or v2.</summary>
    Detecting,

    /// <summary>Unencrypted v1 framing.</summary>
    V1,

    /// <summary>BIP324 encrypted transport, after the peer's version packet authenticated.</summary>
    V2,
}
