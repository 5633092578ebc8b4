using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bitcoin.Node.Init;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// Turns user-given host names and addresses into network addresses (Core's netbase Lookup, LookupHost,
/// LookupNumeric, LookupSubNet). Names resolve through DNS only when allowed (-dns); onion and I2P names are
/// addresses, never resolved.
/// </summary>
public static class HostResolver
{
    /// <summary>The addresses of <paramref name="name"/> (a literal, an onion/I2P name, or a DNS name when <paramref name="allowLookup"/>); internal results are dropped.</summary>
    public static IReadOnlyList<NetAddress> LookupHosts(string name, bool allowLookup, int maxResults = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal) || name.Length == 0)
            return [];
        if (NetAddress.TryParseSpecial(name) is { } special)
            return [special];
        var literal = name.Length > 1 && name[0] == '[' && name[^1] == ']' ? name[1..^1] : name;
        // A literal in the internal-name prefix is refused like a resolved one (Core never lets a lookup yield one).
        if (TryParseLiteral(literal, out var parsed))
            return parsed.IsInternal ? [] : [parsed];
        if (!allowLookup)
            return [];
        IPAddress[] resolved;
        try
        {
            resolved = Dns.GetHostAddresses(name);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return [];
        }

        var results = new List<NetAddress>();
        foreach (var ip in resolved)
        {
            if (maxResults > 0 && results.Count >= maxResults)
                break;
            if (ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
                continue;
            var address = NetAddress.FromIPAddress(ip);
            if (!address.IsInternal)
                results.Add(address);
        }

        return results;
    }

    /// <summary>The first address of <paramref name="name"/>, or null.</summary>
    public static NetAddress? LookupHost(string name, bool allowLookup)
    {
        var all = LookupHosts(name, allowLookup, 1);
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>
    /// Parses "host", "host:port", "[v6]:port" and resolves the host; the port defaults to
    /// <paramref name="defaultPort"/>. Null when the port is malformed or the host does not resolve.
    /// </summary>
    public static IReadOnlyList<ServiceAddress> Lookup(string name, ushort defaultPort, bool allowLookup, int maxResults = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
            return [];
        HostPortOptions.TrySplitHostPort(name, out var host, out var port);
        if (port == 0)
            port = defaultPort;
        return LookupHosts(host, allowLookup, maxResults).Select(a => new ServiceAddress(a, port)).ToList();
    }

    /// <summary>The first result of <see cref="Lookup(string, ushort, bool, int)"/>, or null.</summary>
    public static ServiceAddress? LookupOne(string name, ushort defaultPort, bool allowLookup)
    {
        var all = Lookup(name, defaultPort, allowLookup, 1);
        return all.Count > 0 ? all[0] : null;
    }

    /// <summary>A numeric address and port without DNS, or the invalid <see cref="ServiceAddress.None"/> (Core's LookupNumeric).</summary>
    public static ServiceAddress LookupNumeric(string name, ushort defaultPort) => LookupOne(name, defaultPort, allowLookup: false) ?? ServiceAddress.None;

    /// <summary>
    /// Parses "address", "address/bits" or "address/netmask" without DNS (Core's LookupSubNet); invalid when
    /// malformed. <paramref name="cjdnsReachable"/> turns fc00::/8 into CJDNS as Core does.
    /// </summary>
    public static SubNet LookupSubNet(string text, bool cjdnsReachable = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
            return SubNet.Invalid;
        int slash = text.LastIndexOf('/');
        var addressText = slash >= 0 ? text[..slash] : text;
        var address = LookupHost(addressText, allowLookup: false);
        if (address is null)
            return SubNet.Invalid;
        address = address.MaybeFlipToCjdns(cjdnsReachable);
        if (slash < 0)
            return SubNet.Single(address);
        var maskText = text[(slash + 1)..];
        if (maskText.Length > 0 && maskText.All(char.IsAsciiDigit) &&
            byte.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return SubNet.FromCidr(address, bits);
        }

        var mask = LookupHost(maskText, allowLookup: false);
        return mask is null ? SubNet.Invalid : SubNet.FromMask(address, mask);
    }

    // Numeric IPv4/IPv6 as getaddrinfo with AI_NUMERICHOST accepts it; IPv4 shorthand like "127.1" is allowed too.
    private static bool TryParseLiteral(string text, out NetAddress address)
    {
        address = NetAddress.None;
        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
            return false;
        if (!IPAddress.TryParse(text, out var ip))
            return false;
        // .NET accepts a trailing port on bracketed IPv6 and other forms getaddrinfo refuses.
        if (text.Contains('[', StringComparison.Ordinal) || (ip.AddressFamily == AddressFamily.InterNetwork && text.Contains(':', StringComparison.Ordinal)))
            return false;
        address = NetAddress.FromIPAddress(ip);
        return true;
    }
}
