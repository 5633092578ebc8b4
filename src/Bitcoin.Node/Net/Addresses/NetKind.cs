namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// The network an address belongs to (Core's <c>Network</c>), in Core's numbering, which appears on disk (peers.dat
/// network groups) and in the order of getnetworkinfo's "networks".
/// </summary>
public enum NetKind
{
    /// <summary>Addresses that cannot be reached publicly (loopback, private ranges); never a stored address's kind.</summary>
    Unroutable = 0,

    /// <summary>IPv4.</summary>
    IPv4 = 1,

    /// <summary>IPv6.</summary>
    IPv6 = 2,

    /// <summary>Tor v3 onion services.</summary>
    Onion = 3,

    /// <summary>I2P.</summary>
    I2P = 4,

    /// <summary>CJDNS (fc00::/8 when -cjdnsreachable).</summary>
    Cjdns = 5,

    /// <summary>Names stored in the address manager as fake addresses (DNS seeds).</summary>
    Internal = 6,
}
