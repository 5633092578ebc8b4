using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// The JSON-RPC server over HTTP (Core's httpserver.cpp and httprpc.cpp) on Kestrel: POST to <c>/</c> and
/// <c>/wallet/&lt;name&gt;</c>, Basic authentication (cookie, -rpcuser/-rpcpassword, -rpcauth), -rpcallowip (other
/// clients' connections are dropped unanswered), -rpcthreads and -rpcworkqueue (503 "Work queue depth exceeded"), 400
/// when the request line and headers exceed 8 KiB, 413 above 32 MiB, keep-alive.
/// Start it with <see cref="StartAsync"/>, stop it with <see cref="StopAsync"/> (which also deletes the cookie).
/// </summary>
public sealed class RpcHttpServer : IAsyncDisposable
{
    private const string WwwAuthenticate = "Basic realm=\"jsonrpc\"";

    // Core's MAX_HEADERS_SIZE: the request line and the header lines together. Kestrel's own limits are set well
    // above it, so that the server itself answers 400 as Core does (Kestrel would answer 414 or 431).
    private const int MaxHeadersSize = 8192;
    private const int KestrelHeaderLimit = 64 * 1024;

    private readonly RpcCommandTable _table;
    private readonly RpcServerOptions _options;
    private readonly RpcAuthenticator _auth;
    private readonly HttpRpcProcessor _processor;
    private readonly IReadOnlyList<IpSubnet> _allowed;
    private readonly SemaphoreSlim _workers;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _queued;
    private int _stopped;
    private long _answered;

    private RpcHttpServer(RpcCommandTable table, RpcServerOptions options, RpcAuthenticator auth, IReadOnlyList<IpSubnet> allowed)
    {
        _table = table;
        _options = options;
        _auth = auth;
        _allowed = allowed;
        _processor = new HttpRpcProcessor(table, auth);
        _workers = new SemaphoreSlim(Math.Max(options.Threads, 1));
        WorkQueueDepth = Math.Max(options.WorkQueue, 1);
    }

    /// <summary>The addresses actually listened on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; private set; } = Array.Empty<IPEndPoint>();

    /// <summary>The cookie file this server wrote (deleted at stop), or null when cookie authentication is not in use.</summary>
    public string? CookieFile => _auth.CookieFile;

    /// <summary>
    /// Runs a parsed JSON-RPC body that arrived another way than HTTP (bitcoin-cli -ipcconnect's <c>executeRpc</c>) as this
    /// server runs a request of <paramref name="authUser"/>: with the server's context and the <c>-rpcwhitelist</c>
    /// rules, so IPC is no way around them (Core's executeRpc calls the same ExecuteHTTPRPC). A refused request gives
    /// status 403 and no reply.
    /// </summary>
    public async Task<JsonRpcReply> ExecuteJsonRpcAsync(JsonNode? body, string uri, string authUser, CancellationToken cancellationToken = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var request = new RpcRequest { Context = _options.Context, Uri = uri ?? "", AuthUser = authUser ?? "", CancellationToken = cancel.Token };
        var (status, reply) = await _processor.ProcessAsync(body, request).ConfigureAwait(false);
        Interlocked.Increment(ref _answered);
        return new JsonRpcReply(status, reply);
    }

    /// <summary>How many requests may wait for a worker before new ones get 503.</summary>
    public int WorkQueueDepth { get; }

    /// <summary>Authenticated JSON-RPC requests answered since start (single requests and batches each count once).</summary>
    public long RequestsServed => Interlocked.Read(ref _answered);

    /// <summary>Requests now waiting for a worker thread.</summary>
    public int QueuedRequests => Volatile.Read(ref _queued);

    /// <summary>
    /// Sets up authentication (writing the cookie), binds the endpoints and starts serving <paramref name="table"/>.
    /// Throws <see cref="RpcServerStartException"/> with Core's message when an option is invalid or no endpoint
    /// could be bound.
    /// </summary>
    public static async Task<RpcHttpServer> StartAsync(RpcCommandTable table, RpcServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        Log.Debug(LogCategory.Rpc, "Starting HTTP RPC server");

        if (options.Port is < 0 or > ushort.MaxValue)
            throw new RpcServerStartException($"Invalid port specified in -rpcport: '{options.Port}'");

        var allowed = new List<IpSubnet> { IpSubnet.TryParse("127.0.0.0/8")!, IpSubnet.TryParse("::1")! };
        foreach (var allow in options.AllowIp)
        {
            var subnet = IpSubnet.TryParse(allow) ?? throw new RpcServerStartException(
                $"Invalid -rpcallowip subnet specification: {allow}. Valid values are a single IP (e.g. 1.2.3.4), a network/netmask " +
                "(e.g. 1.2.3.4/255.255.255.0), a network/CIDR (e.g. 1.2.3.4/24), all ipv4 (0.0.0.0/0), or all ipv6 (::/0).");
            allowed.Add(subnet);
        }
        Log.Debug(LogCategory.Http, $"Allowing HTTP connections from: {string.Join(" ", allowed)} ");

        var endpoints = BindAddresses(options);
        var warnings = new List<string>();
        var usable = new List<IPEndPoint>();
        foreach (var (host, port) in endpoints)
        {
            Log.Info($"Binding RPC on address {host} port {port}");
            if (!IPAddress.TryParse(host, out var address))
            {
                Warn(warnings, $"Could not bind RPC on address {host} port {port}: Address lookup failed.");
                continue;
            }
            var endpoint = new IPEndPoint(address, port);
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
                Warn(warnings, "The RPC server is not safe to expose to untrusted networks such as the public internet");
            if (TryProbeBind(endpoint, out string? error)) usable.Add(endpoint);
            else Warn(warnings, $"Binding RPC on address {FormatEndpoint(endpoint)} failed: {error}");
        }
        if (usable.Count == 0)
        {
            Log.Error("Unable to bind any endpoint for RPC server");
            throw new RpcServerStartException("Unable to bind any endpoint for RPC server", warnings);
        }

        var auth = RpcAuthenticator.Create(options);
        var server = new RpcHttpServer(table, options, auth, allowed);
        try
        {
            await server.StartKestrelAsync(usable, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            auth.DeleteCookie();
            throw new RpcServerStartException("Unable to bind any endpoint for RPC server", warnings, e);
        }
        Log.Debug(LogCategory.Http, $"set work queue of depth {server.WorkQueueDepth}");
        Log.Info($"Starting HTTP server with {Math.Max(options.Threads, 1)} worker threads");
        return server;
    }

    private static void Warn(List<string> warnings, string message)
    {
        Log.Warning(message);
        warnings.Add(message);
    }

    /// <summary>
    /// Where to listen (Core's GetBindAddresses): -rpcbind is honoured only together with -rpcallowip, else the server
    /// listens on ::1 and 127.0.0.1 and warns about the ignored option.
    /// </summary>
    private static List<(string Host, int Port)> BindAddresses(RpcServerOptions options)
    {
        var endpoints = new List<(string, int)>();
        if (options.AllowIp.Count == 0 || options.Bind.Count == 0)
        {
            endpoints.Add(("::1", options.Port));
            endpoints.Add(("127.0.0.1", options.Port));
            if (options.AllowIp.Count > 0)
                Log.Warning("Option -rpcallowip was specified without -rpcbind; this doesn't usually make sense");
            if (options.Bind.Count > 0)
                Log.Warning("Option -rpcbind was ignored because -rpcallowip was not specified, refusing to allow everyone to connect");
            return endpoints;
        }
        foreach (var bind in options.Bind)
        {
            ushort port = (ushort)options.Port;
            if (!Client.HostPort.TrySplit(bind, ref port, out string host))
            {
                string msg = $"Invalid port specified in -rpcbind: '{bind}'";
                Log.Error(msg);
                throw new RpcServerStartException(msg);
            }
            endpoints.Add((host, port));
        }
        return endpoints;
    }

    private static bool TryProbeBind(IPEndPoint endpoint, out string? error)
    {
        // Kestrel fails as a whole if one address cannot be bound; Core skips such addresses with a warning.
        error = null;
        if (endpoint.Port == 0) return TryProbeFamily(endpoint, out error);
        try
        {
            using var socket = NewProbeSocket(endpoint);
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
            socket.Bind(endpoint);
            return true;
        }
        catch (SocketException e)
        {
            error = e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"Unable to bind to {FormatEndpoint(endpoint)} on this computer. {RpcClientIdentity.ClientName} is probably already running."
                : $"Unable to bind to {FormatEndpoint(endpoint)} on this computer (bind returned error {e.Message})";
            return false;
        }
    }

    private static bool TryProbeFamily(IPEndPoint endpoint, out string? error)
    {
        error = null;
        try
        {
            using var socket = NewProbeSocket(endpoint);
            socket.Bind(endpoint);
            return true;
        }
        catch (SocketException e)
        {
            error = $"Unable to bind to {FormatEndpoint(endpoint)} on this computer (bind returned error {e.Message})";
            return false;
        }
    }

    /// <summary>
    /// A socket that binds as Kestrel's listener will: with SO_REUSEADDR on Unix, so connections of a previous run still
    /// in TIME_WAIT do not count as "in use" (a listening socket still does), as Core's listeners do.
    /// </summary>
    private static Socket NewProbeSocket(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (!OperatingSystem.IsWindows()) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        return socket;
    }

    private static string FormatEndpoint(IPEndPoint endpoint)
        => endpoint.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";

    private async Task StartKestrelAsync(List<IPEndPoint> endpoints, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RpcServerOptions.MaxBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelHeaderLimit;
            kestrel.Limits.MaxRequestLineSize = KestrelHeaderLimit;
            // Core limits the headers' size only; the shortest header line ("a:" and its line end) is 4 bytes.
            kestrel.Limits.MaxRequestHeaderCount = KestrelHeaderLimit / 4;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(_options.ServerTimeout, 1));
            foreach (var endpoint in endpoints)
                kestrel.Listen(endpoint, listen => listen.Use(next => connection => AcceptAllowed(connection, next)));
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Endpoints = addresses.Select(ParseAddress).Where(e => e is not null).Select(e => e!).ToList();
    }

    private static IPEndPoint? ParseAddress(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        string host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, uri.Port) : null;
    }

    /// <summary>
    /// Stops accepting requests, cancels running ones that observe <see cref="RpcRequest.CancellationToken"/>, waits
    /// for replies in flight (the one to <c>stop</c> included), and deletes the cookie.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        Log.Debug(LogCategory.Rpc, "Stopping HTTP RPC server");
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        _auth.DeleteCookie();
        Log.Debug(LogCategory.Rpc, "RPC stopped.");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _workers.Dispose();
    }

    private bool ClientAllowed(IPAddress? address) => address is not null && _allowed.Any(s => s.Contains(address));

    // As Core's accept loop: a client outside -rpcallowip gets no answer at all, its connection is closed at once.
    private Task AcceptAllowed(ConnectionContext connection, ConnectionDelegate next)
    {
        var remote = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (ClientAllowed(remote)) return next(connection);
        Log.Debug(LogCategory.Http, $"Connection from {connection.RemoteEndPoint} rejected: Client network is not allowed HTTP access");
        connection.Abort(new ConnectionAbortedException("Client network is not allowed HTTP access"));
        return Task.CompletedTask;
    }

    // The size Core counts against MAX_HEADERS_SIZE: the request line and every header line with their line ends.
    private static long HeadersSize(HttpRequest http, string target)
    {
        long size = http.Method.Length + 1 + target.Length + 1 + http.Protocol.Length + 2;
        foreach (var header in http.Headers)
        {
            foreach (var value in header.Value) size += header.Key.Length + 2 + (value?.Length ?? 0) + 2;
        }
        return size;
    }

    private static async Task WriteNoStoreAsync(HttpContext context, int status, string body = "")
    {
        context.Response.StatusCode = status;
        // Core's reason phrase (Kestrel's differs in case and wording).
        if (status == 413 && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>() is { } feature)
            feature.ReasonPhrase = "Content too large";
        context.Response.Headers.CacheControl = "no-store";
        if (body.Length > 0) await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var http = context.Request;
        // The target as sent (still percent-encoded), like Core's GetURI; Kestrel's Path is decoded.
        string uri = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : http.Path.Value + http.QueryString.Value;
        if (HeadersSize(http, uri) > MaxHeadersSize)
        {
            Log.Debug(LogCategory.Http, $"Error reading HTTP request from {context.Connection.RemoteIpAddress}: HTTP headers exceed size limit");
            context.Response.Headers.Connection = "close";
            await WriteNoStoreAsync(context, 400).ConfigureAwait(false);
            return;
        }
        if (http.Method is not ("GET" or "POST" or "HEAD" or "PUT"))
        {
            await WriteNoStoreAsync(context, 405).ConfigureAwait(false);
            return;
        }
        bool routed = uri == "/" || (_options.WalletEndpoints && uri.StartsWith("/wallet/", StringComparison.Ordinal));
        if (!routed)
        {
            await WriteNoStoreAsync(context, 404).ConfigureAwait(false);
            return;
        }

        // The whole body is read before the request is queued, as Core's HTTP server does.
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            Log.Debug(LogCategory.Http, $"Error reading HTTP request from {context.Connection.RemoteIpAddress}: {e.Message}");
            context.Response.Headers.Connection = "close";
            await WriteNoStoreAsync(context, e.StatusCode == 413 ? 413 : 400).ConfigureAwait(false);
            return;
        }

        if (Log.IsEnabled(LogCategory.Http, LogLevel.Debug))
        {
            var remote = context.Connection.RemoteIpAddress;
            string origin = remote is null ? "" : FormatEndpoint(new IPEndPoint(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote, context.Connection.RemotePort));
            Log.Debug(LogCategory.Http, $"Received a {http.Method} request for {uri} from {origin} (id={context.Connection.Id})");
        }

        if (_stopping.IsCancellationRequested)
        {
            await WriteNoStoreAsync(context, 503, "Request rejected during server shutdown").ConfigureAwait(false);
            return;
        }
        if (Volatile.Read(ref _queued) >= WorkQueueDepth)
        {
            Log.Warning("Request rejected because http work queue depth exceeded, it can be increased with the -rpcworkqueue= setting");
            await WriteNoStoreAsync(context, 503, "Work queue depth exceeded").ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _queued);
        bool acquired = false;
        try
        {
            await _workers.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            acquired = true;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
        try
        {
            await HandleJsonRpcAsync(context, uri, body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Warning($"Unexpected error while processing request for '{uri}'. Error msg: '{e.Message}'");
            if (!context.Response.HasStarted)
            {
                context.Response.Headers.Connection = "close";
                await WriteNoStoreAsync(context, 500, e.Message).ConfigureAwait(false);
            }
        }
        finally
        {
            if (acquired) _workers.Release();
        }
    }

    private async Task HandleJsonRpcAsync(HttpContext context, string uri, byte[] body)
    {
        var http = context.Request;
        if (!HttpMethods.IsPost(http.Method))
        {
            context.Response.StatusCode = 405;
            await context.Response.WriteAsync("JSONRPC server handles only POST requests", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        string? authHeader = http.Headers.Authorization;
        if (string.IsNullOrEmpty(authHeader))
        {
            context.Response.Headers.WWWAuthenticate = WwwAuthenticate;
            context.Response.StatusCode = 401;
            return;
        }

        string peer = context.Connection.RemoteIpAddress is { } ip
            ? FormatEndpoint(new IPEndPoint(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, context.Connection.RemotePort))
            : "";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var request = new RpcRequest
        {
            Context = _options.Context,
            PeerAddress = peer,
            Uri = uri,
            CancellationToken = cancel.Token,
        };
        if (!_auth.Authorize(authHeader, out string user))
        {
            Log.Warning($"ThreadRPCServer incorrect password attempt from {peer}");
            // Slow down password guessing; someone exposing the port to the world gets what they asked for.
            await Task.Delay(250, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.WWWAuthenticate = WwwAuthenticate;
            context.Response.StatusCode = 401;
            return;
        }
        request.AuthUser = user;

        var (status, reply) = JsonText.TryParse(body, out var parsed)
            ? await _processor.ProcessAsync(parsed, request).ConfigureAwait(false)
            : HttpRpcProcessor.ParseFailure(request);
        Interlocked.Increment(ref _answered);

        context.Response.StatusCode = status;
        if (reply is null) return;
        context.Response.ContentType = "application/json";
        byte[] bytes = Encoding.UTF8.GetBytes(JsonText.Write(reply) + "\n");
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
