using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Init;

/// <summary>
/// Every option Bitcoin Core's bitcoind accepts (Core's <c>SetupServerArgs</c> with what it pulls in: help, logging,
/// chain selection, connection, ZMQ, debugging, relay, mining, RPC, IPC and, through a callback, the wallet), with the
/// same names, flags and help categories, so any bitcoin.conf or command line written for Core is accepted.
/// </summary>
public static class NodeArgs
{
    private const string CurrencyUnit = "BTC";

    /// <summary>
    /// The wallet options registered hidden when the process has no wallet (Core's dummy wallet), so a shared
    /// bitcoin.conf with wallet settings still loads.
    /// </summary>
    public static IReadOnlyList<string> WalletOptionNames { get; } =
    [
        "-addresstype", "-avoidpartialspends", "-changetype", "-consolidatefeerate=<amt>", "-disablewallet",
        "-discardfee=<amt>", "-fallbackfee=<amt>", "-keypool=<n>", "-maxapsfee=<n>", "-maxtxfee=<amt>",
        "-mintxfee=<amt>", "-signer=<cmd>", "-spendzeroconfchange", "-txconfirmtarget=<n>", "-wallet=<path>",
        "-walletbroadcast", "-walletdir=<dir>", "-walletnotify=<cmd>", "-walletrbf", "-walletrejectlongchains",
        "-walletcrosschain", "-unsafesqlitesync",
    ];

    /// <summary>
    /// Registers the node's options.
    /// </summary>
    /// <param name="args">The argument manager to fill (normally empty).</param>
    /// <param name="canListenIpc">True for bitcoin-node, which accepts <c>-ipcbind</c>; bitcoind refuses it as Core's does.</param>
    /// <param name="addWalletOptions">
    /// Registers the wallet's options (<c>Bitcoin.Wallet.Init.WalletArgs.Register</c>) in a process that has a wallet;
    /// null registers them hidden, accepted and ignored.
    /// </param>
    public static void Register(ArgsManager args, bool canListenIpc = false, Action<ArgsManager>? addWalletOptions = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgsHelp.SetupHelpOptions(args);
        args.AddArg("-help-debug", "Print help including debugging options, then exit", ArgFlags.AllowAny, OptionsCategory.DebugTest);

        LoggingInit.AddLoggingArgs(args);
        AddGeneralOptions(args);
        AddConnectionOptions(args);

        if (addWalletOptions is not null)
            addWalletOptions(args);
        else
            args.AddHiddenArgs(WalletOptionNames);

        AddZmqOptions(args);
        AddDebugOptions(args);
        ChainArgs.Register(args);
        AddRelayOptions(args);
        AddBlockCreationOptions(args);
        AddRpcOptions(args, canListenIpc);

        args.AddArg("-daemon", "Run in the background (default: 0)", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-daemonwait", "Run in the background, returning only once start-up has finished; implies -daemon (default: 0)", ArgFlags.AllowAny, OptionsCategory.Options);

        // Accepted for compatibility and ignored: internal test switches and options of the GUI sharing bitcoin.conf.
        args.AddHiddenArgs(["-dbcrashratio", "-forcecompactdb", "-choosedatadir", "-lang=<lang>", "-min", "-resetguisettings", "-splash", "-uiplatform"]);
    }

    private static void AddGeneralOptions(ArgsManager args)
    {
        const OptionsCategory c = OptionsCategory.Options;
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-version", "Print the version, then exit", any, c);
        args.AddArg("-alertnotify=<cmd>", "Run <cmd> when an alert is raised; %s in <cmd> becomes the message", any, c);
        args.AddArg("-assumevalid=<hex>", "Skip script checks of this block and its ancestors if it is in the best chain (0 checks everything; default: the chain's built-in block)", any, c);
        args.AddArg("-blocksdir=<dir>", "Keep the blocks directory (blk*.dat, rev*.dat) under <dir> instead of the data directory", any, c);
        args.AddArg("-blocksxor", "Obfuscate block files with an XOR key: random for a new blocks directory, zeros for an existing one or with -blocksxor=0 (default: 1)", any, c);
        args.AddArg("-fastprune", "Use small block files and a low minimum prune height (testing)", any | ArgFlags.DebugOnly, OptionsCategory.DebugTest);
        args.AddArg("-blocknotify=<cmd>", "Run <cmd> when the best block changes; %s in <cmd> becomes the block hash", any, c);
        args.AddArg("-blockreconstructionextratxn=<n>", "Extra transactions kept in memory to rebuild compact blocks (default: 100)", any, c);
        args.AddArg("-blocksonly", "Refuse transactions relayed by peers and do not relay transactions ourselves, except from peers with forcerelay permission; RPC is unaffected (default: 0)", any, c);
        args.AddArg("-coinstatsindex", "Keep the coin statistics index used by gettxoutsetinfo (default: 0)", any, c);
        args.AddArg("-conf=<file>", $"Read options from <file>, relative to the data directory; command line only (default: {ArgsManager.BitcoinConfFilename})", any, c);
        args.AddArg("-datadir=<dir>", "Use <dir> as the data directory", any | ArgFlags.DisallowNegation, c);
        args.AddArg("-dbbatchsize", "Largest database write batch in bytes (default: 33554432)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-dbcache=<n>", "Database cache of <n> MiB, shared with unused mempool memory (minimum 4, default: 450, more on machines with much memory)", any, c);
        args.AddArg("-includeconf=<file>", "Also read options from <file>, relative to the data directory; config file only", any, c);
        args.AddArg("-allowignoredconf", $"Only warn, instead of refusing to start, when a {ArgsManager.BitcoinConfFilename} in the data directory is not the one in use", any, c);
        args.AddArg("-loadblock=<file>", "Import blocks from <file> at start-up (obfuscated block files are not supported)", any, c);
        args.AddArg("-maxmempool=<n>", "Keep the mempool under <n> MB (default: 300)", any, c);
        args.AddArg("-mempoolexpiry=<n>", "Drop transactions from the mempool after <n> hours (default: 336)", any, c);
        args.AddArg("-minimumchainwork=<hex>", "Least total work a chain must have to be trusted, in hex (default: the chain's built-in value)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-par=<n>", "Script verification threads (0 = automatic, at most 15, <0 = leave that many cores free; default: 0)", any, c);
        args.AddArg("-prevoutfetchthreads=<n>", "Threads prefetching block inputs from the chainstate (0 = off, at most 16, default: 8; negative values are refused)", any, c);
        args.AddArg("-persistmempool", "Save the mempool at shutdown and reload it at start-up (default: 1)", any, c);
        args.AddArg("-persistmempoolv1", "Write mempool.dat in the old version 1 format instead of version 2; temporary (default: 0)", any, c);
        args.AddArg("-pid=<file>", $"Write the process id to <file>, relative to the network data directory (default: {PidFile.DefaultFileName})", any, c);
        args.AddArg("-prune=<n>", "Delete old blocks to save space: 0 = never (default), 1 = only through the pruneblockchain RPC, >=550 = keep block files under <n> MiB. Incompatible with -txindex; turning it off again means downloading the whole chain", any, c);
        args.AddArg("-reindex", "Rebuild the block index, the chainstate and active indexes from the block files", any, c);
        args.AddArg("-reindex-chainstate", "Rebuild the chainstate from the block files", any, c);
        args.AddArg("-settings=<file>", $"Keep settings changed at run time in <file>, relative to the network data directory; -nosettings disables it (default: {ArgsManager.BitcoinSettingsFilename})", any, c);
        args.AddArg("-startupnotify=<cmd>", "Run <cmd> once start-up has finished", any, c);
        args.AddArg("-shutdownnotify=<cmd>", "Run <cmd> just before shutting down (it should return quickly)", any, c);
        args.AddArg("-txindex", "Keep an index of all transactions, for getrawtransaction (default: 0)", any, c);
        args.AddArg("-txospenderindex", "Keep an index of the transactions spending each output, for gettxspendingprevout (default: 0)", any, c);
        args.AddArg("-blockfilterindex=<type>", "Keep compact block filters of <type> (basic), or of all types when <type> is 1 or absent (default: 0)", any, c);
    }

    private static void AddConnectionOptions(ArgsManager args)
    {
        const OptionsCategory c = OptionsCategory.Connection;
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-addnode=<ip>", "Keep a connection to this node (may be given several times; at most 8 such connections, not counted in -maxconnections)", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-asmap=<file>", "Bucket peers by the autonomous system map in <file>, relative to the network data directory", any, c);
        args.AddArg("-bantime=<n>", "Length in seconds of manual bans (default: 86400)", any, c);
        args.AddArg("-bind=<addr>[:<port>][=onion]", "Always listen on this address; use [host]:port for IPv6; =onion marks incoming connections as Tor (default: 0.0.0.0, and 127.0.0.1:<port+1>=onion)", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-cjdnsreachable", "This host reaches the CJDNS network (fc00::/8) (default: 0)", any, c);
        args.AddArg("-connect=<ip>", "Connect only to this node (may be given several times); -noconnect turns automatic connections off", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-discover", "Find our own IP addresses (default: 1 when listening without -externalip or -proxy)", any, c);
        args.AddArg("-dns", "Resolve names given to -addnode, -seednode and -connect (default: 1)", any, c);
        args.AddArg("-dnsseed", "Ask DNS seeds for peer addresses when short of them (default: 1 unless -connect or -maxconnections=0)", any, c);
        args.AddArg("-externalip=<ip>", "Our own public address", any, c);
        args.AddArg("-fixedseeds", "Use the built-in seed addresses if DNS seeds give none (default: 1)", any, c);
        args.AddArg("-forcednsseed", "Always ask DNS seeds for peer addresses (default: 0)", any, c);
        args.AddArg("-listen", "Accept incoming connections (default: 1 unless -proxy, -connect or -maxconnections=0)", any, c);
        args.AddArg("-listenonion", "Create a Tor onion service automatically (default: 1)", any, c);
        args.AddArg("-maxconnections=<n>", "Keep at most <n> automatic peer connections (default: 200; some are reserved for outbound; -addnode and private broadcast connections have their own limits)", any, c);
        args.AddArg("-inboundrelaypercent=<n>", "Largest share of inbound peers, in percent, that may relay transactions to us (0 to 100, default: 50)", any, c);
        args.AddArg("-maxreceivebuffer=<n>", "Receive buffer per connection, <n>*1000 bytes (default: 5000)", any, c);
        args.AddArg("-maxsendbuffer=<n>", "Send buffer per connection, <n>*1000 bytes (default: 1000)", any, c);
        args.AddArg("-maxuploadtarget=<n>", "Try to keep upload under <n> per 24 hours, with suffix k, m, g, t (1000-based) or K, M, G, T (1024-based), M if none; 0 = no limit (default: 0M)", any, c);
        args.AddArg("-onion=<ip:port|path>", "Reach Tor onion services through this SOCKS5 proxy, or a unix:<path> socket; -noonion disables (default: -proxy)", any, c);
        args.AddArg("-i2psam=<ip:port>", "I2P SAM proxy for reaching I2P peers and accepting I2P connections", any, c);
        args.AddArg("-i2pacceptincoming", "Accept incoming I2P connections through the SAM proxy when -i2psam is set (default: 1)", any, c);
        args.AddArg("-onlynet=<net>", "Make automatic outbound connections only to network <net> (ipv4, ipv6, onion, i2p, cjdns); may be given several times", any, c);
        args.AddArg("-v2transport", "Speak the BIP324 encrypted v2 transport with peers that offer it, falling back to v1 (default: 1)", any, c);
        args.AddArg("-peerbloomfilters", "Serve BIP37 bloom-filtered blocks and transactions (default: 0)", any, c);
        args.AddArg("-peerblockfilters", "Serve BIP157 compact block filters to peers (default: 0)", any, c);
        args.AddArg("-txreconciliation", "Reconcile transactions with peers per BIP330 (default: 0)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-port=<port>", "Listen on <port> (default: 8333, testnet3: 18333, testnet4: 48333, signet: 38333, regtest: 18444); the onion target port then defaults to <port>+1", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-proxy=<ip>[:<port>]|unix:<path>[=<network>]", "Connect through this SOCKS5 proxy, or only for <network> (ipv4, ipv6, tor, cjdns); -noproxy disables (default: none)", any | ArgFlags.DisallowElision, c);
        args.AddArg("-proxyrandomize", "Use new proxy credentials for every connection, isolating Tor streams (default: 1)", any, c);
        args.AddArg("-seednode=<ip>", "Connect to this node for peer addresses, then disconnect; tried before DNS seeds (may be given several times)", any, c);
        args.AddArg("-networkactive", "Enable peer-to-peer networking; setnetworkactive changes it at run time (default: 1)", any, c);
        args.AddArg("-timeout=<n>", "Give up a connection attempt after <n> milliseconds (minimum 1, default: 5000)", any, c);
        args.AddArg("-peertimeout=<n>", "Seconds a new peer gets before it may be dropped for inactivity (minimum 1, default: 60)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-torcontrol=<ip>:<port>", "Tor control address for the onion service (default: 127.0.0.1:9051; port 9051 if none given)", any, c);
        args.AddArg("-torpassword=<pass>", "Tor control password (default: none)", any | ArgFlags.Sensitive, c);
        args.AddArg("-natpmp", "Map the listening port with PCP or NAT-PMP (default: 1)", any, c);
        args.AddArg("-whitebind=<[permissions@]addr>", "Listen on this address and grant its peers these permissions (bloomfilter, noban, forcerelay, relay, mempool, download, addr; default: download,noban,mempool,relay); [host]:port for IPv6; may be given several times", any, c);
        args.AddArg("-whitelist=<[permissions@]IP address or network>", "Grant these permissions (as -whitebind, plus in/out for direction, default in) to peers from this address or CIDR network; may be given several times", any, c);
    }

    private static void AddZmqOptions(ArgsManager args)
    {
        const OptionsCategory c = OptionsCategory.Zmq;
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-zmqpubhashblock=<address>", "Publish block hashes at <address>", any, c);
        args.AddArg("-zmqpubhashtx=<address>", "Publish transaction ids at <address>", any, c);
        args.AddArg("-zmqpubrawblock=<address>", "Publish raw blocks at <address>", any, c);
        args.AddArg("-zmqpubrawtx=<address>", "Publish raw transactions at <address>", any, c);
        args.AddArg("-zmqpubsequence=<address>", "Publish block and transaction sequence events at <address>", any, c);
        args.AddArg("-zmqpubhashblockhwm=<n>", "High water mark of the block hash publisher (default: 1000)", any, c);
        args.AddArg("-zmqpubhashtxhwm=<n>", "High water mark of the transaction id publisher (default: 1000)", any, c);
        args.AddArg("-zmqpubrawblockhwm=<n>", "High water mark of the raw block publisher (default: 1000)", any, c);
        args.AddArg("-zmqpubrawtxhwm=<n>", "High water mark of the raw transaction publisher (default: 1000)", any, c);
        args.AddArg("-zmqpubsequencehwm=<n>", "High water mark of the sequence publisher (default: 1000)", any, c);
    }

    private static void AddDebugOptions(ArgsManager args)
    {
        const OptionsCategory c = OptionsCategory.DebugTest;
        const ArgFlags debug = ArgFlags.AllowAny | ArgFlags.DebugOnly;
        args.AddArg("-checkblocks=<n>", "Blocks to verify at start-up (default: 6, 0 = all)", debug, c);
        args.AddArg("-checklevel=<n>", "How thoroughly -checkblocks verifies: 0 reads blocks, 1 validates them, 2 checks undo data, 3 disconnects tip blocks, 4 reconnects them; each includes the ones below (default: 3)", debug, c);
        args.AddArg("-checkblockindex", "Check the block tree and chainstate every <n> operations, 0 to disable (default: 0, regtest: 1)", debug, c);
        args.AddArg("-checkaddrman=<n>", "Check the address manager every <n> operations, 0 to disable (default: 0)", debug, c);
        args.AddArg("-checkmempool=<n>", "Check the mempool every <n> transactions, 0 to disable (default: 0, regtest: 1)", debug, c);
        // Removed features kept so that their settings produce a clear message instead of "Invalid parameter".
        args.AddArg("-checkpoints", "", ArgFlags.AllowAny, OptionsCategory.Hidden);
        args.AddArg("-deprecatedrpc=<method>", "Allow the deprecated RPC feature <method>", debug, c);
        args.AddArg("-stopafterblockimport", "Stop once blocks from disk are imported (default: 0)", debug, c);
        args.AddArg("-stopatheight", "Stop once the best chain reaches this height (default: 0 = never)", debug, c);
        args.AddArg("-limitancestorcount=<n>", "Deprecated: ancestor count limit, now used only by wallet coin selection (default: 25)", debug, c);
        args.AddArg("-limitancestorsize", "", ArgFlags.AllowAny, OptionsCategory.Hidden);
        args.AddArg("-limitdescendantsize", "", ArgFlags.AllowAny, OptionsCategory.Hidden);
        args.AddArg("-limitdescendantcount=<n>", "Deprecated: descendant count limit, now used only by wallet coin selection (default: 25)", debug, c);
        args.AddArg("-test=<option>", "Enable a test-only behaviour: " + string.Join(", ", ArgsHelp.TestOptionsDoc) + ".", debug, c);
        args.AddArg("-limitclustercount=<n>", "Refuse transactions whose cluster of connected unconfirmed transactions would reach <n> (default: 64, maximum: 64)", debug, c);
        args.AddArg("-limitclustersize=<n>", "Refuse transactions whose cluster would exceed <n> kvB (default: 101)", debug, c);
        args.AddArg("-capturemessages", "Write every P2P message to disk", debug, c);
        args.AddArg("-mocktime=<n>", "Pretend the time is <n> seconds since the Unix epoch (default: 0 = real time)", debug, c);
        args.AddArg("-maxsigcachesize=<n>", "Signature and script caches together use at most <n> MiB (default: 32)", debug, c);
        args.AddArg("-maxtipage=<n>", "Consider the node in initial block download while its tip is older than <n> seconds (default: 86400)", debug, c);
        args.AddArg("-printpriority", $"Log the fee rate ({CurrencyUnit}/kvB) of transactions put in mined blocks (default: 0)", debug, c);
        args.AddArg("-uacomment=<cmt>", "Add <cmt> to the user agent", ArgFlags.AllowAny, c);
    }

    private static void AddRelayOptions(ArgsManager args)
    {
        const OptionsCategory c = OptionsCategory.NodeRelay;
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-acceptnonstdtxn", "Relay and mine non-standard transactions (test chains only; default: 0)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-incrementalrelayfee=<amt>", $"Fee rate ({CurrencyUnit}/kvB) that defines the cost of relay, for mempool limits and replacements (default: 0.000001)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-dustrelayfee=<amt>", $"Fee rate ({CurrencyUnit}/kvB) below which spending an output costs more than it is worth: such outputs are dust (default: 0.00003)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-acceptstalefeeestimates", "Use fee estimates even when older than 60 hours (regtest only; default: 0)", any | ArgFlags.DebugOnly, OptionsCategory.DebugTest);
        args.AddArg("-bytespersigop", "Bytes counted per signature operation for relay and mining (default: 20)", any, c);
        args.AddArg("-datacarrier", "Relay and mine transactions carrying data (default: 1)", any, c);
        args.AddArg("-datacarriersize", "Relay and mine transactions whose data-carrying outputs total at most this many bytes (default: 100000)", any, c);
        args.AddArg("-permitbaremultisig", "Relay transactions with bare (non-P2SH) multisig outputs (default: 1)", any, c);
        args.AddArg("-minrelaytxfee=<amt>", $"Fee rates ({CurrencyUnit}/kvB) below this count as no fee for relay, mining and transaction creation (default: 0.000001)", any, c);
        args.AddArg("-txsendrate=<n>", "Send transactions to inbound peers at most at <n> per second (default: 14)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-privatebroadcast", "Broadcast sendrawtransaction transactions through short-lived Tor or I2P connections without adding them to the mempool first; wallet transactions are unaffected (default: 0)", any, c);
        args.AddArg("-whitelistforcerelay", "Grant forcerelay to whitelisted peers with default permissions (default: 0)", any, c);
        args.AddArg("-whitelistrelay", "Grant relay to whitelisted peers with default permissions (default: 1)", any, c);
    }

    private static void AddBlockCreationOptions(ArgsManager args)
    {
        const OptionsCategory c = OptionsCategory.BlockCreation;
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-blockmaxweight=<n>", "Largest BIP141 weight of created blocks (default: 4000000)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-blockreservedweight=<n>", "Weight kept free in block templates for the header and the miner's coinbase; mining RPC only, not IPC (default: 8000)", any, c);
        args.AddArg("-blockmintxfee=<amt>", $"Lowest fee rate ({CurrencyUnit}/kvB) of transactions put in created blocks (default: 0.00000001)", any, c);
        args.AddArg("-blockversion=<n>", "Version of created blocks, to test forks", any | ArgFlags.DebugOnly, c);
    }

    private static void AddRpcOptions(ArgsManager args, bool canListenIpc)
    {
        const OptionsCategory c = OptionsCategory.Rpc;
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-rest", "Serve public REST requests (default: 0)", any, c);
        args.AddArg("-rpcallowip=<ip>", "Accept JSON-RPC from this source: an IP, network/netmask, network/CIDR, 0.0.0.0/0 or ::/0 (RFC4193 only with -cjdnsreachable=0); may be given several times", any, c);
        args.AddArg("-rpcauth=<userpw>", "A JSON-RPC user with a salted HMAC-SHA-256 password hash, as <USERNAME>:<SALT>$<HASH> (see share/rpcauth); may be given several times", any | ArgFlags.Sensitive, c);
        args.AddArg("-rpcbind=<addr>[:port]", "Listen for JSON-RPC on this address (ignored without -rpcallowip); a port overrides -rpcport; [host]:port for IPv6; may be given several times (default: 127.0.0.1 and ::1). Never expose it to untrusted networks", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-rpcdoccheck", "Report an error at run time when an RPC's documentation is wrong (default: 1)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-rpccookiefile=<loc>", "Where to write the RPC authentication cookie, relative to the network data directory (default: the data directory)", any, c);
        args.AddArg("-rpccookieperms=<readable-by>", "Who may read the RPC cookie file: owner, group or all (default: owner, through umask 0077)", any, c);
        args.AddArg("-rpcpassword=<pw>", "JSON-RPC password", any | ArgFlags.Sensitive, c);
        args.AddArg("-rpcport=<port>", $"Listen for JSON-RPC on <port> (default: {BaseChainParams.For(ChainType.Main).RpcPort}, testnet3: {BaseChainParams.For(ChainType.Testnet).RpcPort}, testnet4: {BaseChainParams.For(ChainType.Testnet4).RpcPort}, signet: {BaseChainParams.For(ChainType.Signet).RpcPort}, regtest: {BaseChainParams.For(ChainType.Regtest).RpcPort})", any | ArgFlags.NetworkOnly, c);
        args.AddArg("-rpcservertimeout=<n>", "Seconds an HTTP request may take (default: 30)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-rpcthreads=<n>", "Threads serving RPC calls (default: 16)", any, c);
        args.AddArg("-rpcuser=<user>", "JSON-RPC user name", any | ArgFlags.Sensitive, c);
        args.AddArg("-rpcwhitelist=<whitelist>", "Restrict a JSON-RPC user to some methods, as <USERNAME>:<rpc 1>,<rpc 2>,...; several lists for one user intersect", any, c);
        args.AddArg("-rpcwhitelistdefault", "With -rpcwhitelist set, users without a whitelist may call nothing; 1 applies that even with no -rpcwhitelist, 0 never (default: on when any -rpcwhitelist is set)", any, c);
        args.AddArg("-rpcworkqueue=<n>", "Longest queue of RPC calls waiting for a thread (default: 64)", any | ArgFlags.DebugOnly, c);
        args.AddArg("-server", "Accept JSON-RPC commands (default: 1 for bitcoind)", any, c);
        if (canListenIpc)
        {
            args.AddArg("-ipcbind=<address>", "Listen for IPC connections on a Unix socket: \"unix\" for <datadir>/node.sock or \"unix:<path>\" (relative to the network data directory; parent directories are created); may be given several times. Local processes reaching the socket get unauthenticated access", any, OptionsCategory.Ipc);
        }
    }
}
