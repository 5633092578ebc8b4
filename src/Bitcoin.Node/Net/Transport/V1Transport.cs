using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Transport;

/// <summary>The unencrypted v1 transport (Core's V1Transport): 24-byte headers with magic, type, length and checksum.</summary>
internal sealed class V1Transport : IPeerTransport
{
    private static readonly TransportInfo s_info = new(TransportProtocolType.V1, null);
    private readonly byte[] _magic;
    private readonly V1TransportReceiver _receiver;

    /// <summary>A v1 transport for network <paramref name="magic"/>; <paramref name="receiver"/> may already hold bytes.</summary>
    public V1Transport(ReadOnlySpan<byte> magic, long peerId, V1TransportReceiver? receiver = null)
    {
        _magic = magic.ToArray();
        _receiver = receiver ?? new V1TransportReceiver(magic, peerId);
    }

    /// <inheritdoc/>
    public bool Receive(ReadOnlySpan<byte> data, long nowMicros, Action<ReceivedMessage?, int> onMessage) =>
        _receiver.Receive(data, nowMicros, onMessage);

    /// <inheritdoc/>
    public bool HasHandshakeBytes => false;

    /// <inheritdoc/>
    public bool TakeHandshakeBytes(out byte[]? bytes)
    {
        bytes = null;
        return true;
    }

    /// <inheritdoc/>
    public void Frame(string type, byte[] payload, List<ArraySegment<byte>> output)
    {
        output.Add(MessageHeader.Create(_magic, type, payload));
        if (payload.Length > 0)
            output.Add(payload);
    }

    /// <inheritdoc/>
    public void MarkBytesSent(int count)
    {
        // v1 keeps no send-side state.
    }

    /// <inheritdoc/>
    public TransportInfo Info => s_info;

    /// <inheritdoc/>
    public bool ShouldReconnectV1 => false;

    /// <inheritdoc/>
    public void Dispose()
    {
        // Nothing to release.
    }
}
