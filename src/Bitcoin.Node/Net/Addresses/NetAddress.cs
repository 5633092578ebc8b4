using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// A network address without a port (Core's <c>CNetAddr</c>): IPv4, IPv6, a Tor v3 onion service, an I2P destination,
/// a CJDNS address, or an "internal" name hash. Immutable; equality and ordering compare the network and the bytes
/// (not an IPv6 scope), as Core does.
/// </summary>
public sealed class NetAddress : IEquatable<NetAddress>, IComparable<NetAddress>
{
    /// <summary>Size of an IPv4 address.</summary>
    public const int IPv4Size = 4;

    /// <summary>Size of an IPv6 address.</summary>
    public const int IPv6Size = 16;

    /// <summary>Size of a Tor v3 public key.</summary>
    public const int TorV3Size = 32;

    /// <summary>Size of an I2P destination hash.</summary>
    public const int I2PSize = 32;

    /// <summary>Size of a CJDNS address.</summary>
    public const int CjdnsSize = 16;

    /// <summary>Size of an internal (name hash) address.</summary>
    public const int InternalSize = 10;

    /// <summary>Longest address an addrv2 message may carry (Core's MAX_ADDRV2_SIZE).</summary>
    public const int MaxAddrV2Size = 512;

    private static readonly byte[] s_ipv4InIpv6Prefix = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF];
    private static readonly byte[] s_torV2InIpv6Prefix = [0xFD, 0x87, 0xD8, 0x7E, 0xEB, 0x43];
    private static readonly byte[] s_internalInIpv6Prefix = [0xFD, 0x6B, 0x88, 0xC0, 0x87, 0x24];
    private const byte CjdnsPrefix = 0xFC;

    private readonly byte[] _bytes;

    private NetAddress(NetKind net, byte[] bytes, uint scopeId = 0)
    {
        Net = net;
        _bytes = bytes;
        ScopeId = scopeId;
    }

    /// <summary>The unspecified IPv6 address "::" (Core's default CNetAddr), which is not valid.</summary>
    public static NetAddress None { get; } = new(NetKind.IPv6, new byte[IPv6Size]);

    /// <summary>The kind of address stored (never <see cref="NetKind.Unroutable"/>).</summary>
    public NetKind Net { get; }

    /// <summary>The IPv6 scope id (link-local addresses), 0 otherwise.</summary>
    public uint ScopeId { get; }

    /// <summary>The address bytes in their own network's size.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>True for IPv4.</summary>
    public bool IsIPv4 => Net == NetKind.IPv4;

    /// <summary>True for IPv6 (not mapped IPv4, not CJDNS).</summary>
    public bool IsIPv6 => Net == NetKind.IPv6;

    /// <summary>True for a Tor onion service.</summary>
    public bool IsTor => Net == NetKind.Onion;

    /// <summary>True for I2P.</summary>
    public bool IsI2P => Net == NetKind.I2P;

    /// <summary>True for CJDNS.</summary>
    public bool IsCjdns => Net == NetKind.Cjdns;

    /// <summary>True for an internal name hash.</summary>
    public bool IsInternal => Net == NetKind.Internal;

    /// <summary>True for Tor or I2P, whose addresses are not tied to a location.</summary>
    public bool IsPrivacyNet => IsTor || IsI2P;

    /// <summary>True when the first byte is CJDNS's fc.</summary>
    public bool HasCjdnsPrefix => _bytes.Length > 0 && _bytes[0] == CjdnsPrefix;

    /// <summary>An IPv4 or IPv6 address from the operating system's form (IPv4-mapped IPv6 becomes IPv4).</summary>
    public static NetAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return new NetAddress(NetKind.IPv4, address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException($"Unsupported address family {address.AddressFamily}.", nameof(address));
        var parsed = FromLegacyIPv6(address.GetAddressBytes());
        return parsed.IsIPv6 && address.ScopeId != 0 ? new NetAddress(NetKind.IPv6, parsed._bytes, (uint)address.ScopeId) : parsed;
    }

    /// <summary>An IPv4 address from four bytes.</summary>
    public static NetAddress IPv4(byte a, byte b, byte c, byte d) => new(NetKind.IPv4, [a, b, c, d]);

    /// <summary>An address of <paramref name="net"/> with exactly these bytes (no reinterpretation of prefixes).</summary>
    internal static NetAddress WithBytes(NetKind net, byte[] bytes) => new(net, bytes);

    /// <summary>
    /// Reads a 16-byte legacy (addr v1) address (Core's SetLegacyIPv6): IPv4-mapped becomes IPv4, the internal prefix
    /// becomes an internal address, the old Tor v2 prefix becomes the invalid "::".
    /// </summary>
    public static NetAddress FromLegacyIPv6(ReadOnlySpan<byte> ipv6)
    {
        if (ipv6.Length != IPv6Size)
            throw new ArgumentException("A legacy address has 16 bytes.", nameof(ipv6));
        if (ipv6.StartsWith(s_ipv4InIpv6Prefix))
            return new NetAddress(NetKind.IPv4, ipv6[s_ipv4InIpv6Prefix.Length..].ToArray());
        if (ipv6.StartsWith(s_torV2InIpv6Prefix))
            return None;
        if (ipv6.StartsWith(s_internalInIpv6Prefix))
            return new NetAddress(NetKind.Internal, ipv6[s_internalInIpv6Prefix.Length..].ToArray());
        return new NetAddress(NetKind.IPv6, ipv6.ToArray());
    }

    /// <summary>A fake address standing for a name, e.g. a DNS seed (Core's SetInternal); null for an empty name.</summary>
    public static NetAddress? CreateInternal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return new NetAddress(NetKind.Internal, hash[..InternalSize]);
    }

    /// <summary>An address of a network from its BIP155 id and bytes; null for an unknown network id; throws <see cref="SerializationException"/> for a wrong length.</summary>
    internal static NetAddress? FromBip155(byte networkId, byte[] bytes)
    {
        NetKind? kind = networkId switch
        {
            1 => Expect(NetKind.IPv4, IPv4Size, "IPv4"),
            2 => Expect(NetKind.IPv6, IPv6Size, "IPv6"),
            4 => Expect(NetKind.Onion, TorV3Size, "TORv3"),
            5 => Expect(NetKind.I2P, I2PSize, "I2P"),
            6 => Expect(NetKind.Cjdns, CjdnsSize, "CJDNS"),
            _ => null,
        };
        if (kind is null)
            return null;
        if (kind == NetKind.IPv6)
        {
            // Embedded IPv4, internal and Tor v2 forms are not allowed in addrv2's IPv6 network.
            if (bytes.AsSpan().StartsWith(s_internalInIpv6Prefix))
                return new NetAddress(NetKind.Internal, bytes[s_internalInIpv6Prefix.Length..]);
            if (bytes.AsSpan().StartsWith(s_ipv4InIpv6Prefix) || bytes.AsSpan().StartsWith(s_torV2InIpv6Prefix))
                return None;
        }

        return new NetAddress(kind.Value, bytes);

        NetKind Expect(NetKind net, int size, string name) => bytes.Length == size
            ? net
            : throw new SerializationException(string.Create(CultureInfo.InvariantCulture, $"BIP155 {name} address with length {bytes.Length} (should be {size})"));
    }

    /// <summary>
    /// Parses a ".onion" (Tor v3) or ".b32.i2p" name as an address (Core's SetSpecial); null when it is neither.
    /// </summary>
    public static NetAddress? TryParseSpecial(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
            return null;
        return TryParseTor(text) ?? TryParseI2P(text);
    }

    private static NetAddress? TryParseTor(string text)
    {
        if (!text.EndsWith(".onion", StringComparison.Ordinal))
            return null;
        var decoded = Base32.Decode(text[..^6]);
        // Public key, two checksum bytes and the version byte 3.
        if (decoded is not { Length: TorV3Size + 3 } || decoded[^1] != 3)
            return null;
        var key = decoded[..TorV3Size];
        var checksum = TorChecksum(key);
        if (decoded[TorV3Size] != checksum[0] || decoded[TorV3Size + 1] != checksum[1])
            return null;
        return new NetAddress(NetKind.Onion, key);
    }

    private static NetAddress? TryParseI2P(string text)
    {
        const int base32Length = 52;
        if (text.Length != base32Length + 8 || !text[base32Length..].Equals(".b32.i2p", StringComparison.OrdinalIgnoreCase))
            return null;
        var decoded = Base32.Decode(text[..base32Length] + "====");
        return decoded is { Length: I2PSize } ? new NetAddress(NetKind.I2P, decoded) : null;
    }

    private static byte[] TorChecksum(ReadOnlySpan<byte> key)
    {
        // H(".onion checksum" | key | version)[..2]
        Span<byte> input = stackalloc byte[15 + TorV3Size + 1];
        ".onion checksum"u8.CopyTo(input);
        key.CopyTo(input[15..]);
        input[^1] = 3;
        return SHA3_256.HashData(input)[..2];
    }

    /// <summary>The same address as a CJDNS one when it is IPv6 with the fc prefix and CJDNS is reachable (Core's MaybeFlipIPv6toCJDNS).</summary>
    public NetAddress MaybeFlipToCjdns(bool cjdnsReachable) =>
        IsIPv6 && HasCjdnsPrefix && cjdnsReachable ? new NetAddress(NetKind.Cjdns, _bytes) : this;

    /// <summary>The operating system's form of an IPv4/IPv6/CJDNS address; null for the other networks.</summary>
    public IPAddress? ToIPAddress() => Net switch
    {
        NetKind.IPv4 => new IPAddress(_bytes),
        NetKind.IPv6 or NetKind.Cjdns => new IPAddress(_bytes, ScopeId),
        _ => null,
    };

    /// <summary>True for 0.0.0.0 or "::".</summary>
    public bool IsBindAny => (IsIPv4 || IsIPv6) && _bytes.All(b => b == 0);

    /// <summary>IPv4 private networks (10/8, 192.168/16, 172.16/12).</summary>
    public bool IsRfc1918 => IsIPv4 && (_bytes[0] == 10 || (_bytes[0] == 192 && _bytes[1] == 168) || (_bytes[0] == 172 && _bytes[1] >= 16 && _bytes[1] <= 31));

    /// <summary>IPv4 inter-network communications (198.18/15).</summary>
    public bool IsRfc2544 => IsIPv4 && _bytes[0] == 198 && (_bytes[1] == 18 || _bytes[1] == 19);

    /// <summary>IPv4 autoconfig (169.254/16).</summary>
    public bool IsRfc3927 => IsIPv4 && _bytes[0] == 169 && _bytes[1] == 254;

    /// <summary>IPv4 ISP-level NAT (100.64/10).</summary>
    public bool IsRfc6598 => IsIPv4 && _bytes[0] == 100 && _bytes[1] >= 64 && _bytes[1] <= 127;

    /// <summary>IPv4 documentation addresses.</summary>
    public bool IsRfc5737 => IsIPv4 && ((_bytes[0] == 192 && _bytes[1] == 0 && _bytes[2] == 2) ||
                                        (_bytes[0] == 198 && _bytes[1] == 51 && _bytes[2] == 100) ||
                                        (_bytes[0] == 203 && _bytes[1] == 0 && _bytes[2] == 113));

    /// <summary>IPv6 documentation (2001:db8::/32).</summary>
    public bool IsRfc3849 => IsIPv6 && StartsWith(0x20, 0x01, 0x0D, 0xB8);

    /// <summary>IPv6 6to4 (2002::/16).</summary>
    public bool IsRfc3964 => IsIPv6 && StartsWith(0x20, 0x02);

    /// <summary>IPv6 well-known IPv4 prefix (64:ff9b::/96).</summary>
    public bool IsRfc6052 => IsIPv6 && StartsWith(0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>IPv6 Teredo (2001::/32).</summary>
    public bool IsRfc4380 => IsIPv6 && StartsWith(0x20, 0x01, 0x00, 0x00);

    /// <summary>IPv6 autoconfig (fe80::/64).</summary>
    public bool IsRfc4862 => IsIPv6 && StartsWith(0xFE, 0x80, 0, 0, 0, 0, 0, 0);

    /// <summary>IPv6 unique local (fc00::/7).</summary>
    public bool IsRfc4193 => IsIPv6 && (_bytes[0] & 0xFE) == 0xFC;

    /// <summary>IPv6 IPv4-translated (::ffff:0:0:0/96).</summary>
    public bool IsRfc6145 => IsIPv6 && StartsWith(0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0);

    /// <summary>IPv6 ORCHID (2001:10::/28).</summary>
    public bool IsRfc4843 => IsIPv6 && StartsWith(0x20, 0x01, 0x00) && (_bytes[3] & 0xF0) == 0x10;

    /// <summary>IPv6 ORCHIDv2 (2001:20::/28).</summary>
    public bool IsRfc7343 => IsIPv6 && StartsWith(0x20, 0x01, 0x00) && (_bytes[3] & 0xF0) == 0x20;

    /// <summary>Hurricane Electric (2001:470::/36).</summary>
    public bool IsHeNet => IsIPv6 && StartsWith(0x20, 0x01, 0x04, 0x70);

    /// <summary>Loopback or 0.0.0.0/8.</summary>
    public bool IsLocal =>
        (IsIPv4 && (_bytes[0] == 127 || _bytes[0] == 0)) ||
        (IsIPv6 && _bytes.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0 && _bytes[15] == 1);

    /// <summary>Could refer to a real host (Core's IsValid).</summary>
    public bool IsValid
    {
        get
        {
            if (IsIPv6 && _bytes.All(b => b == 0))
                return false;
            if (IsCjdns && !HasCjdnsPrefix)
                return false;
            if (IsRfc3849 || IsInternal)
                return false;
            if (IsIPv4)
            {
                var value = BinaryPrimitives.ReadUInt32BigEndian(_bytes);
                if (value == 0 || value == uint.MaxValue)
                    return false;
            }

            return true;
        }
    }

    /// <summary>Publicly routable (Core's IsRoutable).</summary>
    public bool IsRoutable => IsValid && !(IsRfc1918 || IsRfc2544 || IsRfc3927 || IsRfc4862 || IsRfc6598 || IsRfc5737 ||
                                           IsRfc4193 || IsRfc4843 || IsRfc7343 || IsLocal || IsInternal);

    /// <summary>Can be sent in an addr (v1) message.</summary>
    public bool IsAddrV1Compatible => Net is NetKind.IPv4 or NetKind.IPv6 or NetKind.Internal;

    /// <summary>Worth relaying at all (Core's IsRelayable).</summary>
    public bool IsRelayable => Net is NetKind.IPv4 or NetKind.IPv6 or NetKind.Onion or NetKind.I2P or NetKind.Cjdns;

    /// <summary>The network for reachability: internal, unroutable, or the stored kind (Core's GetNetwork).</summary>
    public NetKind GetNetwork() => IsInternal ? NetKind.Internal : !IsRoutable ? NetKind.Unroutable : Net;

    /// <summary>Like <see cref="GetNetwork"/> but IPv6 forms embedding an IPv4 address count as IPv4 (Core's GetNetClass).</summary>
    public NetKind GetNetClass()
    {
        if (IsInternal)
            return NetKind.Internal;
        if (!IsRoutable)
            return NetKind.Unroutable;
        return HasLinkedIPv4 ? NetKind.IPv4 : Net;
    }

    /// <summary>True for routable IPv4 and IPv6 forms that embed an IPv4 address.</summary>
    public bool HasLinkedIPv4 => IsRoutable && (IsIPv4 || IsRfc6145 || IsRfc6052 || IsRfc3964 || IsRfc4380);

    /// <summary>The embedded IPv4 address as a number (call only when <see cref="HasLinkedIPv4"/>).</summary>
    public uint GetLinkedIPv4()
    {
        if (IsIPv4)
            return BinaryPrimitives.ReadUInt32BigEndian(_bytes);
        if (IsRfc6052 || IsRfc6145)
            return BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(12));
        if (IsRfc3964)
            return BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(2));
        if (IsRfc4380)
            return ~BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(12));
        throw new InvalidOperationException("The address has no embedded IPv4 address.");
    }

    /// <summary>The 16-byte legacy form for v1-compatible networks, otherwise the raw bytes (Core's GetAddrBytes).</summary>
    public byte[] GetAddrBytes()
    {
        if (!IsAddrV1Compatible)
            return (byte[])_bytes.Clone();
        var result = new byte[IPv6Size];
        WriteV1Array(result);
        return result;
    }

    /// <summary>How reachable this (local) address is from a partner (Core's GetReachabilityFrom; larger is better).</summary>
    public int GetReachabilityFrom(NetAddress partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        const int unreachable = 0, defaultReach = 1, teredo = 2, ipv6Weak = 3, ipv4 = 4, ipv6Strong = 5, @private = 6;
        const int netTeredo = 7;
        if (!IsRoutable || IsInternal)
            return unreachable;
        int ours = IsRfc4380 ? netTeredo : (int)GetNetwork();
        int theirs = partner.IsRfc4380 ? netTeredo : (int)partner.GetNetwork();
        bool tunnel = IsRfc3964 || IsRfc6052 || IsRfc6145;
        return theirs switch
        {
            (int)NetKind.IPv4 => ours == (int)NetKind.IPv4 ? ipv4 : defaultReach,
            (int)NetKind.IPv6 => ours switch
            {
                netTeredo => teredo,
                (int)NetKind.IPv4 => ipv4,
                (int)NetKind.IPv6 => tunnel ? ipv6Weak : ipv6Strong,
                _ => defaultReach,
            },
            (int)NetKind.Onion => ours switch
            {
                (int)NetKind.IPv4 => ipv4,
                (int)NetKind.Onion => @private,
                _ => defaultReach,
            },
            (int)NetKind.I2P => ours == (int)NetKind.I2P ? @private : defaultReach,
            (int)NetKind.Cjdns => ours == (int)NetKind.Cjdns ? @private : defaultReach,
            netTeredo => ours switch
            {
                netTeredo => teredo,
                (int)NetKind.IPv6 => ipv6Weak,
                (int)NetKind.IPv4 => ipv4,
                _ => defaultReach,
            },
            _ => ours switch
            {
                netTeredo => teredo,
                (int)NetKind.IPv6 => ipv6Weak,
                (int)NetKind.IPv4 => ipv4,
                (int)NetKind.Onion => @private,
                _ => defaultReach,
            },
        };
    }

    /// <summary>Core's ToStringAddr: dotted IPv4, RFC 5952 IPv6, "x.onion", "x.b32.i2p", "x.internal".</summary>
    public string ToStringAddr() => Net switch
    {
        NetKind.IPv4 => string.Create(CultureInfo.InvariantCulture, $"{_bytes[0]}.{_bytes[1]}.{_bytes[2]}.{_bytes[3]}"),
        NetKind.IPv6 => IPv6ToString(_bytes, ScopeId),
        NetKind.Onion => OnionToString(_bytes),
        NetKind.I2P => Base32.Encode(_bytes, pad: false) + ".b32.i2p",
        NetKind.Cjdns => IPv6ToString(_bytes, 0),
        NetKind.Internal => Base32.Encode(_bytes) + ".internal",
        _ => throw new InvalidOperationException("Unknown network."),
    };

    /// <inheritdoc/>
    public override string ToString() => ToStringAddr();

    /// <summary>Writes the 16-byte v1 serialization (zeros for networks v1 cannot carry).</summary>
    public void WriteV1(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteV1Array(writer.Append(IPv6Size));
    }

    /// <summary>Writes the BIP155 serialization: network id, CompactSize length, bytes (internal addresses as IPv6).</summary>
    public void WriteV2(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsInternal)
        {
            writer.WriteByte(2);
            writer.WriteCompactSize(IPv6Size);
            WriteV1(writer);
            return;
        }

        writer.WriteByte(Net switch
        {
            NetKind.IPv4 => 1,
            NetKind.IPv6 => 2,
            NetKind.Onion => 4,
            NetKind.I2P => 5,
            NetKind.Cjdns => 6,
            _ => throw new InvalidOperationException("Unknown network."),
        });
        writer.WriteVarBytes(_bytes);
    }

    /// <summary>Reads a 16-byte v1 address.</summary>
    public static NetAddress ReadV1(ref SpanReader reader) => FromLegacyIPv6(reader.ReadBytes(IPv6Size));

    /// <summary>
    /// Reads a BIP155 address. An unknown network id yields "::" (skipped by callers as invalid); a known id with the
    /// wrong length, or a length over 512, throws <see cref="SerializationException"/> with Core's message.
    /// </summary>
    public static NetAddress ReadV2(ref SpanReader reader)
    {
        byte networkId = reader.ReadByte();
        ulong size = CompactSize.Read(ref reader);
        if (size > MaxAddrV2Size)
            throw new SerializationException(string.Create(CultureInfo.InvariantCulture, $"Address too long: {size} > {MaxAddrV2Size}"));
        var bytes = reader.ReadBytes((int)size).ToArray();
        return FromBip155(networkId, bytes) ?? None;
    }

    private void WriteV1Array(Span<byte> destination)
    {
        switch (Net)
        {
            case NetKind.IPv6:
                _bytes.CopyTo(destination);
                return;
            case NetKind.IPv4:
                s_ipv4InIpv6Prefix.CopyTo(destination);
                _bytes.CopyTo(destination[s_ipv4InIpv6Prefix.Length..]);
                return;
            case NetKind.Internal:
                s_internalInIpv6Prefix.CopyTo(destination);
                _bytes.CopyTo(destination[s_internalInIpv6Prefix.Length..]);
                return;
            default:
                destination[..IPv6Size].Clear();
                return;
        }
    }

    private bool StartsWith(params ReadOnlySpan<byte> prefix) => _bytes.AsSpan().StartsWith(prefix);

    private static string OnionToString(byte[] key)
    {
        var checksum = TorChecksum(key);
        var full = new byte[TorV3Size + 3];
        key.CopyTo(full, 0);
        full[TorV3Size] = checksum[0];
        full[TorV3Size + 1] = checksum[1];
        full[^1] = 3;
        return Base32.Encode(full) + ".onion";
    }

    // RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups (the first on a tie) as "::".
    private static string IPv6ToString(byte[] a, uint scopeId)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (int i = 0; i < 8; i++)
            groups[i] = BinaryPrimitives.ReadUInt16BigEndian(a.AsSpan(i * 2));
        int longestStart = 0, longestLen = 0, currentStart = 0, currentLen = 0;
        for (int i = 0; i < 8; i++)
        {
            if (groups[i] != 0)
            {
                currentStart = i + 1;
                currentLen = 0;
                continue;
            }

            currentLen++;
            if (currentLen > longestLen)
            {
                longestStart = currentStart;
                longestLen = currentLen;
            }
        }

        var text = new StringBuilder(39);
        for (int i = 0; i < 8; i++)
        {
            if (longestLen >= 2 && i >= longestStart && i < longestStart + longestLen)
            {
                if (i == longestStart)
                    text.Append("::");
                continue;
            }

            if (text.Length > 0 && text[^1] != ':')
                text.Append(':');
            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        if (scopeId != 0)
            text.Append('%').Append(scopeId.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(NetAddress? other) =>
        other is not null && Net == other.Net && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NetAddress);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Net);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public int CompareTo(NetAddress? other)
    {
        if (other is null)
            return 1;
        int byNet = Net.CompareTo(other.Net);
        return byNet != 0 ? byNet : _bytes.AsSpan().SequenceCompareTo(other._bytes);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(NetAddress? a, NetAddress? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(NetAddress? a, NetAddress? b) => !(a == b);

    /// <summary>Ordering by network, then bytes.</summary>
    public static bool operator <(NetAddress a, NetAddress b) => a.CompareTo(b) < 0;

    /// <summary>Ordering by network, then bytes.</summary>
    public static bool operator >(NetAddress a, NetAddress b) => a.CompareTo(b) > 0;

    /// <summary>Ordering by network, then bytes.</summary>
    public static bool operator <=(NetAddress a, NetAddress b) => a.CompareTo(b) <= 0;

    /// <summary>Ordering by network, then bytes.</summary>
    public static bool operator >=(NetAddress a, NetAddress b) => a.CompareTo(b) >= 0;
}
