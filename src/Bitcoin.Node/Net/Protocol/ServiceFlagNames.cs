using System.Globalization;

namespace Bitcoin.Node.Net.Protocol;

/// <summary>Human-readable service names (Core's serviceFlagsToStr), for getpeerinfo and getnetworkinfo.</summary>
public static class ServiceFlagNames
{
    /// <summary>The names of the set bits, lowest first; unknown bits as "UNKNOWN[2^n]".</summary>
    public static IReadOnlyList<string> ToStrings(ServiceFlags flags)
    {
        var names = new List<string>();
        for (int bit = 0; bit < 64; bit++)
        {
            var flag = (ServiceFlags)(1UL << bit);
            if ((flags & flag) == 0)
                continue;
            names.Add(flag switch
            {
                ServiceFlags.Network => "NETWORK",
                ServiceFlags.Bloom => "BLOOM",
                ServiceFlags.Witness => "WITNESS",
                ServiceFlags.CompactFilters => "COMPACT_FILTERS",
                ServiceFlags.NetworkLimited => "NETWORK_LIMITED",
                ServiceFlags.P2PV2 => "P2P_V2",
                _ => string.Create(CultureInfo.InvariantCulture, $"UNKNOWN[2^{bit}]"),
            });
        }

        return names;
    }

    /// <summary>True if the services include serving a useful address database (NETWORK or NETWORK_LIMITED).</summary>
    public static bool MayHaveUsefulAddressDb(ServiceFlags flags) => (flags & (ServiceFlags.Network | ServiceFlags.NetworkLimited)) != 0;
}
