namespace Bitcoin.Node.Net.Addresses;

/// <summary>Network names as Core spells them in RPC and options (Core's GetNetworkName / ParseNetwork).</summary>
public static class NetKinds
{
    /// <summary>The networks a user can name (ipv4, ipv6, onion, i2p, cjdns), in Core's order.</summary>
    public static IReadOnlyList<NetKind> Public { get; } = [NetKind.IPv4, NetKind.IPv6, NetKind.Onion, NetKind.I2P, NetKind.Cjdns];

    /// <summary>"ipv4", "onion", "not_publicly_routable", ...</summary>
    public static string Name(NetKind kind) => kind switch
    {
        NetKind.Unroutable => "not_publicly_routable",
        NetKind.IPv4 => "ipv4",
        NetKind.IPv6 => "ipv6",
        NetKind.Onion => "onion",
        NetKind.I2P => "i2p",
        NetKind.Cjdns => "cjdns",
        NetKind.Internal => "internal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown network."),
    };

    /// <summary>The names of the public networks, optionally followed by "not_publicly_routable" (Core's GetNetworkNames).</summary>
    public static IReadOnlyList<string> Names(bool appendUnroutable = false)
    {
        var names = Public.Select(Name).ToList();
        if (appendUnroutable)
            names.Add(Name(NetKind.Unroutable));
        return names;
    }

    /// <summary>The network of a name in any case, or <see cref="NetKind.Unroutable"/> for an unknown name (Core's ParseNetwork).</summary>
    public static NetKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "ipv4" => NetKind.IPv4,
            "ipv6" => NetKind.IPv6,
            "onion" => NetKind.Onion,
            "i2p" => NetKind.I2P,
            "cjdns" => NetKind.Cjdns,
            _ => NetKind.Unroutable,
        };
    }
}
