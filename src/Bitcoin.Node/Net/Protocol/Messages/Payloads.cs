using System.Text;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Addresses;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>Encoders and decoders of the small message payloads (inv, addr, headers, ping, feefilter, sendcmpct, ...).</summary>
public static class Payloads
{
    /// <summary>An empty payload.</summary>
    public static byte[] Empty { get; } = [];

    /// <summary>An inv/getdata/notfound payload.</summary>
    public static byte[] Inventories(IReadOnlyCollection<Inventory> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var writer = new ByteWriter(9 + (items.Count * Inventory.Size));
        writer.WriteCompactSize((ulong)items.Count);
        foreach (var item in items)
            item.Write(writer);
        return writer.ToArray();
    }

    /// <summary>Reads an inv/getdata/notfound payload (the count is limited only by the payload size).</summary>
    public static List<Inventory> ReadInventories(byte[] payload)
    {
        var reader = new SpanReader(payload);
        ulong count = reader.ReadCompactSize();
        var items = new List<Inventory>();
        for (ulong i = 0; i < count; i++)
            items.Add(Inventory.Read(ref reader));
        return items;
    }

    /// <summary>An addr (v1) or addrv2 payload.</summary>
    public static byte[] Addresses(IReadOnlyCollection<PeerAddress> addresses, bool addrV2)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var writer = new ByteWriter(9 + (addresses.Count * 30));
        writer.WriteCompactSize((ulong)addresses.Count);
        foreach (var address in addresses)
            address.WriteNetwork(writer, addrV2);
        return writer.ToArray();
    }

    /// <summary>Reads an addr or addrv2 payload.</summary>
    public static List<PeerAddress> ReadAddresses(byte[] payload, bool addrV2)
    {
        var reader = new SpanReader(payload);
        ulong count = reader.ReadCompactSize();
        var addresses = new List<PeerAddress>();
        for (ulong i = 0; i < count; i++)
            addresses.Add(PeerAddress.ReadNetwork(ref reader, addrV2));
        return addresses;
    }

    /// <summary>A headers payload: each header followed by a zero transaction count.</summary>
    public static byte[] Headers(IReadOnlyCollection<BlockHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var writer = new ByteWriter(9 + (headers.Count * 81));
        writer.WriteCompactSize((ulong)headers.Count);
        foreach (var header in headers)
        {
            WireSerialization.WriteHeader(writer, header);
            writer.WriteCompactSize(0);
        }

        return writer.ToArray();
    }

    /// <summary>The header count at the start of a headers payload (read first so oversized messages are refused before decoding).</summary>
    public static ulong ReadHeadersCount(byte[] payload)
    {
        var reader = new SpanReader(payload);
        return reader.ReadCompactSize();
    }

    /// <summary>Reads a headers payload (each header's transaction count is read and ignored, as Core).</summary>
    public static List<BlockHeader> ReadHeaders(byte[] payload, ConsensusFactory factory)
    {
        var reader = new SpanReader(payload);
        ulong count = reader.ReadCompactSize();
        var headers = new List<BlockHeader>();
        for (ulong i = 0; i < count; i++)
        {
            headers.Add(WireSerialization.ReadHeader(ref reader, factory));
            reader.ReadCompactSize();
        }

        return headers;
    }

    /// <summary>A payload holding one little-endian 64-bit number (ping, pong, feefilter).</summary>
    public static byte[] UInt64(ulong value)
    {
        var writer = new ByteWriter(8);
        writer.WriteUInt64(value);
        return writer.ToArray();
    }

    /// <summary>Reads a payload's leading 64-bit number.</summary>
    public static ulong ReadUInt64(byte[] payload)
    {
        var reader = new SpanReader(payload);
        return reader.ReadUInt64();
    }

    /// <summary>A sendcmpct payload.</summary>
    public static byte[] SendCmpct(bool highBandwidth, ulong version)
    {
        var writer = new ByteWriter(9);
        writer.WriteByte(highBandwidth ? (byte)1 : (byte)0);
        writer.WriteUInt64(version);
        return writer.ToArray();
    }

    /// <summary>A version payload (Core's PushNodeVersion): the receiver's address in v1 form, a dummy sender, our nonce and user agent.</summary>
    public static byte[] Version(int version, ServiceFlags services, long time, ServiceFlags receiverServices, ServiceAddress receiver,
        ulong nonce, string userAgent, int startingHeight, bool relay)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(userAgent);
        var writer = new ByteWriter(128 + userAgent.Length);
        writer.WriteInt32(version);
        writer.WriteUInt64((ulong)services);
        writer.WriteUInt64((ulong)time);
        writer.WriteUInt64((ulong)receiverServices);
        receiver.WriteV1(writer);
        writer.WriteUInt64((ulong)services);
        ServiceAddress.None.WriteV1(writer);
        writer.WriteUInt64(nonce);
        writer.WriteVarBytes(Encoding.ASCII.GetBytes(userAgent));
        writer.WriteInt32(startingHeight);
        writer.WriteByte(relay ? (byte)1 : (byte)0);
        return writer.ToArray();
    }

    /// <summary>Reads a length-prefixed string of at most <paramref name="limit"/> bytes (Core's LIMITED_STRING).</summary>
    public static string ReadLimitedString(ref SpanReader reader, int limit)
    {
        ulong size = reader.ReadCompactSize();
        if (size > (ulong)limit)
            throw new SerializationException("String length limit exceeded");
        return Encoding.Latin1.GetString(reader.ReadBytes((int)size));
    }

    /// <summary>Reads a length-prefixed byte vector of at most <paramref name="limit"/> bytes (Core's LIMITED_VECTOR).</summary>
    public static byte[] ReadLimitedBytes(ref SpanReader reader, int limit)
    {
        ulong size = reader.ReadCompactSize();
        if (size > (ulong)limit)
            throw new SerializationException("Vector length limit exceeded");
        return reader.ReadBytes((int)size).ToArray();
    }
}
