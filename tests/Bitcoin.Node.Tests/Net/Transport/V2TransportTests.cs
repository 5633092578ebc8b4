using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Transport;

namespace Bitcoin.Node.Tests.Net.Transport;

public class V2TransportTests
{
    private static readonly byte[] Magic = [0xfa, 0xbf, 0xb5, 0xda];

    private sealed class Side(IPeerTransport transport)
    {
        public IPeerTransport Transport { get; } = transport;
        public List<ReceivedMessage?> Received { get; } = [];
        public List<int> RawSizes { get; } = [];

        public bool Feed(ReadOnlySpan<byte> bytes, int chunk = int.MaxValue)
        {
            while (bytes.Length > 0)
            {
                int take = Math.Min(chunk, bytes.Length);
                if (!Transport.Receive(bytes[..take], 1, (m, size) => { Received.Add(m); RawSizes.Add(size); }))
                    return false;
                bytes = bytes[take..];
            }

            return true;
        }

        // Everything this side would write to the socket now: handshake bytes, then queued messages if allowed.
        public byte[] Drain(params (string Type, byte[] Payload)[] messages)
        {
            var output = new List<byte>();
            bool canSend = Transport.TakeHandshakeBytes(out var handshake);
            if (handshake is not null)
            {
                output.AddRange(handshake);
                Transport.MarkBytesSent(handshake.Length);
            }

            if (canSend)
            {
                foreach (var (type, payload) in messages)
                {
                    var segments = new List<ArraySegment<byte>>();
                    Transport.Frame(type, payload, segments);
                    foreach (var segment in segments)
                        output.AddRange(segment);
                }
            }

            return [.. output];
        }
    }

    private static (Side Initiator, Side Responder) Handshake(int chunk = int.MaxValue)
    {
        var initiator = new Side(V2Transport.Create(Magic, 1, initiating: true));
        var responder = new Side(V2Transport.Create(Magic, 2, initiating: false));
        Assert.Equal(TransportProtocolType.Detecting, responder.Transport.Info.Type);
        Assert.Empty(responder.Drain());   // a responder says nothing until it knows the peer is not v1
        Assert.True(responder.Feed(initiator.Drain(), chunk));
        Assert.True(initiator.Feed(responder.Drain(), chunk));
        Assert.True(responder.Feed(initiator.Drain(), chunk));
        return (initiator, responder);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public void TwoV2TransportsAgreeOnASessionAndCarryMessagesBothWays(int chunk)
    {
        var (initiator, responder) = Handshake(chunk);
        Assert.Equal(TransportProtocolType.V2, initiator.Transport.Info.Type);
        Assert.Equal(TransportProtocolType.V2, responder.Transport.Info.Type);
        Assert.Equal(initiator.Transport.Info.SessionIdHex, responder.Transport.Info.SessionIdHex);
        Assert.Equal(64, initiator.Transport.Info.SessionIdHex.Length);

        var block = new byte[300_000];
        Random.Shared.NextBytes(block);
        // "ping" has a short id, "version" and "sendaddrv2" the 12-byte encoding.
        var bytes = initiator.Drain(("version", [1, 2, 3]), ("ping", [9, 9, 9, 9, 9, 9, 9, 9]), ("sendaddrv2", []), ("block", block));
        Assert.True(responder.Feed(bytes, chunk == int.MaxValue ? int.MaxValue : chunk * 1000));
        Assert.Equal(["version", "ping", "sendaddrv2", "block"], responder.Received.Select(m => m!.Type));
        Assert.Equal(block, responder.Received[3]!.Payload);
        Assert.Equal(1 + 12 + 3 + Bip324Cipher.Expansion, responder.RawSizes[0]);
        Assert.Equal(1 + 8 + Bip324Cipher.Expansion, responder.RawSizes[1]);

        Assert.True(initiator.Feed(responder.Drain(("pong", [9, 9, 9, 9, 9, 9, 9, 9]))));
        Assert.Equal("pong", Assert.Single(initiator.Received)!.Type);
    }

    [Fact]
    public void DecoysAndGarbageAreSkippedAndManyPacketsSurviveRekeying()
    {
        // Build the peer by hand so it can send decoys, before and after its version packet.
        using var peerCipher = Bip324Cipher.CreateRandom();
        var garbage = new byte[4095];
        Random.Shared.NextBytes(garbage);
        var responder = new Side(V2Transport.Create(Magic, 2, initiating: false));
        Assert.True(responder.Feed([.. peerCipher.OurPubKey, .. garbage]));
        var responderHello = responder.Drain();
        peerCipher.Initialize(responderHello.AsSpan(0, 64), initiator: true, Magic);

        var stream = new List<byte>(peerCipher.SendGarbageTerminator.ToArray());
        stream.AddRange(Packet(peerCipher, [], garbage, ignore: true));   // a decoy first takes the garbage as aad
        stream.AddRange(Packet(peerCipher, [7, 7], [], ignore: false));   // the version packet, contents ignored
        for (int i = 0; i < 500; i++)
        {
            stream.AddRange(Packet(peerCipher, [1, 2, 3], [], ignore: true));
            stream.AddRange(Packet(peerCipher, [18, .. BitConverter.GetBytes((long)i)], [], ignore: false)); // 18 = ping
        }

        Assert.True(responder.Feed([.. stream]));
        Assert.Equal(500, responder.Received.Count);
        Assert.All(responder.Received, m => Assert.Equal("ping", m!.Type));
        Assert.Equal(BitConverter.GetBytes(499L), responder.Received[^1]!.Payload);
    }

    [Fact]
    public void UnknownShortIdIsRejectedButTheConnectionStays()
    {
        using var peerCipher = Bip324Cipher.CreateRandom();
        var responder = new Side(V2Transport.Create(Magic, 2, initiating: false));
        Assert.True(responder.Feed(peerCipher.OurPubKey));
        peerCipher.Initialize(responder.Drain().AsSpan(0, 64), initiator: true, Magic);
        var stream = new List<byte>(peerCipher.SendGarbageTerminator.ToArray());
        stream.AddRange(Packet(peerCipher, [], [], ignore: false));
        stream.AddRange(Packet(peerCipher, [200, 1, 2], [], ignore: false));                       // id beyond the table
        stream.AddRange(Packet(peerCipher, [0, (byte)'a', 0, (byte)'b', 0, 0, 0, 0, 0, 0, 0, 0, 0], [], ignore: false)); // byte after NUL
        stream.AddRange(Packet(peerCipher, [30], [], ignore: false));                               // assigned, not implemented
        Assert.True(responder.Feed([.. stream]));
        Assert.Equal(3, responder.Received.Count);
        Assert.Null(responder.Received[0]);
        Assert.Null(responder.Received[1]);
        Assert.Equal("", responder.Received[2]!.Type);
    }

    [Fact]
    public void ResponderFallsBackToV1ForAV1Peer()
    {
        var responder = new Side(V2Transport.Create(Magic, 2, initiating: false));
        var payload = new byte[] { 1, 2, 3 };
        byte[] frame = [.. MessageHeader.Create(Magic, "version", payload), .. payload];
        Assert.True(responder.Feed(frame.AsSpan(0, 15)));
        Assert.Equal(TransportProtocolType.Detecting, responder.Transport.Info.Type);
        Assert.True(responder.Feed(frame.AsSpan(15)));
        Assert.Equal(TransportProtocolType.V1, responder.Transport.Info.Type);
        Assert.Equal("version", Assert.Single(responder.Received)!.Type);
        // Replies go out in v1 framing, and no key was ever sent.
        var reply = responder.Drain(("verack", []));
        Assert.Equal(MessageHeader.Create(Magic, "verack", []), reply);
    }

    [Fact]
    public void V1PeerOfAnotherNetworkIsRefused()
    {
        var responder = new Side(V2Transport.Create(Magic, 2, initiating: false));
        byte[] mainnetVersion = [.. MessageHeader.Create([0xf9, 0xbe, 0xb4, 0xd9], "version", [1]), 1];
        Assert.False(responder.Feed(mainnetVersion));
    }

    [Fact]
    public void MissingGarbageTerminatorDisconnectsAfterTheMaximumGarbage()
    {
        var responder = new Side(V2Transport.Create(Magic, 2, initiating: false));
        var zeros = new byte[64 + 4095 + 16];
        Assert.True(responder.Feed(zeros.AsSpan(0, zeros.Length - 1)));
        Assert.False(responder.Feed(zeros.AsSpan(zeros.Length - 1)));
    }

    [Fact]
    public void TamperedPacketAndOversizedLengthDisconnect()
    {
        var (initiator, responder) = Handshake();
        var bytes = initiator.Drain(("ping", new byte[8]));
        bytes[^3] ^= 1;
        Assert.False(responder.Feed(bytes));

        using var peerCipher = Bip324Cipher.CreateRandom();
        var other = new Side(V2Transport.Create(Magic, 3, initiating: false));
        Assert.True(other.Feed(peerCipher.OurPubKey));
        peerCipher.Initialize(other.Drain().AsSpan(0, 64), initiator: true, Magic);
        var huge = new byte[Bip324Cipher.Expansion + 4_000_014];
        peerCipher.Encrypt(new byte[4_000_014], [], false, huge);
        Assert.True(other.Feed(peerCipher.SendGarbageTerminator));
        // Only the encrypted length is needed to refuse it; nothing like 4 MB is allocated for it.
        Assert.False(other.Feed(huge.AsSpan(0, Bip324Cipher.LengthSize)));
    }

    [Fact]
    public void InitiatorDroppedBeforeAnyReplyAsksForAV1Retry()
    {
        var initiator = new Side(V2Transport.Create(Magic, 1, initiating: true));
        Assert.False(initiator.Transport.ShouldReconnectV1);   // nothing sent yet
        var hello = initiator.Drain();
        Assert.True(hello.Length >= 64);
        Assert.True(initiator.Transport.ShouldReconnectV1);

        var answered = new Side(V2Transport.Create(Magic, 1, initiating: true));
        answered.Drain();
        Assert.True(answered.Feed([1]));
        Assert.False(answered.Transport.ShouldReconnectV1);
    }

    [Fact]
    public void MessagesWaitUntilThePeersKeyArrived()
    {
        var initiator = new Side(V2Transport.Create(Magic, 1, initiating: true));
        Assert.False(initiator.Transport.TakeHandshakeBytes(out _));
        Assert.Throws<InvalidOperationException>(() => initiator.Transport.Frame("ping", new byte[8], []));
    }

    private static byte[] Packet(Bip324Cipher cipher, byte[] contents, byte[] aad, bool ignore)
    {
        var output = new byte[contents.Length + Bip324Cipher.Expansion];
        cipher.Encrypt(contents, aad, ignore, output);
        return output;
    }
}
