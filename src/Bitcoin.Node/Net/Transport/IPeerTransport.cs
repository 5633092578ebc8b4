using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// The byte-level protocol of one connection (Core's Transport): turns received bytes into messages and messages
/// into bytes to send. The receive loop calls <see cref="Receive"/>; the send loop calls
/// <see cref="TakeHandshakeBytes"/>, <see cref="Frame"/> and <see cref="MarkBytesSent"/>; any thread may read
/// <see cref="Info"/> and <see cref="ShouldReconnectV1"/>.
/// </summary>
internal interface IPeerTransport : IDisposable
{
    /// <summary>
    /// Consumes received bytes; each complete message goes to <paramref name="onMessage"/> (null for a rejected message,
    /// whose raw size still counts). False on a protocol error: the caller disconnects.
    /// </summary>
    bool Receive(ReadOnlySpan<byte> data, long nowMicros, Action<ReceivedMessage?, int> onMessage);

    /// <summary>True when the transport itself has bytes to send (handshake), so the send loop should run.</summary>
    bool HasHandshakeBytes { get; }

    /// <summary>
    /// Takes the transport's own pending bytes (key, garbage, terminator, version packet), or null; returns whether
    /// application messages may be sent once those went out (in one step, so no message can overtake the handshake).
    /// </summary>
    bool TakeHandshakeBytes(out byte[]? bytes);

    /// <summary>Appends the wire form of one message to <paramref name="output"/>.</summary>
    void Frame(string type, byte[] payload, List<ArraySegment<byte>> output);

    /// <summary>Records that <paramref name="count"/> bytes went out on the socket.</summary>
    void MarkBytesSent(int count);

    /// <summary>The protocol and session id for getpeerinfo.</summary>
    TransportInfo Info { get; }

    /// <summary>
    /// True for an outbound v2 attempt that received nothing but sent at least a v1 header's worth: the peer most
    /// likely speaks only v1 and closed the connection, so the caller reconnects with v1 (Core's ShouldReconnectV1).
    /// </summary>
    bool ShouldReconnectV1 { get; }
}
