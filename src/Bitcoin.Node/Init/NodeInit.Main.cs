using Bitcoin.Common.Args;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;
using Bitcoin.Common.Rpc.Http;
using Bitcoin.Common.Util;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc;

namespace Bitcoin.Node.Init;

public static partial class NodeInit
{
    private const ulong MinDiskSpaceBytes = 50UL * 1024 * 1024;

    /// <summary>
    /// Step 4a onwards: pid file, debug.log, scheduler, validation signals, RPC commands and the RPC server (in
    /// warm-up), the chainstate, block import in the background, then the end of warm-up ("Done loading"). Returns
    /// true also when shutdown was requested during start-up (the caller then shuts down normally).
    /// </summary>
    public static bool AppInitMain(NodeContext node, NodeMainOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        var args = node.Args;

        if (!PidFile.Create(args, out var pidError))
            return InitMessages.Error(pidError);
        if (!LoggingInit.StartLogging(args, node.Logger))
            return false;

        var datadir = args.GetPathArg("-datadir");
        if (args.IsArgSet("-datadir") && datadir.Length > 0 && !Path.IsPathFullyQualified(datadir))
        {
            Log.Warning($"Relative datadir option '{args.GetArg("-datadir", "")}' specified, which will be interpreted relative to the " +
                        $"current working directory '{Directory.GetCurrentDirectory()}'. This is fragile, because if bitcoin is started in the future " +
                        "from a different location, it will be unable to locate the current data files. There could " +
                        "also be data loss if bitcoin is started while in a temporary directory.");
        }

        var scheduler = new NodeScheduler();
        node.Scheduler = scheduler;
        scheduler.ScheduleEvery(() =>
        {
            if (!HasDiskSpace(args.GetBlocksDirPath(), 0))
            {
                Log.Error("Shutting down due to lack of disk space!");
                node.RequestShutdown();
            }
        }, TimeSpan.FromMinutes(5));
        node.LogRateLimiter = LoggingInit.SetupRateLimiting(args, node.Logger, scheduler.ScheduleEvery);

        node.ValidationSignals = new ValidationSignals();
        node.Notifications = new KernelNotifications(node)
        {
            StopAtHeight = (int)Math.Clamp(args.GetIntArg("-stopatheight", 0), 0, int.MaxValue),
        };

        // Commands are registered whether or not -server is on, as in Core (the GUI console uses them).
        RpcMethod.CheckResultsAgainstDocs = args.GetBoolArg("-rpcdoccheck", false);
        RpcRequest.LogPeerAddresses = Log.LogIps;
        ControlCommands.Register(node.RpcTable, new ControlCommandsOptions
        {
            RequestShutdown = () => node.RequestShutdown(),
            StartTime = node.StartTime,
            Logger = node.Logger,
        });
        node.RpcContext = new NodeRpcContext(node);
        NodeRpcCommands.Register(node.RpcTable, node.RpcContext);
        Net.Rpc.NetRpc.Register(node.RpcTable, node);
        Mempool.MempoolRpc.Register(node.RpcTable, node);
        Signing.SignMessageRpc.Register(node.RpcTable, () => (node.ChainParams ?? node.Chainman!.ChainParams).Network);
        // The wallet (when there is one) is made now and registers its commands through the chain interface.
        Interfaces.NodeChainClients.Construct(node, options.MakeWalletLoader);
        Interfaces.NodeChainClients.RegisterRpcs(node);
        options.RegisterRpcCommands?.Invoke(node);
        if (options.StartIpc is { } startIpc && !startIpc(node))
            return false;

        if (HostPortOptions.Check(args) is { } portError)
            return InitMessages.Error(portError);
        if (!CheckOnlyNet(args))
            return false;

        // The RPC server starts in warm-up: it answers every call with -28 and the current init message until the
        // node is ready, so clients can tell "starting" from "not running".
        if (args.GetBoolArg("-server", false))
        {
            node.InitMessageChanged += node.RpcTable.SetWarmupStatus;
            if (!StartRpcServer(node, options))
                return InitMessages.Error("Unable to start HTTP server. See debug log for details.");
        }

        // Step 5: verify wallet database integrity.
        if (!Interfaces.NodeChainClients.Verify(node))
            return false;

        // Step 6: network initialization (addresses, bans, proxies); nothing connects before step 12.
        if (!Net.NodeNetwork.Setup(node))
            return false;

        if (!LoadChain(node))
            return false;
        if (node.ShutdownRequested)
            return true;

        // Step 9: load wallets (they catch up with the chain through the chain interface).
        if (!Interfaces.NodeChainClients.Load(node))
            return false;

        // Step 12: start node (net processing, listening, connections).
        if (!node.Network!.Start())
            return false;

        node.RpcTable.SetWarmupFinished();
        node.InitMessage("Done loading");
        Interfaces.NodeChainClients.Start(node);

        var startupNotify = args.GetArg("-startupnotify", "");
        if (startupNotify.Length > 0)
            ShellCommand.RunDetached(startupNotify);
        return true;
    }

    private static bool StartRpcServer(NodeContext node, NodeMainOptions options)
    {
        try
        {
            var serverOptions = RpcServerSetup.FromArgs(node.Args, node, options.WalletEndpoints);
            node.RpcServer = RpcHttpServer.StartAsync(node.RpcTable, serverOptions).GetAwaiter().GetResult();
            return true;
        }
        catch (RpcServerStartException e)
        {
            // The details are in debug.log already; the user gets Core's summary line.
            Log.Error(e.Message);
            return false;
        }
    }

    private static bool CheckOnlyNet(ArgsManager args)
    {
        var onlyNets = args.GetArgs("-onlynet");
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in onlyNets)
        {
            var network = NetworkNames.Parse(name);
            if (network is null)
                return InitMessages.Error($"Unknown network specified in -onlynet: '{name}'");
            reachable.Add(network);
        }

        if (!args.IsArgSet("-cjdnsreachable") && onlyNets.Count > 0 && reachable.Contains(NetworkNames.Cjdns))
            return InitMessages.Error("Outbound connections restricted to CJDNS (-onlynet=cjdns) but -cjdnsreachable is not provided");
        return true;
    }

    /// <summary>True if the file system holding <paramref name="directory"/> has 50 MiB plus <paramref name="additionalBytes"/> free (Core's <c>CheckDiskSpace</c>).</summary>
    public static bool HasDiskSpace(string directory, ulong additionalBytes)
    {
        try
        {
            var free = (ulong)new DriveInfo(directory).AvailableFreeSpace;
            return free >= MinDiskSpaceBytes + additionalBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // An unknown amount of space is not a reason to stop the node.
            return true;
        }
    }

    private static string Quoted(string path) => TextFormatting.Quoted(path);
}
