namespace Bitcoin.Node.Init;

/// <summary>The network names <c>-onlynet</c> accepts (Core's <c>ParseNetwork</c>), as the names themselves.</summary>
public static class NetworkNames
{
    /// <summary>IPv4.</summary>
    public const string Ipv4 = "ipv4";

    /// <summary>IPv6.</summary>
    public const string Ipv6 = "ipv6";

    /// <summary>Tor onion services.</summary>
    public const string Onion = "onion";

    /// <summary>I2P.</summary>
    public const string I2p = "i2p";

    /// <summary>CJDNS.</summary>
    public const string Cjdns = "cjdns";

    /// <summary>
    /// The canonical name of a network given in any case ("IPv4", "tor" for onion), or null for an unknown name
    /// (Core then fails with "Unknown network specified in -onlynet: 'x'").
    /// </summary>
    public static string? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            Ipv4 => Ipv4,
            Ipv6 => Ipv6,
            Onion or "tor" => Onion,
            I2p => I2p,
            Cjdns => Cjdns,
            _ => null,
        };
    }
}
