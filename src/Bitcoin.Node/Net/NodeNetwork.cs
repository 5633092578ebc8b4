using System.Text;
using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Context;
using Bitcoin.Node.Init;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Bans;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Processing;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net;

/// <summary>
/// The node's P2P stack and its life cycle (Core's init.cpp steps 6 and 12 for the network): <see cref="Setup"/> reads
/// the network options and loads peers.dat and the ban list before the chain is loaded, <see cref="Start"/> creates
/// net processing over the loaded chainstate and starts listening and connecting, <see cref="Interrupt"/> and
/// <see cref="Stop"/> take it down at shutdown (writing peers.dat and the ban list).
/// </summary>
public sealed class NodeNetwork
{
    /// <summary>Our user agent's name (Core's UA_NAME is "Satoshi"; this node has its own).</summary>
    public const string UserAgentName = "MultiprocessBitcoin";

    /// <summary>Longest user agent (Core's MAX_SUBVERSION_LENGTH).</summary>
    public const int MaxSubVersionLength = 256;

    private const int DefaultMaxPeerConnections = 200;
    private const int MinCoreFileDescriptors = 151;
    private const int MaxAddnodeConnections = 8;
    private const ushort DefaultTorSocksPort = 9050;
    private static readonly TimeSpan DumpInterval = TimeSpan.FromMinutes(15);
    private const string SafeUaCommentPunctuation = " .,;-_?@";

    private readonly NodeContext _node;
    private IDisposable? _validationSubscription;
    private bool _stopped;

    private NodeNetwork(NodeContext node, AddrMan addrman, BanMan banman, ConnectionManager connman, ReachableNetworks reachable,
        ProxySettings proxies, string userAgent, bool nameLookup, ushort listenPort)
    {
        _node = node;
        AddrMan = addrman;
        BanMan = banman;
        Connman = connman;
        Reachable = reachable;
        Proxies = proxies;
        UserAgent = userAgent;
        NameLookup = nameLookup;
        ListenPort = listenPort;
        TimeOffsets = new TimeOffsets(message =>
        {
            if (message is null)
                node.Warnings.Unset(NodeWarning.ClockOutOfSync);
            else
                node.Warnings.Set(NodeWarning.ClockOutOfSync, message);
        });
    }

    /// <summary>The address manager.</summary>
    public AddrMan AddrMan { get; }

    /// <summary>The ban manager.</summary>
    public BanMan BanMan { get; }

    /// <summary>The connection manager.</summary>
    public ConnectionManager Connman { get; }

    /// <summary>Net processing, once the chainstate is loaded.</summary>
    public PeerManager? PeerManager { get; private set; }

    /// <summary>The networks we may connect to.</summary>
    public ReachableNetworks Reachable { get; }

    /// <summary>The configured proxies.</summary>
    public ProxySettings Proxies { get; }

    /// <summary>Our user agent ("subversion").</summary>
    public string UserAgent { get; }

    /// <summary>-dns.</summary>
    public bool NameLookup { get; }

    /// <summary>The port we listen on and advertise (Core's GetListenPort).</summary>
    public ushort ListenPort { get; }

    /// <summary>Clock offsets of outbound peers.</summary>
    public TimeOffsets TimeOffsets { get; }

    /// <summary>Core's FormatSubVersion: "/Name:31.99.0(comment; comment)/".</summary>
    public static string FormatSubVersion(string name, int clientVersion, IReadOnlyList<string> comments)
    {
        var text = new StringBuilder();
        text.Append('/').Append(name).Append(':')
            .Append(clientVersion / 10000).Append('.').Append(clientVersion / 100 % 100).Append('.').Append(clientVersion % 100);
        if (comments.Count > 0)
            text.Append('(').Append(string.Join("; ", comments)).Append(')');
        text.Append('/');
        return text.ToString();
    }

    /// <summary>True if a -uacomment value keeps only the characters Core allows (SAFE_CHARS_UA_COMMENT).</summary>
    public static bool IsSafeUaComment(string comment) =>
        comment.All(c => char.IsAsciiLetterOrDigit(c) || SafeUaCommentPunctuation.Contains(c, StringComparison.Ordinal));

    /// <summary>
    /// Step 6 (network initialization): the address manager from peers.dat, the ban list, the connection manager,
    /// the user agent, proxies and -externalip. Sets <see cref="NodeContext.Network"/>; false after reporting an
    /// init error.
    /// </summary>
    public static bool Setup(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var args = node.Args;
        var chainParams = node.ChainParams ?? throw new InvalidOperationException("Chain parameters are not selected.");
        var magic = chainParams.MessageStart;

        // Reachable networks (Core sets them before starting the RPC server; NodeInit checked the names).
        var reachable = new ReachableNetworks();
        var onlyNets = args.GetArgs("-onlynet");
        if (onlyNets.Count > 0)
        {
            reachable.RemoveAll();
            foreach (var name in onlyNets)
                reachable.Add(NetKinds.Parse(name));
        }

        if (!args.IsArgSet("-cjdnsreachable"))
            reachable.Remove(NetKind.Cjdns);
        bool cjdnsReachable = reachable.Contains(NetKind.Cjdns);

        if (args.IsArgSet("-asmap") && !args.IsArgNegated("-asmap"))
            return InitMessages.Error("-asmap is not supported by this node (IP bucketing uses /16 prefixes)");
        Log.Info("Using /16 prefix for IP bucketing");

        node.InitMessage("Loading P2P addresses…");
        var addrman = LoadAddrman(args, magic);
        if (addrman is null)
            return false;

        var banman = new BanMan(Path.Combine(args.GetDataDirNet(), "banlist"), args.GetIntArg("-bantime", BanMan.DefaultBanTime), cjdnsReachable);
        var connman = new ConnectionManager(addrman, magic, reachable, args.GetBoolArg("-networkactive", true));

        foreach (var socketAddress in args.GetArgs("-bind"))
        {
            int eq = socketAddress.LastIndexOf('=');
            var bindSocket = eq >= 0 ? socketAddress[..eq] : socketAddress;
            if (!HostPortOptions.TrySplitHostPort(bindSocket, out _, out _))
                return InitMessages.Error(HostPortOptions.InvalidPortMessage("-bind", socketAddress));
        }

        var comments = new List<string>();
        foreach (var comment in args.GetArgs("-uacomment"))
        {
            if (!IsSafeUaComment(comment))
                return InitMessages.Error($"User Agent comment ({comment}) contains unsafe characters.");
            comments.Add(comment);
        }

        var userAgent = FormatSubVersion(UserAgentName, ClientVersion.Number, comments);
        if (userAgent.Length > MaxSubVersionLength)
        {
            return InitMessages.Error($"Total length of network version string ({userAgent.Length}) exceeds maximum length ({MaxSubVersionLength}). " +
                                      "Reduce the number or size of uacomments.");
        }

        if (args.GetBoolArg("-dnsseed") == true && !reachable.Contains(NetKind.IPv4) && !reachable.Contains(NetKind.IPv6))
            return InitMessages.Error("Incompatible options: -dnsseed=1 was explicitly specified, but -onlynet forbids connections to IPv4/IPv6");

        bool nameLookup = args.GetBoolArg("-dns", true);
        bool proxyRandomize = args.GetBoolArg("-proxyrandomize", true);
        var proxies = new ProxySettings();
        ProxyEndpoint? ipv4Proxy = null, ipv6Proxy = null, onionProxy = null, nameProxy = null, cjdnsProxy = null;
        foreach (var value in args.GetArgs("-proxy"))
        {
            int eq = value.LastIndexOf('=');
            var proxyText = eq >= 0 ? value[..eq] : value;
            var network = "";
            if (eq >= 0)
            {
                if (eq + 1 == value.Length)
                    return InitMessages.Error($"Invalid -proxy address or hostname, ends with '=': '{value}'");
                network = value[(eq + 1)..].ToLowerInvariant();
            }

            ProxyEndpoint? proxy = null;
            if (proxyText.Length > 0 && proxyText != "0")
            {
                if (proxyText.StartsWith("unix:", StringComparison.Ordinal))
                    return InitMessages.Error($"Invalid -proxy address or hostname: '{proxyText}' (unix socket proxies are not supported)");
                var address = HostResolver.LookupOne(proxyText, DefaultTorSocksPort, nameLookup);
                if (address is null || !address.IsValid)
                    return InitMessages.Error($"Invalid -proxy address or hostname: '{proxyText}'");
                proxy = new ProxyEndpoint(address, proxyRandomize);
            }

            switch (network)
            {
                case "":
                    ipv4Proxy = ipv6Proxy = nameProxy = cjdnsProxy = onionProxy = proxy;
                    break;
                case "ipv4":
                    ipv4Proxy = nameProxy = proxy;
                    break;
                case "ipv6":
                    ipv6Proxy = nameProxy = proxy;
                    break;
                case "onion":
                    onionProxy = proxy;
                    break;
                case "cjdns":
                    cjdnsProxy = proxy;
                    break;
                default:
                    return InitMessages.Error($"Unrecognized network in -proxy='{value}': '{network}'");
            }
        }

        if (ipv4Proxy is not null)
            proxies.Set(NetKind.IPv4, ipv4Proxy);
        if (ipv6Proxy is not null)
            proxies.Set(NetKind.IPv6, ipv6Proxy);
        if (nameProxy is not null)
            proxies.NameProxy = nameProxy;
        if (cjdnsProxy is not null)
            proxies.Set(NetKind.Cjdns, cjdnsProxy);

        bool onlyNetWithOnion = onlyNets.Count > 0 && reachable.Contains(NetKind.Onion);
        var onionArg = args.GetArg("-onion", "");
        if (onionArg.Length > 0)
        {
            if (onionArg == "0")
            {
                onionProxy = null;
                if (onlyNetWithOnion)
                {
                    return InitMessages.Error("Outbound connections restricted to Tor (-onlynet=onion) but the proxy for reaching the Tor network " +
                                              "is explicitly forbidden: -onion=0");
                }
            }
            else
            {
                var address = HostResolver.LookupOne(onionArg, DefaultTorSocksPort, nameLookup);
                if (address is null || !address.IsValid)
                    return InitMessages.Error($"Invalid -onion address or hostname: '{onionArg}'");
                onionProxy = new ProxyEndpoint(address, proxyRandomize);
            }
        }

        bool listenOnion = args.GetBoolArg("-listenonion", true);
        if (onionProxy is not null)
        {
            proxies.Set(NetKind.Onion, onionProxy);
        }
        else
        {
            if (onlyNetWithOnion && !listenOnion)
            {
                return InitMessages.Error("Outbound connections restricted to Tor (-onlynet=onion) but the proxy for reaching the Tor network " +
                                          "is not provided: none of -proxy, -onion or -listenonion is given");
            }

            reachable.Remove(NetKind.Onion);
        }

        ushort listenPort = GetListenPort(args, chainParams.DefaultPort);
        connman.LocalAddresses.Discover = args.GetBoolArg("-discover", true);
        connman.LocalAddresses.Listen = args.GetBoolArg("-listen", true);
        foreach (var text in args.GetArgs("-externalip"))
        {
            var local = HostResolver.LookupOne(text, listenPort, nameLookup);
            if (local is null || !local.IsValid)
                return InitMessages.Error($"Cannot resolve -externalip address: '{text}'");
            connman.LocalAddresses.Add(local, LocalAddresses.ScoreManual, addEvenIfUnreachable: true);
        }

        var i2pSam = args.GetArg("-i2psam", "");
        if (i2pSam.Length > 0)
            return InitMessages.Error("-i2psam is not supported by this node");
        if (onlyNets.Count > 0 && reachable.Contains(NetKind.I2P))
            return InitMessages.Error("Outbound connections restricted to i2p (-onlynet=i2p) but -i2psam is not provided");
        reachable.Remove(NetKind.I2P);

        node.Network = new NodeNetwork(node, addrman, banman, connman, reachable, proxies, userAgent, nameLookup, listenPort);
        return true;
    }

    /// <summary>Core's GetListenPort: the port of the first -bind with one, a -whitebind without noban, -port, or the chain's.</summary>
    private static ushort GetListenPort(ArgsManager args, int defaultPort)
    {
        foreach (var bind in args.GetArgs("-bind"))
        {
            if (HostResolver.LookupOne(bind, 0, allowLookup: false) is { Port: not 0 } address)
                return address.Port;
        }

        foreach (var whitebind in args.GetArgs("-whitebind"))
        {
            if (NetPermissions.TryParseWhitebind(whitebind, out var parsed, out _) && !NetPermissions.Has(parsed.Flags, NetPermissionFlags.NoBan))
                return parsed.Service.Port;
        }

        return (ushort)args.GetIntArg("-port", defaultPort);
    }

    private static AddrMan? LoadAddrman(ArgsManager args, ReadOnlyMemory<byte> magic)
    {
        int checkRatio = (int)Math.Clamp(args.GetIntArg("-checkaddrman", 0), 0, 1_000_000);
        bool deterministic = ArgsHelp.HasTestOption(args, "addrman");
        var path = Path.Combine(args.GetDataDirNet(), PeersDatFile.FileName);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var addrman = new AddrMan(deterministic, checkRatio);
        try
        {
            PeersDatFile.Read(path, addrman, magic.Span);
            Log.Info($"Loaded {addrman.Size()} addresses from peers.dat {started.ElapsedMilliseconds}ms");
        }
        catch (FileNotFoundException)
        {
            addrman = new AddrMan(deterministic, checkRatio);
            Log.Info($"Creating peers.dat because the file was not found (\"{path}\")");
            PeersDatFile.Write(path, addrman, magic.Span);
        }
        catch (AddrManVersionException)
        {
            try
            {
                File.Move(path, path + ".bak", overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                InitMessages.Error("Failed to rename invalid peers.dat file. Please move or delete it and try again.");
                return null;
            }

            addrman = new AddrMan(deterministic, checkRatio);
            Log.Warning($"Creating new peers.dat because the file version was not compatible (\"{path}\"). Original backed up to peers.dat.bak");
            PeersDatFile.Write(path, addrman, magic.Span);
        }
        catch (Exception e) when (e is SerializationException or IOException or InvalidOperationException or ArgumentException or
                                      OverflowException or EndOfStreamException or FormatException)
        {
            InitMessages.Error($"Invalid or corrupt peers.dat ({e.Message}). If you believe this is a bug, please report it to " +
                               $"{Bitcoin.Common.Rpc.RpcClientIdentity.BugReportUrl}. As a workaround, you can move the file (\"{path}\") out of the way " +
                               "(rename, move, or delete) to have a new one created on the next start.");
            return null;
        }

        return addrman;
    }

    /// <summary>Writes peers.dat (Core's DumpPeerAddresses).</summary>
    public void DumpAddresses()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var path = Path.Combine(_node.Args.GetDataDirNet(), PeersDatFile.FileName);
        PeersDatFile.Write(path, AddrMan, Connman.Magic.Span);
        Log.Debug(LogCategory.Net, $"Flushed {AddrMan.Size()} addresses to peers.dat  {started.ElapsedMilliseconds}ms");
    }

    /// <summary>
    /// Step 12 (start node): net processing over the loaded chainstate (registered for validation events), then the
    /// connection manager with the binding, whitelist and connection options, and the periodic tasks. False after
    /// reporting an init error.
    /// </summary>
    public bool Start()
    {
        var node = _node;
        var args = node.Args;
        var chainman = node.EnsureChainman();
        var chainParams = chainman.ChainParams;

        // Step 4 in Core: the number of automatic connections the file descriptor limit allows.
        int userBinds = args.GetArgs("-bind").Count + args.GetArgs("-whitebind").Count;
        int userMaxConnections = (int)Math.Clamp(args.GetIntArg("-maxconnections", DefaultMaxPeerConnections), 0, int.MaxValue);
        int minRequiredFds = MinCoreFileDescriptors + MaxAddnodeConnections + Math.Max(userBinds, 1);
        int availableFds = AvailableFileDescriptors(userMaxConnections + minRequiredFds);
        if (availableFds < minRequiredFds)
            return InitMessages.Error($"Not enough file descriptors available. {availableFds} available, {minRequiredFds} required.");
        int maxConnections = Math.Min(availableFds - minRequiredFds, userMaxConnections);
        if (maxConnections < userMaxConnections)
            InitMessages.Warning($"Reducing -maxconnections from {userMaxConnections} to {maxConnections}, because of system limitations.");
        Log.Info($"Using at most {maxConnections} automatic connections ({availableFds} file descriptors available)");

        var maxUpload = ParseByteUnits(args.GetArg("-maxuploadtarget", "0M"), 1024 * 1024);
        if (maxUpload is null)
            return InitMessages.Error($"Unable to parse -maxuploadtarget: '{args.GetArg("-maxuploadtarget", "")}'");

        long peerTimeout = args.GetIntArg("-peertimeout", 60);
        int connectTimeout = (int)args.GetIntArg("-timeout", 5000);
        if (connectTimeout <= 0)
            connectTimeout = 5000;

        // BIP324 needs ChaCha20-Poly1305 from the platform's crypto library (OpenSSL on Linux).
        bool v2Transport = args.GetBoolArg("-v2transport", true);
        if (v2Transport && !System.Security.Cryptography.ChaCha20Poly1305.IsSupported)
        {
            Log.Info("BIP324 v2 transport disabled: this platform's crypto library has no ChaCha20-Poly1305");
            v2Transport = false;
        }

        var peerOptions = new PeerManagerOptions
        {
            IgnoreIncomingTxs = args.GetBoolArg("-blocksonly", false),
            MaxExtraTxs = (int)Math.Clamp(args.GetIntArg("-blockreconstructionextratxn", 100), 0, 1_000_000),
            TxSendRate = (int)Math.Clamp(args.GetIntArg("-txsendrate", 14), 1, 1000),
            MinRelayFeePerKvB = node.Mempool?.Options.MinRelayFeeRate.FeePerKvB ?? 100,
            BlockFilterIndex = node.BlockFilterIndex,
        };
        var peerman = new PeerManager(Connman, AddrMan, BanMan, chainman, node.Mempool, peerOptions, TimeOffsets, UserAgent);
        PeerManager = peerman;
        if (node.ValidationSignals is { } signals)
            _validationSubscription = signals.Register(peerman);
        node.TxBroadcaster = peerman;

        int bestHeight;
        long bestBlockTime;
        lock (chainman.Lock)
        {
            var tip = chainman.ActiveChain.Tip!;
            bestHeight = tip.Height;
            bestBlockTime = tip.BlockTime;
        }

        Log.Info($"nBestHeight = {bestHeight}");
        peerman.SetBestBlock(bestHeight, bestBlockTime);

        var addedNodes = new List<string>();
        foreach (var added in args.GetArgs("-addnode"))
        {
            // An empty value would be retried forever as a connection target.
            if (added.Trim().Length == 0)
            {
                Log.Warning("Ignoring empty -addnode value");
                continue;
            }

            addedNodes.Add(added);
        }

        ushort defaultBindPort = (ushort)args.GetIntArg("-port", chainParams.DefaultPort);
        ushort defaultBindPortOnion = (ushort)(defaultBindPort + 1);
        var binds = new List<ServiceAddress>();
        var onionBinds = new List<ServiceAddress>();
        foreach (var bindArg in args.GetArgs("-bind"))
        {
            int eq = bindArg.LastIndexOf('=');
            if (eq < 0)
            {
                if (HostResolver.LookupOne(bindArg, defaultBindPort, allowLookup: false) is { } bind)
                {
                    binds.Add(bind);
                    if (BadPorts.IsBad(bind.Port))
                        InitMessages.Warning(BadPortWarning("-bind", bind.Port));
                    continue;
                }
            }
            else if (bindArg[(eq + 1)..] == "onion" && HostResolver.LookupOne(bindArg[..eq], defaultBindPortOnion, allowLookup: false) is { } onionBind)
            {
                onionBinds.Add(onionBind);
                continue;
            }

            return InitMessages.Error($"Cannot resolve -bind address: '{bindArg}'");
        }

        var whiteBinds = new List<WhitebindPermission>();
        foreach (var text in args.GetArgs("-whitebind"))
        {
            if (!NetPermissions.TryParseWhitebind(text, out var whitebind, out var error))
                return InitMessages.Error(error);
            whiteBinds.Add(whitebind);
        }

        bool bindOnAny = args.GetArgs("-bind").Count == 0 && args.GetArgs("-whitebind").Count == 0;
        if (bindOnAny && args.IsArgSet("-port"))
        {
            var port = (ushort)args.GetIntArg("-port", 0);
            if (BadPorts.IsBad(port))
                InitMessages.Warning(BadPortWarning("-port", port));
        }

        if (onionBinds.Count == 0 && binds.Count == 0)
        {
            // The target of an automatically created onion service: 127.0.0.1 on the port after ours.
            onionBinds.Add(new ServiceAddress(NetAddress.FromIPAddress(System.Net.IPAddress.Loopback), defaultBindPortOnion));
        }

        bool shouldDiscover = bindOnAny || binds.Any(b => b.Address.IsBindAny) || whiteBinds.Any(w => w.Service.Address.IsBindAny);
        if (shouldDiscover)
            Connman.DiscoverLocalAddresses();

        var whitelistIn = new List<WhitelistPermission>();
        var whitelistOut = new List<WhitelistPermission>();
        foreach (var text in args.GetArgs("-whitelist"))
        {
            if (!NetPermissions.TryParseWhitelist(text, Reachable.Contains(NetKind.Cjdns), out var whitelist, out var error))
                return InitMessages.Error(error);
            if ((whitelist.Direction & ConnectionDirection.In) != 0)
                whitelistIn.Add(whitelist);
            if ((whitelist.Direction & ConnectionDirection.Out) != 0)
                whitelistOut.Add(whitelist);
        }

        var seedNodes = args.GetArgs("-seednode");
        var connect = args.GetArgs("-connect");
        bool useAddrmanOutgoing = true;
        IReadOnlyList<string> specifiedOutgoing = [];
        if (connect.Count > 0 || args.IsArgNegated("-connect"))
        {
            // Only the given peers (or none with -noconnect): no automatic outbound connections.
            useAddrmanOutgoing = false;
            if (connect.Count != 1 || connect[0] != "0")
                specifiedOutgoing = connect;
            if (specifiedOutgoing.Count > 0 && seedNodes.Count > 0)
                Log.Info("-seednode is ignored when -connect is used");
            if (args.IsArgSet("-dnsseed") && args.GetBoolArg("-dnsseed", true) && args.IsArgSet("-proxy"))
                Log.Info("-dnsseed is ignored when -connect is used and -proxy is specified");
        }

        if (FindBindingConflict(binds, onionBinds, whiteBinds) is { } conflict)
        {
            return InitMessages.Error($"Duplicate binding configuration for address {conflict.ToStringAddrPort()}. " +
                                      "Please check your -bind, -bind=...=onion and -whitebind settings.");
        }

        var options = new ConnectionManagerOptions
        {
            // Every node serves recent blocks (NODE_NETWORK_LIMITED); only an unpruned one offers the whole chain.
            LocalServices = ServiceFlags.NetworkLimited | ServiceFlags.Witness | (chainman.Blockman.IsPruneMode ? 0 : ServiceFlags.Network) |
                            (args.GetBoolArg("-peerbloomfilters", false) ? ServiceFlags.Bloom : 0) |
                            // Start-up already refused -peerblockfilters without -blockfilterindex.
                            (args.GetBoolArg("-peerblockfilters", false) ? ServiceFlags.CompactFilters : 0) |
                            (v2Transport ? ServiceFlags.P2PV2 : 0),
            MaxAutomaticConnections = maxConnections,
            FullRelayInboundPercent = (int)Math.Clamp(args.GetIntArg("-inboundrelaypercent", 50), 0, 100),
            SendBufferMaxSize = 1000 * args.GetIntArg("-maxsendbuffer", 1000),
            ReceiveFloodSize = 1000 * args.GetIntArg("-maxreceivebuffer", 5000),
            AddedNodes = addedNodes,
            MaxOutboundLimit = maxUpload.Value,
            PeerConnectTimeoutSeconds = peerTimeout,
            ConnectTimeoutMilliseconds = connectTimeout,
            WhitelistForceRelay = args.GetBoolArg("-whitelistforcerelay", false),
            WhitelistRelay = args.GetBoolArg("-whitelistrelay", true),
            Binds = binds,
            WhiteBinds = whiteBinds,
            OnionBinds = onionBinds,
            BindOnAny = bindOnAny,
            WhitelistedRangeIncoming = whitelistIn,
            WhitelistedRangeOutgoing = whitelistOut,
            SeedNodes = seedNodes,
            SpecifiedOutgoing = specifiedOutgoing,
            UseAddrmanOutgoing = useAddrmanOutgoing,
            Listen = args.GetBoolArg("-listen", true),
            ListenPort = ListenPort,
            DefaultPort = (ushort)chainParams.DefaultPort,
            NameLookup = NameLookup,
            DnsSeed = args.GetBoolArg("-dnsseed", true),
            ForceDnsSeed = args.GetBoolArg("-forcednsseed", false),
            FixedSeeds = args.GetBoolArg("-fixedseeds", true),
            DnsSeeds = chainParams.DnsSeeds,
            NetworkActive = args.GetBoolArg("-networkactive", true),
            Proxies = Proxies,
        };

        node.RpcContext?.ConnectionCount = () => Connman.GetNodeCount(ConnectionDirection.Both);
        if (!Connman.Start(options, peerman, BanMan, out var startError))
        {
            foreach (var bindError in Connman.InitErrors)
                InitMessages.Error(bindError);
            return InitMessages.Error(startError);
        }

        if (node.Scheduler is { } scheduler)
        {
            scheduler.ScheduleEvery(DumpAddresses, DumpInterval);
            scheduler.ScheduleEvery(BanMan.DumpBanlist, DumpInterval);
            scheduler.ScheduleEvery(peerman.CheckForStaleTipAndEvictPeers, PeerManager.ExtraPeerCheckInterval);
            ScheduleReattemptBroadcast(scheduler, peerman);
        }

        return true;
    }

    private void ScheduleReattemptBroadcast(NodeScheduler scheduler, PeerManager peerman)
    {
        // Every 10 to 15 minutes, randomized against fingerprinting.
        var delay = TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(Random.Shared.NextInt64(5 * 60 * 1000));
        scheduler.ScheduleFromNow(() =>
        {
            if (_stopped)
                return;
            peerman.ReattemptInitialBroadcast();
            ScheduleReattemptBroadcast(scheduler, peerman);
        }, delay);
    }

    private static ServiceAddress? FindBindingConflict(List<ServiceAddress> binds, List<ServiceAddress> onionBinds, List<WhitebindPermission> whiteBinds)
    {
        var seen = new HashSet<ServiceAddress>();
        foreach (var address in binds.Concat(onionBinds).Concat(whiteBinds.Select(w => w.Service)))
        {
            if (!seen.Add(address))
                return address;
        }

        return null;
    }

    private static string BadPortWarning(string prefix, ushort port) =>
        $"{prefix} request to listen on port {port}. This port is considered \"bad\" and thus it is unlikely that any peer will connect to it. " +
        "See doc/p2p-bad-ports.md for details and a full list.";

    /// <summary>The process's open-file limit (the soft RLIMIT_NOFILE), at most <paramref name="wanted"/>.</summary>
    private static int AvailableFileDescriptors(int wanted)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                    continue;
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 0 && long.TryParse(fields[0], out var soft))
                    return (int)Math.Min(soft, wanted);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: assume enough.
        }

        return wanted;
    }

    /// <summary>Core's ParseByteUnits: a number with an optional k/m/g/t (1000-based) or K/M/G/T (1024-based) suffix.</summary>
    public static long? ParseByteUnits(string text, long defaultMultiplier)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            return null;
        long multiplier = defaultMultiplier;
        char last = text[^1];
        long? unit = last switch
        {
            'k' => 1000L,
            'K' => 1024L,
            'm' => 1000L * 1000,
            'M' => 1024L * 1024,
            'g' => 1000L * 1000 * 1000,
            'G' => 1024L * 1024 * 1024,
            't' => 1000L * 1000 * 1000 * 1000,
            'T' => 1024L * 1024 * 1024 * 1024,
            _ => null,
        };
        var number = text;
        if (unit is { } u)
        {
            multiplier = u;
            number = text[..^1];
        }

        if (number.Length == 0 || !number.All(char.IsAsciiDigit) || !ulong.TryParse(number, out var value))
            return null;
        if (value > (ulong)(long.MaxValue / multiplier))
            return null;
        return (long)value * multiplier;
    }

    /// <summary>First half of shutdown: wakes and stops the network threads.</summary>
    public void Interrupt() => Connman.Interrupt();

    /// <summary>
    /// Second half of shutdown (Core's order): unsubscribes net processing from validation events, stops the
    /// connection manager (writing peers.dat) and writes the ban list.
    /// </summary>
    public void Stop()
    {
        if (_stopped)
            return;
        _stopped = true;
        _validationSubscription?.Dispose();
        _validationSubscription = null;
        if (ReferenceEquals(_node.TxBroadcaster, PeerManager))
            _node.TxBroadcaster = null;
        Connman.Stop(DumpAddresses);
        BanMan.DumpBanlist();
    }
}
