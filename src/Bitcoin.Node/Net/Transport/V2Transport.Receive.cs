using System.Text;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Transport;

// The receive states: v1-or-v2 detection, the peer's key, its garbage and terminator, then packets.
internal sealed partial class V2Transport
{
    private static readonly byte[] s_versionType = Encoding.ASCII.GetBytes("version\0\0\0\0\0");

    private bool ProcessMaybeV1Bytes()
    {
        // A v1 peer starts with the network magic and a "version" header; anything else is a v2 key.
        Span<byte> prefix = stackalloc byte[V1PrefixLength];
        _magic.CopyTo(prefix);
        s_versionType.CopyTo(prefix[4..]);
        if (!Received.SequenceEqual(prefix[.._receiveLength]))
        {
            _receiveState = ReceiveState.Key;
            _sendState = SendState.AwaitingKey;
            StartSendingHandshake();
            return true;
        }

        if (_receiveLength < V1PrefixLength)
            return true;

        // A full v1 prefix: hand the bytes to a v1 transport and speak v1 from now on.
        _v1 = new V1Transport(_magic, _peerId);
        bool accepted = _v1.Receive(Received, 0, static (_, _) => { });
        ClearReceived(release: true);
        _sendGarbage = [];
        _pendingSend.Clear();
        _receiveState = ReceiveState.V1;
        _sendState = SendState.V1;
        return accepted;
    }

    private bool ProcessKeyBytes()
    {
        // Bytes 4-16 of a v1 version header after a magic that is not ours: a v1 peer of another network.
        if (!_initiating && _receiveLength >= V1PrefixLength && Received[4..V1PrefixLength].SequenceEqual(s_versionType))
        {
            Log.Debug(LogCategory.Net, $"V2 transport error: V1 peer with wrong MessageStart {Convert.ToHexStringLower(Received[..4])}");
            return false;
        }

        if (_receiveLength < EllSwift.EncodedSize)
            return true;

        Cipher.Initialize(Received[..EllSwift.EncodedSize], _initiating, _magic);
        ClearReceived(release: false);
        _receiveState = ReceiveState.GarbageAndTerminator;
        _sendState = SendState.Ready;

        // Our terminator, then the empty version packet with our garbage as associated data.
        var next = new byte[Bip324Cipher.GarbageTerminatorSize + Bip324Cipher.Expansion];
        Cipher.SendGarbageTerminator.CopyTo(next);
        Cipher.Encrypt([], _sendGarbage, ignore: false, next.AsSpan(Bip324Cipher.GarbageTerminatorSize));
        _pendingSend.Add(next);
        _sendGarbage = [];
        return true;
    }

    private bool ProcessGarbageBytes()
    {
        if (_receiveLength < Bip324Cipher.GarbageTerminatorSize)
            return true;
        if (Received[^Bip324Cipher.GarbageTerminatorSize..].SequenceEqual(Cipher.ReceiveGarbageTerminator))
        {
            // The garbage authenticates with the first packet.
            _receiveAad = Received[..^Bip324Cipher.GarbageTerminatorSize].ToArray();
            ClearReceived(release: true);
            _receiveState = ReceiveState.Version;
            return true;
        }

        if (_receiveLength == MaxGarbageLength + Bip324Cipher.GarbageTerminatorSize)
        {
            Log.Debug(LogCategory.Net, $"V2 transport error: missing garbage terminator, peer={_peerId}");
            return false;
        }

        return true;
    }

    private bool ProcessPacketBytes(long nowMicros, Action<ReceivedMessage?, int> onMessage)
    {
        if (_receiveLength == Bip324Cipher.LengthSize)
        {
            _packetContentsLength = Cipher.DecryptLength(Received);
            if (_packetContentsLength > MaxContentsLength)
            {
                Log.Debug(LogCategory.Net, $"V2 transport error: packet too large ({_packetContentsLength} bytes), peer={_peerId}");
                return false;
            }

            return true;
        }

        if (_receiveLength <= Bip324Cipher.LengthSize || _receiveLength != _packetContentsLength + Bip324Cipher.Expansion)
            return true;

        var contents = new byte[_packetContentsLength];
        if (!Cipher.Decrypt(Received[Bip324Cipher.LengthSize..], _receiveAad, out bool ignore, contents))
        {
            Log.Debug(LogCategory.Net, $"V2 transport error: packet decryption failure ({_packetContentsLength} bytes), peer={_peerId}");
            return false;
        }

        _receiveAad = [];
        int rawSize = (int)_packetContentsLength + Bip324Cipher.Expansion;
        // Keep a small buffer for the next packet; give back the memory of a large one.
        ClearReceived(release: _receiveBuffer.Length > 64 * 1024);
        if (ignore)
            return true;
        if (_receiveState == ReceiveState.Version)
        {
            // The version packet's contents are reserved for future extensions and ignored.
            _receiveState = ReceiveState.Application;
            return true;
        }

        if (TryParseContents(contents, out var type, out var payload))
        {
            onMessage(new ReceivedMessage(type, payload, nowMicros), rawSize);
        }
        else
        {
            Log.Debug(LogCategory.Net, $"V2 transport error: invalid message type ({contents.Length} bytes contents), peer={_peerId}");
            onMessage(null, rawSize);
        }

        return true;
    }

    /// <summary>Splits packet contents into the message type (short id or 12 bytes) and the payload (Core's GetMessageType).</summary>
    internal static bool TryParseContents(ReadOnlySpan<byte> contents, out string type, out byte[] payload)
    {
        type = "";
        payload = [];
        if (contents.IsEmpty)
            return false;
        if (contents[0] != 0)
        {
            if (!V2MessageIds.TryGetType(contents[0], out type))
                return false;
            payload = contents[1..].ToArray();
            return true;
        }

        if (contents.Length < 1 + MessageHeader.TypeSize)
            return false;
        var field = contents.Slice(1, MessageHeader.TypeSize);
        int length = 0;
        while (length < field.Length && field[length] != 0)
        {
            if (field[length] < ' ' || field[length] > 0x7F)
                return false;
            length++;
        }

        if (field[length..].IndexOfAnyExcept((byte)0) >= 0)
            return false;
        type = Encoding.ASCII.GetString(field[..length]);
        payload = contents[(1 + MessageHeader.TypeSize)..].ToArray();
        return true;
    }
}
