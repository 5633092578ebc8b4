using Bitcoin.Common.Args;
using Bitcoin.Common.Rpc.Http;

namespace Apps.bitcoin_wallet;

/// <summary>The options of <c>bitcoin-wallet -ipcconnect</c> beyond the wallet's own, with Core's names.</summary>
internal static class AttachArgs
{
    /// <summary>Registers -ipcconnect, -ipcauth, -server and the -rpc* server options on <paramref name="args"/>.</summary>
    public static void Register(ArgsManager args)
    {
        const ArgFlags any = ArgFlags.AllowAny;
        args.AddArg("-ipcconnect=<address>", "Attach to the bitcoin-node listening on <address>: unix (the node's default socket), unix:<path> or tcp:<host>:<port>", any, OptionsCategory.Ipc);
        args.AddArg("-ipcauth=<secret>", "Secret for a tcp: address (default: the node's IPC cookie file in the data directory)", any | ArgFlags.Sensitive, OptionsCategory.Ipc);
        args.AddArg("-server", "Answer wallet JSON-RPC requests on this process's own port (default: 0)", any, OptionsCategory.Rpc);
        args.AddArg("-rpcbind=<addr>[:port]", "Bind the JSON-RPC server to this address (used with -rpcallowip)", any | ArgFlags.NetworkOnly, OptionsCategory.Rpc);
        args.AddArg("-rpcport=<port>", "Listen for JSON-RPC connections on <port> (default: the chain's RPC port)", any | ArgFlags.NetworkOnly, OptionsCategory.Rpc);
        args.AddArg("-rpcallowip=<ip>", "Allow JSON-RPC connections from this source", any, OptionsCategory.Rpc);
        args.AddArg("-rpcuser=<user>", "Username for JSON-RPC connections", any | ArgFlags.Sensitive, OptionsCategory.Rpc);
        args.AddArg("-rpcpassword=<pw>", "Password for JSON-RPC connections", any | ArgFlags.Sensitive, OptionsCategory.Rpc);
        args.AddArg("-rpcauth=<userpw>", "Username and salted hash of a password for JSON-RPC connections", any | ArgFlags.Sensitive, OptionsCategory.Rpc);
        args.AddArg("-rpccookiefile=<loc>", "Location of the auth cookie, relative to the network data directory (default: .cookie)", any, OptionsCategory.Rpc);
        args.AddArg("-rpccookieperms=<readable-by>", "Permissions of the cookie file: owner, group or all", any, OptionsCategory.Rpc);
        args.AddArg("-rpcwhitelist=<whitelist>", "Methods a user may call", any | ArgFlags.Sensitive, OptionsCategory.Rpc);
        args.AddArg("-rpcwhitelistdefault", "Whether users without a whitelist may call nothing", any, OptionsCategory.Rpc);
        args.AddArg("-rpcthreads=<n>", "Threads serving RPC calls", any, OptionsCategory.Rpc);
        args.AddArg("-rpcworkqueue=<n>", "Depth of the RPC work queue", any, OptionsCategory.Rpc);
        args.AddArg("-rpcservertimeout=<n>", "Timeout of HTTP requests, in seconds", any, OptionsCategory.Rpc);
    }

    /// <summary>
    /// The RPC server's settings from the <c>-rpc*</c> options, as bitcoind reads them: the cookie is this process's own,
    /// in its network data directory (<c>-rpccookiefile</c>; <c>-norpccookiefile</c> disables it).
    /// </summary>
    public static RpcServerOptions ServerOptions(ArgsManager args)
    {
        var cookieArg = args.GetPathArg("-rpccookiefile", RpcAuthCookie.DefaultFileName);
        return new RpcServerOptions
        {
            Port = (int)args.GetIntArg("-rpcport", args.BaseParams.RpcPort),
            Bind = args.GetArgs("-rpcbind"),
            AllowIp = args.GetArgs("-rpcallowip"),
            User = args.GetArg("-rpcuser", ""),
            Password = args.GetArg("-rpcpassword", ""),
            Auth = args.GetArgs("-rpcauth"),
            Whitelist = args.GetArgs("-rpcwhitelist"),
            WhitelistDefault = args.GetBoolArg("-rpcwhitelistdefault"),
            CookieFile = cookieArg.Length == 0 ? null : RpcAuthCookie.ResolvePath(args.GetDataDirNet(), cookieArg),
            CookiePermissions = args.GetArg("-rpccookieperms"),
            Threads = (int)Math.Clamp(args.GetIntArg("-rpcthreads", RpcServerOptions.DefaultThreads), 1, 1024),
            WorkQueue = (int)Math.Clamp(args.GetIntArg("-rpcworkqueue", RpcServerOptions.DefaultWorkQueue), 1, int.MaxValue),
            ServerTimeout = (int)Math.Clamp(args.GetIntArg("-rpcservertimeout", RpcServerOptions.DefaultServerTimeout), 1, int.MaxValue),
            WalletEndpoints = true,
        };
    }
}
