using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// An address as gossiped in addr messages (Core's <c>CAddress</c>): a service, the services it offers and when it was
/// last seen (seconds since the epoch, 32 bits on the wire).
/// </summary>
/// <param name="Service">The address and port.</param>
/// <param name="Services">The service flags.</param>
/// <param name="Time">Last seen, in seconds since the epoch (Core's default is 100000000).</param>
public sealed record PeerAddress(ServiceAddress Service, ServiceFlags Services, long Time = PeerAddress.DefaultTime)
{
    /// <summary>Core's TIME_INIT for addresses whose time is unknown.</summary>
    public const long DefaultTime = 100_000_000;

    // Disk format versions: the low bits hold 220000 (ignored), bit 29 marks the BIP155 encoding.
    private const uint DiskVersionInit = 220000;
    private const uint DiskVersionIgnoreMask = 0b0000_0000_0000_0111_1111_1111_1111_1111;
    private const uint DiskVersionAddrV2 = 1u << 29;

    /// <summary>The network address.</summary>
    public NetAddress Address => Service.Address;

    /// <summary>The port.</summary>
    public ushort Port => Service.Port;

    /// <summary>Writes the network form: time, services (64-bit in v1, CompactSize in v2), service.</summary>
    public void WriteNetwork(ByteWriter writer, bool addrV2)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32((uint)Time);
        WriteBody(writer, addrV2);
    }

    /// <summary>Writes the disk form (peers.dat, anchors.dat): a format version, then the network form.</summary>
    public void WriteDisk(ByteWriter writer, bool addrV2)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(DiskVersionInit | (addrV2 ? DiskVersionAddrV2 : 0));
        WriteNetwork(writer, addrV2);
    }

    /// <summary>Reads the network form.</summary>
    public static PeerAddress ReadNetwork(ref SpanReader reader, bool addrV2)
    {
        long time = reader.ReadUInt32();
        return ReadBody(ref reader, addrV2, time);
    }

    /// <summary>
    /// Reads the disk form; <paramref name="allowV2"/> permits BIP155-encoded entries. Throws
    /// "Unsupported CAddress disk format version" for other format bits, as Core.
    /// </summary>
    public static PeerAddress ReadDisk(ref SpanReader reader, bool allowV2)
    {
        uint version = reader.ReadUInt32() & ~DiskVersionIgnoreMask;
        bool useV2;
        if (version == 0)
            useV2 = false;
        else if (version == DiskVersionAddrV2 && allowV2)
            useV2 = true;
        else
            throw new SerializationException("Unsupported CAddress disk format version");
        return ReadNetwork(ref reader, useV2);
    }

    private void WriteBody(ByteWriter writer, bool addrV2)
    {
        if (addrV2)
        {
            writer.WriteCompactSize((ulong)Services);
            Service.WriteV2(writer);
        }
        else
        {
            writer.WriteUInt64((ulong)Services);
            Service.WriteV1(writer);
        }
    }

    private static PeerAddress ReadBody(ref SpanReader reader, bool addrV2, long time)
    {
        ServiceFlags services;
        ServiceAddress service;
        if (addrV2)
        {
            services = (ServiceFlags)reader.ReadCompactSize(rangeCheck: false);
            service = ServiceAddress.ReadV2(ref reader);
        }
        else
        {
            services = (ServiceFlags)reader.ReadUInt64();
            service = ServiceAddress.ReadV1(ref reader);
        }

        return new PeerAddress(service, services, time);
    }
}
