namespace Bitcoin.Node.Net.Transport;

/// <summary>What getpeerinfo shows about a connection's transport (Core's Transport::Info).</summary>
/// <param name="Type">The protocol in use.</param>
/// <param name="SessionId">The BIP324 session id (32 bytes) for v2, else null.</param>
public sealed record TransportInfo(TransportProtocolType Type, byte[]? SessionId)
{
    /// <summary>The getpeerinfo name of <see cref="Type"/>: "detecting", "v1" or "v2".</summary>
    public string TypeName => Type switch
    {
        TransportProtocolType.V1 => "v1",
        TransportProtocolType.V2 => "v2",
        _ => "detecting",
    };

    /// <summary>The session id as getpeerinfo prints it (hex of the bytes in order), or "".</summary>
    public string SessionIdHex => SessionId is null ? "" : Convert.ToHexStringLower(SessionId);
}
