using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// An IP network for <c>-rpcallowip</c>: a single address, address/prefix-length, or address/netmask (Core's CSubNet
/// as LookupSubNet parses it, without name lookups).
/// </summary>
public sealed class IpSubnet
{
    private readonly byte[] _network;
    private readonly byte[] _mask;

    private IpSubnet(AddressFamily family, byte[] network, byte[] mask, string text)
    {
        Family = family;
        _network = network;
        _mask = mask;
        Text = text;
    }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily Family { get; }

    /// <summary>The network as written by <see cref="ToString"/>.</summary>
    public string Text { get; }

    /// <summary>Parses "1.2.3.4", "1.2.3.0/24", "1.2.3.0/255.255.255.0", "::1", "fe80::/10"; null when invalid.</summary>
    public static IpSubnet? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/');
        string addressText = slash < 0 ? text : text[..slash];
        if (!IsStrictAddress(addressText) || !IPAddress.TryParse(addressText, out var address)) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        byte[] bytes = address.GetAddressBytes();
        int bits = bytes.Length * 8;
        byte[] mask = new byte[bytes.Length];
        if (slash < 0)
        {
            Array.Fill(mask, (byte)0xff);
        }
        else
        {
            string maskText = text[(slash + 1)..];
            if (maskText.Length > 0 && maskText.All(char.IsAsciiDigit))
            {
                if (!int.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) || prefix > bits) return null;
                for (int i = 0; i < prefix; i++) mask[i / 8] |= (byte)(0x80 >> (i % 8));
            }
            else
            {
                if (!IsStrictAddress(maskText) || !IPAddress.TryParse(maskText, out var maskAddress)) return null;
                if (maskAddress.IsIPv4MappedToIPv6) maskAddress = maskAddress.MapToIPv4();
                mask = maskAddress.GetAddressBytes();
                if (mask.Length != bytes.Length || !IsContiguous(mask)) return null;
            }
        }
        var network = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) network[i] = (byte)(bytes[i] & mask[i]);
        return new IpSubnet(address.AddressFamily, network, mask, Format(new IPAddress(network), mask));
    }

    /// <summary>True if <paramref name="address"/> is inside this network (IPv4-mapped IPv6 addresses count as IPv4).</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != Family) return false;
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
            if ((bytes[i] & _mask[i]) != _network[i]) return false;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Only the forms inet_pton accepts: four dotted decimals, or an IPv6 address without a zone.</summary>
    private static bool IsStrictAddress(string text)
    {
        if (text.Contains(':')) return !text.Contains('%');
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool IsContiguous(byte[] mask)
    {
        bool zeroSeen = false;
        foreach (byte b in mask)
            for (int bit = 7; bit >= 0; bit--)
            {
                bool set = (b & (1 << bit)) != 0;
                if (set && zeroSeen) return false;
                if (!set) zeroSeen = true;
            }
        return true;
    }

    private static string Format(IPAddress network, byte[] mask)
    {
        int prefix = 0;
        foreach (byte b in mask) prefix += System.Numerics.BitOperations.PopCount(b);
        return network + "/" + prefix.ToString(CultureInfo.InvariantCulture);
    }
}
