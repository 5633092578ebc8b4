using System.Globalization;
using System.Numerics;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// A range of addresses (Core's <c>CSubNet</c>): an IPv4/IPv6 network with a netmask, or a single address of any other
/// network. Used for bans, -whitelist and setban. Immutable; ordered as Core (network, then netmask).
/// </summary>
public sealed class SubNet : IEquatable<SubNet>, IComparable<SubNet>
{
    private readonly byte[] _netmask = new byte[16];

    private SubNet(NetAddress network, bool valid)
    {
        Network = network;
        IsValid = valid;
    }

    /// <summary>The network address with the host bits cleared.</summary>
    public NetAddress Network { get; }

    /// <summary>False for a malformed mask or an unsupported address.</summary>
    public bool IsValid { get; }

    /// <summary>An invalid subnet.</summary>
    public static SubNet Invalid { get; } = new(NetAddress.None, false);

    /// <summary>The single address <paramref name="address"/> (/32 or /128 for IP; exact match otherwise).</summary>
    public static SubNet Single(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        switch (address.Net)
        {
            case NetKind.IPv4:
            case NetKind.IPv6:
                var subnet = new SubNet(address, true);
                subnet._netmask.AsSpan(0, address.Bytes.Length).Fill(0xFF);
                return subnet;
            case NetKind.Onion:
            case NetKind.I2P:
            case NetKind.Cjdns:
                return new SubNet(address, true);
            default:
                return Invalid;
        }
    }

    /// <summary>An IPv4/IPv6 network with a CIDR prefix length; invalid when the length exceeds the address size.</summary>
    public static SubNet FromCidr(NetAddress address, int prefixBits)
    {
        ArgumentNullException.ThrowIfNull(address);
        bool valid = (address.IsIPv4 && prefixBits is >= 0 and <= 32) || (address.IsIPv6 && prefixBits is >= 0 and <= 128);
        if (!valid)
            return Invalid;
        var mask = new byte[16];
        int remaining = prefixBits;
        var network = address.Bytes.ToArray();
        for (int i = 0; i < network.Length; i++)
        {
            int bits = Math.Min(remaining, 8);
            mask[i] = (byte)(0xFF << (8 - bits));
            network[i] &= mask[i];
            remaining -= bits;
        }

        return Create(address, network, mask);
    }

    /// <summary>An IPv4/IPv6 network with a dotted netmask; invalid if the mask's family differs or it is not contiguous.</summary>
    public static SubNet FromMask(NetAddress address, NetAddress mask)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(mask);
        if (!(address.IsIPv4 || address.IsIPv6) || address.Net != mask.Net)
            return Invalid;
        bool zerosFound = false;
        foreach (var b in mask.Bytes)
        {
            int bits = NetmaskBits(b);
            if (bits < 0 || (zerosFound && bits != 0))
                return Invalid;
            if (bits < 8)
                zerosFound = true;
        }

        var maskBytes = new byte[16];
        mask.Bytes.CopyTo(maskBytes);
        var network = address.Bytes.ToArray();
        for (int i = 0; i < network.Length; i++)
            network[i] &= maskBytes[i];
        return Create(address, network, maskBytes);
    }

    private static SubNet Create(NetAddress original, byte[] networkBytes, byte[] mask)
    {
        // Core masks the bytes in place and keeps the network kind, even when the result looks like a mapped address.
        var subnet = new SubNet(NetAddress.WithBytes(original.Net, networkBytes), true);
        mask.CopyTo(subnet._netmask, 0);
        return subnet;
    }

    /// <summary>True if <paramref name="address"/> is valid and in this range.</summary>
    public bool Match(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IsValid || !address.IsValid || Network.Net != address.Net)
            return false;
        switch (Network.Net)
        {
            case NetKind.IPv4:
            case NetKind.IPv6:
                var bytes = address.Bytes;
                var network = Network.Bytes;
                for (int i = 0; i < bytes.Length; i++)
                {
                    if ((bytes[i] & _netmask[i]) != network[i])
                        return false;
                }

                return true;
            case NetKind.Onion:
            case NetKind.I2P:
            case NetKind.Cjdns:
            case NetKind.Internal:
                return address.Equals(Network);
            default:
                return false;
        }
    }

    /// <summary>"1.2.3.0/24", "::1/128", or the bare address for other networks (Core's ToString).</summary>
    public override string ToString()
    {
        if (!(Network.IsIPv4 || Network.IsIPv6))
            return Network.ToStringAddr();
        int cidr = 0;
        for (int i = 0; i < Network.Bytes.Length; i++)
        {
            if (_netmask[i] == 0)
                break;
            cidr += NetmaskBits(_netmask[i]);
        }

        return Network.ToStringAddr() + "/" + cidr.ToString(CultureInfo.InvariantCulture);
    }

    private static int NetmaskBits(byte b) => b switch
    {
        0x00 or 0x80 or 0xC0 or 0xE0 or 0xF0 or 0xF8 or 0xFC or 0xFE or 0xFF => BitOperations.PopCount(b),
        _ => -1,
    };

    /// <inheritdoc/>
    public bool Equals(SubNet? other) =>
        other is not null && IsValid == other.IsValid && Network.Equals(other.Network) && _netmask.AsSpan().SequenceEqual(other._netmask);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SubNet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsValid);
        hash.Add(Network);
        hash.AddBytes(_netmask);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public int CompareTo(SubNet? other)
    {
        if (other is null)
            return 1;
        int byNetwork = Network.CompareTo(other.Network);
        return byNetwork != 0 ? byNetwork : _netmask.AsSpan().SequenceCompareTo(other._netmask);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(SubNet? a, SubNet? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(SubNet? a, SubNet? b) => !(a == b);

    /// <summary>Core's ordering.</summary>
    public static bool operator <(SubNet a, SubNet b) => a.CompareTo(b) < 0;

    /// <summary>Core's ordering.</summary>
    public static bool operator >(SubNet a, SubNet b) => a.CompareTo(b) > 0;

    /// <summary>Core's ordering.</summary>
    public static bool operator <=(SubNet a, SubNet b) => a.CompareTo(b) <= 0;

    /// <summary>Core's ordering.</summary>
    public static bool operator >=(SubNet a, SubNet b) => a.CompareTo(b) >= 0;
}
