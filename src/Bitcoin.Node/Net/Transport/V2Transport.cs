using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// The BIP324 v2 transport of one connection (Core's V2Transport). The initiator sends its ElligatorSwift key and
/// random garbage at once; a responder first waits for 16 bytes to tell a v1 peer (network magic and "version")
/// from a v2 key, and falls back to <see cref="V1Transport"/> for the former. After the peer's key both sides send
/// their garbage terminator and an empty version packet authenticated with their garbage; messages flow once the
/// peer's terminator arrived. Decoy packets are dropped; bytes the peer merely announces are never allocated ahead
/// by more than 256 KiB.
/// </summary>
internal sealed partial class V2Transport : IPeerTransport
{
    /// <summary>Most garbage a side may send before its terminator.</summary>
    public const int MaxGarbageLength = 4095;

    private const int V1PrefixLength = 16;
    private const int MaxReserveAhead = 256 * 1024;

    // One header byte for the long type encoding, 12 type bytes, then the payload.
    private const int MaxContentsLength = 1 + MessageHeader.TypeSize + MessageHeader.MaxPayload;

    private readonly Lock _lock = new();
    private readonly byte[] _magic;
    private readonly long _peerId;
    private readonly bool _initiating;
    private Bip324Cipher? _cipher;
    private readonly List<byte[]> _pendingSend = [];
    private byte[] _sendGarbage;
    private V1Transport? _v1;
    private ReceiveState _receiveState;
    private SendState _sendState;
    private byte[] _receiveBuffer = [];
    private int _receiveLength;
    private uint _packetContentsLength;
    private byte[] _receiveAad = [];
    private bool _sentV1HeaderWorth;
    private bool _handshakeSendLogged;

    /// <summary>
    /// A transport with the given garbage and cipher (tests fix them; <see cref="Create"/> draws them). A null cipher is
    /// made when first needed, so a responder spends nothing on keys for v1 peers and silent connections.
    /// </summary>
    public V2Transport(ReadOnlySpan<byte> magic, long peerId, bool initiating, Bip324Cipher? cipher, byte[] garbage)
    {
        ArgumentNullException.ThrowIfNull(garbage);
        if (garbage.Length > MaxGarbageLength)
            throw new ArgumentException("At most 4095 bytes of garbage.", nameof(garbage));
        _magic = magic.ToArray();
        _peerId = peerId;
        _initiating = initiating;
        _cipher = cipher;
        _sendGarbage = garbage;
        _receiveState = initiating ? ReceiveState.Key : ReceiveState.KeyMaybeV1;
        _sendState = initiating ? SendState.AwaitingKey : SendState.MaybeV1;
        if (initiating)
            StartSendingHandshake();
    }

    private enum ReceiveState
    {
        KeyMaybeV1,
        Key,
        GarbageAndTerminator,
        Version,
        Application,
        V1,
    }

    private enum SendState
    {
        MaybeV1,
        AwaitingKey,
        Ready,
        V1,
    }

    /// <summary>A transport with a fresh key and 0-4095 bytes of random garbage.</summary>
    public static V2Transport Create(ReadOnlySpan<byte> magic, long peerId, bool initiating) =>
        new(magic, peerId, initiating, cipher: null, RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(MaxGarbageLength + 1)));

    // Our key: made on first use (at once for an initiator, on detecting a v2 peer for a responder).
    private Bip324Cipher Cipher => _cipher ??= Bip324Cipher.CreateRandom();

    /// <inheritdoc/>
    public TransportInfo Info
    {
        get
        {
            lock (_lock)
            {
                return _receiveState switch
                {
                    ReceiveState.V1 => _v1!.Info,
                    ReceiveState.Application => new TransportInfo(TransportProtocolType.V2, Cipher.SessionId.ToArray()),
                    _ => new TransportInfo(TransportProtocolType.Detecting, null),
                };
            }
        }
    }

    /// <inheritdoc/>
    public bool ShouldReconnectV1
    {
        get
        {
            lock (_lock)
                return _initiating && _receiveState == ReceiveState.Key && _receiveLength == 0 && _sentV1HeaderWorth;
        }
    }

    /// <inheritdoc/>
    public bool HasHandshakeBytes
    {
        get
        {
            lock (_lock)
                return _pendingSend.Count > 0;
        }
    }

    /// <inheritdoc/>
    public bool TakeHandshakeBytes(out byte[]? bytes)
    {
        lock (_lock)
        {
            bytes = _pendingSend.Count switch
            {
                0 => null,
                1 => _pendingSend[0],
                _ => [.. _pendingSend.SelectMany(b => b)],
            };
            _pendingSend.Clear();
            return _sendState is SendState.Ready or SendState.V1;
        }
    }

    /// <inheritdoc/>
    public void MarkBytesSent(int count)
    {
        lock (_lock)
        {
            if (_sendState == SendState.V1 || count <= 0)
                return;
            if (!_handshakeSendLogged)
            {
                _handshakeSendLogged = true;
                Log.Debug(LogCategory.Net, $"start sending v2 handshake to peer={_peerId}");
            }

            // Our key alone is longer than a v1 header: a v1-only peer has seen enough to drop us.
            if (count >= MessageHeader.Size)
                _sentV1HeaderWorth = true;
        }
    }

    /// <inheritdoc/>
    public void Frame(string type, byte[] payload, List<ArraySegment<byte>> output)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(output);
        lock (_lock)
        {
            if (_sendState == SendState.V1)
            {
                _v1!.Frame(type, payload, output);
                return;
            }

            if (_sendState != SendState.Ready)
                throw new InvalidOperationException("The v2 handshake has not reached the point where messages can be sent.");
            bool isShort = V2MessageIds.TryGetId(type, out byte id);
            int headerLength = isShort ? 1 : 1 + MessageHeader.TypeSize;
            int contentsLength = headerLength + payload.Length;
            var contents = ArrayPool<byte>.Shared.Rent(contentsLength);
            try
            {
                // Short ids take one byte; others a zero byte and the type NUL-padded to 12 bytes, as in v1.
                contents.AsSpan(0, headerLength).Clear();
                if (isShort)
                    contents[0] = id;
                else
                    Encoding.ASCII.GetBytes(type, contents.AsSpan(1, MessageHeader.TypeSize));
                payload.CopyTo(contents, headerLength);
                var packet = new byte[contentsLength + Bip324Cipher.Expansion];
                Cipher.Encrypt(contents.AsSpan(0, contentsLength), [], ignore: false, packet);
                output.Add(packet);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(contents);
            }
        }
    }

    /// <inheritdoc/>
    public bool Receive(ReadOnlySpan<byte> data, long nowMicros, Action<ReceivedMessage?, int> onMessage)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        lock (_lock)
        {
            while (data.Length > 0)
            {
                if (_receiveState == ReceiveState.V1)
                    return _v1!.Receive(data, nowMicros, onMessage);
                int take = Math.Min(MaxBytesToProcess(), data.Length);
                Reserve(take, data.Length);
                data[..take].CopyTo(_receiveBuffer.AsSpan(_receiveLength));
                _receiveLength += take;
                data = data[take..];
                bool ok = _receiveState switch
                {
                    ReceiveState.KeyMaybeV1 => ProcessMaybeV1Bytes(),
                    ReceiveState.Key => ProcessKeyBytes(),
                    ReceiveState.GarbageAndTerminator => ProcessGarbageBytes(),
                    _ => ProcessPacketBytes(nowMicros, onMessage),
                };
                if (!ok)
                    return false;
            }

            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
            _cipher?.Dispose();
    }

    private void StartSendingHandshake()
    {
        var first = new byte[EllSwift.EncodedSize + _sendGarbage.Length];
        Cipher.OurPubKey.CopyTo(first);
        _sendGarbage.CopyTo(first, EllSwift.EncodedSize);
        _pendingSend.Add(first);
    }

    // How many more bytes the current state may take: never past what it needs to decide, so the rest stays for the
    // next state (or for the v1 fallback).
    private int MaxBytesToProcess() => _receiveState switch
    {
        ReceiveState.KeyMaybeV1 => V1PrefixLength - _receiveLength,
        ReceiveState.Key => EllSwift.EncodedSize - _receiveLength,
        ReceiveState.GarbageAndTerminator => 1,
        _ => _receiveLength < Bip324Cipher.LengthSize
            ? Bip324Cipher.LengthSize - _receiveLength
            : (int)(Bip324Cipher.Expansion + _packetContentsLength - _receiveLength),
    };

    private void Reserve(int take, int available)
    {
        if (_receiveLength + take <= _receiveBuffer.Length)
            return;
        int capacity = _receiveState is ReceiveState.KeyMaybeV1 or ReceiveState.Key or ReceiveState.GarbageAndTerminator
            ? MaxGarbageLength + Bip324Cipher.GarbageTerminatorSize + EllSwift.EncodedSize
            : _receiveLength + (int)Math.Min(MaxBytesToProcess(), (long)available + MaxReserveAhead);
        var grown = new byte[capacity];
        _receiveBuffer.AsSpan(0, _receiveLength).CopyTo(grown);
        _receiveBuffer = grown;
    }

    private ReadOnlySpan<byte> Received => _receiveBuffer.AsSpan(0, _receiveLength);

    private void ClearReceived(bool release)
    {
        _receiveLength = 0;
        if (release)
            _receiveBuffer = [];
    }
}
