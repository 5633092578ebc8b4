using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>An address with a port (Core's <c>CService</c>). Immutable, compared by address then port.</summary>
public sealed class ServiceAddress : IEquatable<ServiceAddress>, IComparable<ServiceAddress>
{
    /// <summary>Creates the address <paramref name="address"/>:<paramref name="port"/>.</summary>
    public ServiceAddress(NetAddress address, ushort port)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        Port = port;
    }

    /// <summary>"[::]:0", which is not valid (Core's default CService).</summary>
    public static ServiceAddress None { get; } = new(NetAddress.None, 0);

    /// <summary>The network address.</summary>
    public NetAddress Address { get; }

    /// <summary>The port.</summary>
    public ushort Port { get; }

    /// <summary>See <see cref="NetAddress.IsValid"/>.</summary>
    public bool IsValid => Address.IsValid;

    /// <summary>See <see cref="NetAddress.IsRoutable"/>.</summary>
    public bool IsRoutable => Address.IsRoutable;

    /// <summary>From an operating system endpoint (IPv4-mapped IPv6 becomes IPv4).</summary>
    public static ServiceAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return new ServiceAddress(NetAddress.FromIPAddress(endPoint.Address), (ushort)endPoint.Port);
    }

    /// <summary>The operating system endpoint, or null for networks sockets cannot reach directly.</summary>
    public IPEndPoint? ToEndPoint() => Address.ToIPAddress() is { } ip ? new IPEndPoint(ip, Port) : null;

    /// <summary>"1.2.3.4:8333", "[::1]:8333", "x.onion:8333" (Core's ToStringAddrPort).</summary>
    public string ToStringAddrPort()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        return Address.Net is NetKind.IPv4 or NetKind.Onion or NetKind.I2P or NetKind.Internal
            ? Address.ToStringAddr() + ":" + port
            : "[" + Address.ToStringAddr() + "]:" + port;
    }

    /// <inheritdoc/>
    public override string ToString() => ToStringAddrPort();

    /// <summary>The address bytes followed by the port, big-endian (Core's GetKey), used for hashing and filters.</summary>
    public byte[] GetKey()
    {
        var bytes = Address.GetAddrBytes();
        var key = new byte[bytes.Length + 2];
        bytes.CopyTo(key, 0);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(bytes.Length), Port);
        return key;
    }

    /// <summary>Writes the v1 form: 16 address bytes and a big-endian port.</summary>
    public void WriteV1(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Address.WriteV1(writer);
        BinaryPrimitives.WriteUInt16BigEndian(writer.Append(2), Port);
    }

    /// <summary>Writes the BIP155 form: address and a big-endian port.</summary>
    public void WriteV2(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Address.WriteV2(writer);
        BinaryPrimitives.WriteUInt16BigEndian(writer.Append(2), Port);
    }

    /// <summary>Reads the v1 form.</summary>
    public static ServiceAddress ReadV1(ref SpanReader reader)
    {
        var address = NetAddress.ReadV1(ref reader);
        return new ServiceAddress(address, BinaryPrimitives.ReadUInt16BigEndian(reader.ReadBytes(2)));
    }

    /// <summary>Reads the BIP155 form.</summary>
    public static ServiceAddress ReadV2(ref SpanReader reader)
    {
        var address = NetAddress.ReadV2(ref reader);
        return new ServiceAddress(address, BinaryPrimitives.ReadUInt16BigEndian(reader.ReadBytes(2)));
    }

    /// <inheritdoc/>
    public bool Equals(ServiceAddress? other) => other is not null && Port == other.Port && Address.Equals(other.Address);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ServiceAddress);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, Port);

    /// <inheritdoc/>
    public int CompareTo(ServiceAddress? other)
    {
        if (other is null)
            return 1;
        int byAddress = Address.CompareTo(other.Address);
        return byAddress != 0 ? byAddress : Port.CompareTo(other.Port);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(ServiceAddress? a, ServiceAddress? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ServiceAddress? a, ServiceAddress? b) => !(a == b);

    /// <summary>Ordering by address, then port.</summary>
    public static bool operator <(ServiceAddress a, ServiceAddress b) => a.CompareTo(b) < 0;

    /// <summary>Ordering by address, then port.</summary>
    public static bool operator >(ServiceAddress a, ServiceAddress b) => a.CompareTo(b) > 0;

    /// <summary>Ordering by address, then port.</summary>
    public static bool operator <=(ServiceAddress a, ServiceAddress b) => a.CompareTo(b) <= 0;

    /// <summary>Ordering by address, then port.</summary>
    public static bool operator >=(ServiceAddress a, ServiceAddress b) => a.CompareTo(b) >= 0;
}
