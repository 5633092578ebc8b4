using System.Buffers.Binary;
using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Net.Protocol;

/// <summary>
/// Splits the v1 byte stream of one connection into messages (the receive half of Core's V1Transport). A wrong
/// network magic or a payload length over 4,000,000 is fatal (the caller disconnects); a bad checksum or an invalid
/// message type only drops that message. The payload buffer grows with the bytes that actually arrive (at most
/// 256 KiB ahead), so a peer cannot make us allocate what it merely claims.
/// </summary>
internal sealed class V1TransportReceiver
{
    private const int GrowAhead = 256 * 1024;

    private readonly byte[] _magic;
    private readonly long _peerId;
    private readonly byte[] _header = new byte[MessageHeader.Size];
    private int _headerPos;
    private bool _inData;
    private int _payloadSize;
    private byte[] _payload = [];
    private int _payloadPos;

    public V1TransportReceiver(ReadOnlySpan<byte> magic, long peerId)
    {
        _magic = magic.ToArray();
        _peerId = peerId;
    }

    /// <summary>
    /// Consumes <paramref name="data"/>; each complete message goes to <paramref name="onMessage"/> (null type for a
    /// rejected one, whose raw size still counts). False on a fatal framing error.
    /// </summary>
    public bool Receive(ReadOnlySpan<byte> data, long nowMicros, Action<ReceivedMessage?, int> onMessage)
    {
        while (data.Length > 0)
        {
            int used = _inData ? ReadData(data) : ReadHeader(data);
            if (used < 0)
                return false;
            data = data[used..];
            if (_inData && _payloadPos == _payloadSize)
                Complete(nowMicros, onMessage);
        }

        return true;
    }

    private int ReadHeader(ReadOnlySpan<byte> data)
    {
        int copy = Math.Min(MessageHeader.Size - _headerPos, data.Length);
        data[..copy].CopyTo(_header.AsSpan(_headerPos));
        _headerPos += copy;
        if (_headerPos < MessageHeader.Size)
            return copy;

        if (!_header.AsSpan(0, 4).SequenceEqual(_magic))
        {
            Log.Debug(LogCategory.Net, $"Header error: Wrong MessageStart {Convert.ToHexStringLower(_header.AsSpan(0, 4))} received, peer={_peerId}");
            return -1;
        }

        uint size = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(16));
        if (size > MessageHeader.MaxPayload)
        {
            Log.Debug(LogCategory.Net, $"Header error: Size too large ({NetMessageType.Sanitize(MessageHeader.ReadType(_header))}, {size} bytes), peer={_peerId}");
            return -1;
        }

        _payloadSize = (int)size;
        _payloadPos = 0;
        _payload = _payloadSize == 0 ? [] : new byte[Math.Min(_payloadSize, GrowAhead)];
        _inData = true;
        return copy;
    }

    private int ReadData(ReadOnlySpan<byte> data)
    {
        int copy = Math.Min(_payloadSize - _payloadPos, data.Length);
        if (_payload.Length < _payloadPos + copy)
        {
            var grown = new byte[Math.Min(_payloadSize, _payloadPos + copy + GrowAhead)];
            _payload.AsSpan(0, _payloadPos).CopyTo(grown);
            _payload = grown;
        }

        data[..copy].CopyTo(_payload.AsSpan(_payloadPos));
        _payloadPos += copy;
        return copy;
    }

    private void Complete(long nowMicros, Action<ReceivedMessage?, int> onMessage)
    {
        var payload = _payload;
        int rawSize = _payloadSize + MessageHeader.Size;
        var type = MessageHeader.ReadType(_header);
        Span<byte> checksum = stackalloc byte[4];
        MessageHeader.Checksum(payload, checksum);
        ReceivedMessage? message = null;
        if (!checksum.SequenceEqual(_header.AsSpan(20, 4)))
        {
            Log.Debug(LogCategory.Net, $"Header error: Wrong checksum ({NetMessageType.Sanitize(type)}, {_payloadSize} bytes), expected {Convert.ToHexStringLower(checksum)} was {Convert.ToHexStringLower(_header.AsSpan(20, 4))}, peer={_peerId}");
        }
        else if (!MessageHeader.IsTypeValid(_header))
        {
            Log.Debug(LogCategory.Net, $"Header error: Invalid message type ({NetMessageType.Sanitize(type)}, {_payloadSize} bytes), peer={_peerId}");
        }
        else
        {
            message = new ReceivedMessage(type, payload, nowMicros);
        }

        _headerPos = 0;
        _inData = false;
        _payload = [];
        _payloadPos = 0;
        _payloadSize = 0;
        onMessage(message, rawSize);
    }
}
