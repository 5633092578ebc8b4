using System.Buffers.Binary;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;

namespace Bitcoin.Node.Tests.Net;

// The v1 transport framing (Core's V1Transport receive side) and the payload decoders against hostile input.
public class TransportTests
{
    private static readonly byte[] Magic = [0xfa, 0xbf, 0xb5, 0xda];

    // A whole v1 message: header then payload.
    private static byte[] Frame(string type, byte[] payload) => [.. MessageHeader.Create(Magic, type, payload), .. payload];

    private static List<ReceivedMessage?> Feed(V1TransportReceiver receiver, byte[] data, out bool ok, int chunk = int.MaxValue)
    {
        var messages = new List<ReceivedMessage?>();
        ok = true;
        for (int i = 0; i < data.Length && ok; i += chunk)
            ok = receiver.Receive(data.AsSpan(i, Math.Min(chunk, data.Length - i)), 1, (m, _) => messages.Add(m));
        return messages;
    }

    [Fact]
    public void MessagesAreSplitAcrossAnyChunking()
    {
        var ping = Frame("ping", Payloads.UInt64(42));
        var verack = Frame("verack", []);
        var stream = ping.Concat(verack).Concat(ping).ToArray();
        foreach (int chunk in new[] { 1, 3, 24, 31, stream.Length })
        {
            var messages = Feed(new V1TransportReceiver(Magic, 0), stream, out bool ok, chunk);
            Assert.True(ok);
            Assert.Equal(["ping", "verack", "ping"], messages.Select(m => m!.Type));
            Assert.Equal(42UL, Payloads.ReadUInt64(messages[0]!.Payload));
        }
    }

    [Fact]
    public void WrongMagicIsFatal()
    {
        var message = MessageHeader.Create([0xf9, 0xbe, 0xb4, 0xd9], "ping", Payloads.UInt64(1));
        Feed(new V1TransportReceiver(Magic, 0), message, out bool ok);
        Assert.False(ok);
    }

    [Fact]
    public void OversizedLengthIsFatalBeforeAnyPayloadArrives()
    {
        var header = MessageHeader.Create(Magic, "block", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 4_000_001);
        Feed(new V1TransportReceiver(Magic, 0), header, out bool ok);
        Assert.False(ok);
    }

    [Fact]
    public void ClaimedLengthDoesNotAllocateUpFront()
    {
        // A header claiming the maximum payload, followed by a few bytes: the receiver holds far less than 4 MB.
        var header = MessageHeader.Create(Magic, "block", []);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 4_000_000);
        var receiver = new V1TransportReceiver(Magic, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Feed(receiver, [.. header, .. new byte[100]], out bool ok);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ok);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes for a claimed 4 MB payload");
    }

    [Fact]
    public void BadChecksumDropsOnlyThatMessage()
    {
        var bad = Frame("ping", Payloads.UInt64(1));
        bad[20] ^= 0xff;
        var good = Frame("pong", Payloads.UInt64(2));
        var messages = Feed(new V1TransportReceiver(Magic, 0), [.. bad, .. good], out bool ok);
        Assert.True(ok);
        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0]);
        Assert.Equal("pong", messages[1]!.Type);
    }

    [Fact]
    public void TypeWithBytesAfterTheNulIsDropped()
    {
        var message = Frame("ping", Payloads.UInt64(1));
        message[4 + 5] = (byte)'x'; // "ping\0x..." is not a valid type
        var messages = Feed(new V1TransportReceiver(Magic, 0), message, out bool ok);
        Assert.True(ok);
        Assert.Null(Assert.Single(messages));
    }

    [Fact]
    public void HugeCountsInPayloadsFailAtTheEndOfTheData()
    {
        // A compact size claiming 2^32 inventory items or addresses in a 9-byte payload.
        byte[] claim = [0xff, 0, 0, 0, 0, 1, 0, 0, 0];
        Assert.ThrowsAny<Exception>(() => Payloads.ReadInventories(claim));
        Assert.ThrowsAny<Exception>(() => Payloads.ReadAddresses(claim, addrV2: true));
        Assert.ThrowsAny<Exception>(() => Payloads.ReadAddresses(claim, addrV2: false));
    }

    [Fact]
    public void MessageTypeSanitizing()
    {
        Assert.Equal("ping", NetMessageType.Sanitize("ping"));
        Assert.Equal("", NetMessageType.Sanitize("\u0001\u0002"));
    }
}
