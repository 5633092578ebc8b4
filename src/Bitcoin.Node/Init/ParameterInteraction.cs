using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Init;

/// <summary>
/// Option defaults that follow from other options (Core's <c>InitParameterInteraction</c>): each is a soft setting,
/// so an explicit value always wins, and each change is logged as "parameter interaction: ...".
/// </summary>
public static class ParameterInteraction
{
    private const int DefaultMaxPeerConnections = 200;
    private const int DefaultBlocksOnlyMaxMempoolSizeMb = 5;

    /// <summary>Applies the interactions to <paramref name="args"/>.</summary>
    public static void Apply(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // An explicit binding address means the user wants to listen there, even with -connect or -proxy.
        if (args.GetArgs("-bind").Count > 0 && args.SoftSetBoolArg("-listen", true))
            Log.Info("parameter interaction: -bind set -> setting -listen=1");
        if (args.GetArgs("-whitebind").Count > 0 && args.SoftSetBoolArg("-listen", true))
            Log.Info("parameter interaction: -whitebind set -> setting -listen=1");

        if (args.GetArgs("-connect").Count > 0 || args.IsArgNegated("-connect") ||
            args.GetIntArg("-maxconnections", DefaultMaxPeerConnections) <= 0)
        {
            // Connecting only to trusted nodes, or not at all: no DNS seeding, no listening by default.
            if (args.SoftSetBoolArg("-dnsseed", false))
                Log.Info("parameter interaction: -connect or -maxconnections=0 set -> setting -dnsseed=0");
            if (args.SoftSetBoolArg("-listen", false))
                Log.Info("parameter interaction: -connect or -maxconnections=0 set -> setting -listen=0");
        }

        var proxy = args.GetArg("-proxy", "");
        if (proxy.Length > 0 && proxy != "0")
        {
            // A default proxy is a privacy choice: do not listen, map ports or advertise addresses unless asked.
            if (args.SoftSetBoolArg("-listen", false))
                Log.Info("parameter interaction: -proxy set -> setting -listen=0");
            if (args.SoftSetBoolArg("-natpmp", false))
                Log.Info("parameter interaction: -proxy set -> setting -natpmp=0");
            if (args.SoftSetBoolArg("-discover", false))
                Log.Info("parameter interaction: -proxy set -> setting -discover=0");
        }

        if (!args.GetBoolArg("-listen", true))
        {
            if (args.SoftSetBoolArg("-natpmp", false))
                Log.Info("parameter interaction: -listen=0 -> setting -natpmp=0");
            if (args.SoftSetBoolArg("-discover", false))
                Log.Info("parameter interaction: -listen=0 -> setting -discover=0");
            if (args.SoftSetBoolArg("-listenonion", false))
                Log.Info("parameter interaction: -listen=0 -> setting -listenonion=0");
            if (args.SoftSetBoolArg("-i2pacceptincoming", false))
                Log.Info("parameter interaction: -listen=0 -> setting -i2pacceptincoming=0");
        }

        if (args.GetArgs("-externalip").Count > 0 && args.SoftSetBoolArg("-discover", false))
            Log.Info("parameter interaction: -externalip set -> setting -discover=0");

        if (args.GetBoolArg("-blocksonly", false))
        {
            if (args.SoftSetBoolArg("-whitelistrelay", false))
                Log.Info("parameter interaction: -blocksonly=1 -> setting -whitelistrelay=0");
            if (args.SoftSetArg("-maxmempool", DefaultBlocksOnlyMaxMempoolSizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                Log.Info($"parameter interaction: -blocksonly=1 -> setting -maxmempool={DefaultBlocksOnlyMaxMempoolSizeMb}");
        }

        if (args.GetBoolArg("-whitelistforcerelay", false) && args.SoftSetBoolArg("-whitelistrelay", true))
            Log.Info("parameter interaction: -whitelistforcerelay=1 -> setting -whitelistrelay=1");

        var onlyNets = args.GetArgs("-onlynet");
        if (onlyNets.Count > 0)
        {
            var clearnetReachable = onlyNets.Any(n => NetworkNames.Parse(n) is NetworkNames.Ipv4 or NetworkNames.Ipv6);
            if (!clearnetReachable && args.SoftSetBoolArg("-dnsseed", false))
                Log.Info("parameter interaction: -onlynet excludes IPv4 and IPv6 -> setting -dnsseed=0");
        }
    }
}
