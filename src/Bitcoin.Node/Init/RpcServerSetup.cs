using Bitcoin.Common.Args;
using Bitcoin.Common.Rpc.Http;

namespace Bitcoin.Node.Init;

/// <summary>Builds the JSON-RPC server's settings from the <c>-rpc*</c> options.</summary>
public static class RpcServerSetup
{
    /// <summary>
    /// The server settings: <c>-rpcport</c> (default: the chain's RPC port), <c>-rpcbind</c>, <c>-rpcallowip</c>,
    /// <c>-rpcuser</c>, <c>-rpcpassword</c>, <c>-rpcauth</c>, <c>-rpcwhitelist</c>, <c>-rpcwhitelistdefault</c>, the cookie
    /// file (<c>-rpccookiefile</c>, relative to the network data directory; <c>-norpccookiefile</c> disables it) and its
    /// permissions, <c>-rpcthreads</c>, <c>-rpcworkqueue</c> and <c>-rpcservertimeout</c>. <paramref name="context"/> is
    /// handed to every command.
    /// </summary>
    public static RpcServerOptions FromArgs(ArgsManager args, object? context, bool walletEndpoints)
    {
        ArgumentNullException.ThrowIfNull(args);
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
            WalletEndpoints = walletEndpoints,
            Context = context,
        };
    }
}
