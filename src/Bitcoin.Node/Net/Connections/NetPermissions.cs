using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>Parsing and naming of P2P permissions (Core's NetPermissions, NetWhitebindPermissions, NetWhitelistPermissions).</summary>
public static class NetPermissions
{
    /// <summary>Descriptions of each permission for help texts.</summary>
    public static IReadOnlyList<string> Documentation { get; } =
    [
        "bloomfilter (may request BIP37 filtered blocks and transactions)",
        "noban (never banned or discouraged for misbehaviour; implies download)",
        "forcerelay (relay transactions even when already in the mempool; implies relay)",
        "relay (relay transactions even with -blocksonly, without announcement limits)",
        "mempool (may request the mempool's contents, BIP35)",
        "download (may download during our initial sync and past -maxuploadtarget)",
        "addr (getaddr answers are fresh and not cached)",
    ];

    /// <summary>True if <paramref name="flags"/> include all bits of <paramref name="flag"/>.</summary>
    public static bool Has(NetPermissionFlags flags, NetPermissionFlags flag) => (flags & flag) == flag;

    /// <summary>The names of the permissions in <paramref name="flags"/>, in Core's order.</summary>
    public static IReadOnlyList<string> ToStrings(NetPermissionFlags flags)
    {
        var names = new List<string>();
        if (Has(flags, NetPermissionFlags.BloomFilter)) names.Add("bloomfilter");
        if (Has(flags, NetPermissionFlags.NoBan)) names.Add("noban");
        if (Has(flags, NetPermissionFlags.ForceRelay)) names.Add("forcerelay");
        if (Has(flags, NetPermissionFlags.Relay)) names.Add("relay");
        if (Has(flags, NetPermissionFlags.Mempool)) names.Add("mempool");
        if (Has(flags, NetPermissionFlags.Download)) names.Add("download");
        if (Has(flags, NetPermissionFlags.Addr)) names.Add("addr");
        return names;
    }

    /// <summary>
    /// Parses "-whitebind=[perms@]addr:port"; false with Core's error message for an unknown permission, an "out"
    /// direction, an unresolvable address or a missing port.
    /// </summary>
    public static bool TryParseWhitebind(string text, out WhitebindPermission whitebind, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        whitebind = default;
        if (!TryParseFlags(text, allowOutbound: false, out var flags, out _, out int offset, out error))
            return false;
        var bindText = text[offset..];
        var address = HostResolver.LookupOne(bindText, 0, allowLookup: false);
        if (address is null)
        {
            error = $"Cannot resolve -whitebind address: '{bindText}'";
            return false;
        }

        if (address.Port == 0)
        {
            error = $"Need to specify a port with -whitebind: '{bindText}'";
            return false;
        }

        whitebind = new WhitebindPermission(flags, address);
        return true;
    }

    /// <summary>
    /// Parses "-whitelist=[perms@]address-or-subnet" (perms may include in/out); false with Core's error message.
    /// </summary>
    public static bool TryParseWhitelist(string text, bool cjdnsReachable, out WhitelistPermission whitelist, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        whitelist = default;
        if (!TryParseFlags(text, allowOutbound: true, out var flags, out var direction, out int offset, out error))
            return false;
        var net = text[offset..];
        var subnet = HostResolver.LookupSubNet(net, cjdnsReachable);
        if (!subnet.IsValid)
        {
            error = $"Invalid netmask specified in -whitelist: '{net}'";
            return false;
        }

        whitelist = new WhitelistPermission(flags, subnet, direction);
        return true;
    }

    private static bool TryParseFlags(string text, bool allowOutbound, out NetPermissionFlags flags, out ConnectionDirection direction,
        out int offset, out string error)
    {
        flags = NetPermissionFlags.None;
        direction = ConnectionDirection.None;
        error = "";
        offset = 0;
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            flags = NetPermissionFlags.Implicit;
        }
        else
        {
            foreach (var permission in text[..at].Split(','))
            {
                switch (permission)
                {
                    case "bloomfilter":
                    case "bloom":
                        flags |= NetPermissionFlags.BloomFilter;
                        break;
                    case "noban":
                        flags |= NetPermissionFlags.NoBan;
                        break;
                    case "forcerelay":
                        flags |= NetPermissionFlags.ForceRelay;
                        break;
                    case "mempool":
                        flags |= NetPermissionFlags.Mempool;
                        break;
                    case "download":
                        flags |= NetPermissionFlags.Download;
                        break;
                    case "all":
                        flags |= NetPermissionFlags.All;
                        break;
                    case "relay":
                        flags |= NetPermissionFlags.Relay;
                        break;
                    case "addr":
                        flags |= NetPermissionFlags.Addr;
                        break;
                    case "in":
                        direction |= ConnectionDirection.In;
                        break;
                    case "out":
                        if (!allowOutbound)
                        {
                            error = "whitebind may only be used for incoming connections (\"out\" was passed)";
                            return false;
                        }

                        direction |= ConnectionDirection.Out;
                        break;
                    case "":
                        break;
                    default:
                        error = $"Invalid P2P permission: '{permission}'";
                        return false;
                }
            }

            offset = at + 1;
        }

        if (direction == ConnectionDirection.None)
        {
            direction = ConnectionDirection.In;
        }
        else if (flags == NetPermissionFlags.None)
        {
            error = $"Only direction was set, no permissions: '{text}'";
            return false;
        }

        return true;
    }
}
