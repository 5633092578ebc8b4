using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Context;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Init;

/// <summary>
/// The node's start-up and shutdown steps, in Core's order (init.cpp): <see cref="AppInitBasicSetup"/>,
/// <see cref="AppInitParameterInteraction"/>, <see cref="AppInitSanityChecks"/>, (daemonize),
/// <see cref="AppInitLockDirectories"/>, <see cref="AppInitInterfaces"/>, <see cref="AppInitMain"/>; then, when
/// shutdown is requested, <see cref="Interrupt"/> and <see cref="Shutdown"/>. Each step returns false after reporting
/// its error through <see cref="InitMessages"/> ("Error: ..." on stderr and in debug.log).
/// </summary>
public static partial class NodeInit
{
    /// <summary>
    /// Step 1: signal handlers (SIGINT/SIGTERM request shutdown, SIGHUP reopens debug.log).
    /// </summary>
    public static bool AppInitBasicSetup(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        SignalHandlers.Register(node);
        return true;
    }

    /// <summary>
    /// Steps 2 and 3: checks that depend on several options and turns options into settings (logging categories and
    /// levels, mock time), with Core's errors and warnings. Also validates the chainstate options, so that bad values
    /// are reported before daemonizing.
    /// </summary>
    public static bool AppInitParameterInteraction(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var args = node.Args;
        var chainParams = node.ChainParams ?? throw new InvalidOperationException("Chain parameters are not set.");

        if (args.IsArgSet("-checkpoints"))
            InitMessages.Warning("Option '-checkpoints' is set but checkpoints were removed. This option has no effect.");
        if (args.IsArgSet("-limitancestorsize"))
            InitMessages.Warning("Option '-limitancestorsize' is given but ancestor size limits have been replaced with cluster size limits (see -limitclustersize). This option has no effect.");
        if (args.IsArgSet("-limitdescendantsize"))
            InitMessages.Warning("Option '-limitdescendantsize' is given but descendant size limits have been replaced with cluster size limits (see -limitclustersize). This option has no effect.");

        // Network-specific options in the default section apply only on main unless repeated in the chain's section.
        var chain = args.GetChainType();
        if (chain == ChainType.Signet)
            Log.Info($"Signet derived magic (message start): {Convert.ToHexStringLower(chainParams.MessageStart.Span)}");
        var chainName = chain.ToName();
        var unsuitable = args.GetUnsuitableSectionOnlyArgs();
        if (unsuitable.Count > 0)
        {
            return InitMessages.Error(string.Concat(unsuitable.Select(arg =>
                $"Config setting for {arg} only applied on {chainName} network when in [{chainName}] section.\n")));
        }

        if (chain == ChainType.Testnet)
            Log.Info("Warning: Support for testnet3 is deprecated and will be removed in an upcoming release. Consider switching to testnet4.");

        var sections = args.GetUnrecognizedSections();
        if (sections.Count > 0)
        {
            InitMessages.Warning(string.Concat(sections.Select(section =>
                $"{section.File}:{section.Line} Section [{section.Name}] is not recognized.\n")));
        }

        if (!Directory.Exists(args.GetBlocksDirPath()))
            return InitMessages.Error($"Specified blocks directory \"{args.GetArg("-blocksdir", "")}\" does not exist.");

        if (!CheckBlockFilterIndexOptions(args) || !CheckUnsupportedIndexes(args))
            return false;

        if (args.GetIntArg("-prune", 0) != 0)
        {
            if (args.GetBoolArg("-txindex", false))
                return InitMessages.Error("Prune mode is incompatible with -txindex.");
            if (args.GetBoolArg("-txospenderindex", false))
                return InitMessages.Error("Prune mode is incompatible with -txospenderindex.");
            if (args.GetBoolArg("-reindex-chainstate", false))
                return InitMessages.Error("Prune mode is incompatible with -reindex-chainstate. Use full -reindex instead.");
        }

        if (args.GetBoolArg("-forcednsseed", false) && !args.GetBoolArg("-dnsseed", true))
            return InitMessages.Error("Cannot set -forcednsseed to true when setting -dnsseed to false.");

        var userBinds = args.GetArgs("-bind").Count + args.GetArgs("-whitebind").Count;
        if (userBinds != 0 && !args.GetBoolArg("-listen", true))
            return InitMessages.Error("Cannot set -bind or -whitebind together with -listen=0");
        if (!args.GetBoolArg("-listen", true) && args.GetBoolArg("-listenonion", true))
            return InitMessages.Error("Cannot set -listen=0 together with -listenonion=1");
        if (args.GetIntArg("-maxconnections", 200) < 0)
            return InitMessages.Error("-maxconnections must be greater or equal than zero");

        if (LoggingInit.SetLoggingCategories(args, node.Logger) is { } categoryError)
            return InitMessages.Error(categoryError);
        if (LoggingInit.SetLoggingLevel(args, node.Logger) is { } levelError)
            return InitMessages.Error(levelError);

        if (args.GetIntArg("-peertimeout", 60) <= 0)
            return InitMessages.Error("peertimeout must be a positive integer.");

        if (MiningArgs.Read(args, out var miningError) is null)
            return InitMessages.Error(miningError);
        if (MempoolArgs.Read(args, chainParams, out var mempoolError) is null)
            return InitMessages.Error(mempoolError);

        if (args.GetIntArg("-mocktime") is { } mockTime)
        {
            if (mockTime < 0)
                return InitMessages.Error("Mocktime cannot be negative: " + mockTime);
            Common.Util.NodeClock.SetMockTime(mockTime);
        }

        var testOptions = args.GetArgs("-test");
        if (testOptions.Count > 0)
        {
            if (chain != ChainType.Regtest)
                return InitMessages.Error("-test=<option> can only be used with regtest");
            foreach (var option in testOptions)
            {
                if (!ArgsHelp.TestOptionsDoc.Any(doc => doc.IndexOf(" (", StringComparison.Ordinal) is var pos and >= 0 && doc[..pos] == option))
                    InitMessages.Warning($"Unrecognised option \"{option}\" provided in -test=<option>.");
            }
        }

        if (chain == ChainType.Main)
        {
            if (args.IsArgSet("-testactivationheight"))
                return InitMessages.Error("The -testactivationheight option may not be used on mainnet.");
            if (args.IsArgSet("-vbparams"))
                return InitMessages.Error("The -vbparams option may not be used on mainnet.");
        }

        // Also check the chainstate options now, so that errors reach the console before daemonizing.
        if (KernelArgs.Read(args, out var kernelError) is null)
            return InitMessages.Error(kernelError);
        return true;
    }

    /// <summary>
    /// Step 4: a probe of the data directory locks so that a second node fails early with a clear
    /// message (the locks themselves are taken after daemonizing, in <see cref="AppInitLockDirectories"/>).
    /// </summary>
    public static bool AppInitSanityChecks(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return LockDirectories(node.Args, probeOnly: true);
    }

    /// <summary>Takes the data directory and blocks directory locks and keeps them until the process exits.</summary>
    public static bool AppInitLockDirectories(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return LockDirectories(node.Args, probeOnly: false);
    }

    /// <summary>Creates the interfaces other components reach the node through: the <see cref="NodeContext.Chain"/> chain clients use.</summary>
    public static bool AppInitInterfaces(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Chain = Interfaces.NodeInterfaces.MakeChain(node);
        return true;
    }

    private static bool LockDirectories(ArgsManager args, bool probeOnly)
    {
        foreach (var directory in new[] { args.GetDataDirNet(), args.GetBlocksDirPath() })
        {
            if (!DirectoryLock.TryLockDirectory(directory, probeOnly, out var error))
                return InitMessages.Error(error);
        }

        return true;
    }

    private static bool CheckUnsupportedIndexes(ArgsManager args)
    {
        // Indexes this node does not build yet are refused rather than silently missing.
        foreach (var option in new[] { "-coinstatsindex", "-txospenderindex" })
        {
            if (args.GetBoolArg(option, false))
                return InitMessages.Error($"The {option} option is not supported by this node yet.");
        }

        return true;
    }

    private static bool CheckBlockFilterIndexOptions(ArgsManager args)
    {
        var value = args.GetArg("-blockfilterindex", "0");
        var basicEnabled = value is "" or "1";
        if (!basicEnabled && value != "0")
        {
            foreach (var name in args.GetArgs("-blockfilterindex"))
            {
                if (name != "basic")
                    return InitMessages.Error($"Unknown -blockfilterindex value {name}.");
                basicEnabled = true;
            }
        }

        if (args.GetBoolArg("-peerblockfilters", false) && !basicEnabled)
            return InitMessages.Error("Cannot set -peerblockfilters without -blockfilterindex.");
        return true;
    }
}
