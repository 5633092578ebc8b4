namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// Settings of the JSON-RPC HTTP server, one per Core option; the process fills them from its arguments.
/// Defaults are Core's.
/// </summary>
public sealed record RpcServerOptions
{
    /// <summary>Core's DEFAULT_HTTP_THREADS.</summary>
    public const int DefaultThreads = 16;

    /// <summary>Core's DEFAULT_HTTP_WORKQUEUE.</summary>
    public const int DefaultWorkQueue = 64;

    /// <summary>Core's DEFAULT_HTTP_SERVER_TIMEOUT, in seconds.</summary>
    public const int DefaultServerTimeout = 30;

    /// <summary>Largest accepted request body (Core's MAX_BODY_SIZE, 32 MiB); larger ones get HTTP 413.</summary>
    public const long MaxBodySize = 32L * 1024 * 1024;

    /// <summary><c>-rpcport</c>: the port to listen on (the chain's default RPC port unless set). 0 picks a free port.</summary>
    public required int Port { get; init; }

    /// <summary><c>-rpcbind</c> values ("addr", "addr:port", "[v6]:port"); used only together with <see cref="AllowIp"/>.</summary>
    public IReadOnlyList<string> Bind { get; init; } = Array.Empty<string>();

    /// <summary><c>-rpcallowip</c> values: IP, IP/CIDR or IP/netmask. Loopback is always allowed.</summary>
    public IReadOnlyList<string> AllowIp { get; init; } = Array.Empty<string>();

    /// <summary><c>-rpcuser</c>.</summary>
    public string User { get; init; } = "";

    /// <summary><c>-rpcpassword</c>; when empty, cookie authentication is used.</summary>
    public string Password { get; init; } = "";

    /// <summary><c>-rpcauth</c> values, "user:salt$hash".</summary>
    public IReadOnlyList<string> Auth { get; init; } = Array.Empty<string>();

    /// <summary><c>-rpcwhitelist</c> values, "user:method1,method2".</summary>
    public IReadOnlyList<string> Whitelist { get; init; } = Array.Empty<string>();

    /// <summary><c>-rpcwhitelistdefault</c>; when null it is on exactly when some whitelist is given.</summary>
    public bool? WhitelistDefault { get; init; }

    /// <summary>The cookie file path (see <see cref="RpcAuthCookie.ResolvePath"/>), or null for <c>-norpccookiefile</c>.</summary>
    public string? CookieFile { get; init; }

    /// <summary><c>-rpccookieperms</c>: "owner", "group" or "all"; null for the default (owner only).</summary>
    public string? CookiePermissions { get; init; }

    /// <summary><c>-rpcthreads</c>: commands run at once (at least 1).</summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary><c>-rpcworkqueue</c>: requests that may wait for a thread (at least 1); more get HTTP 503.</summary>
    public int WorkQueue { get; init; } = DefaultWorkQueue;

    /// <summary><c>-rpcservertimeout</c>, in seconds: how long an idle connection is kept.</summary>
    public int ServerTimeout { get; init; } = DefaultServerTimeout;

    /// <summary>Serve <c>/wallet/&lt;name&gt;</c> as well as <c>/</c> (when the process has wallet support).</summary>
    public bool WalletEndpoints { get; init; } = true;

    /// <summary>Attached to every request as <see cref="RpcRequest.Context"/>.</summary>
    public object? Context { get; init; }
}
