using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;
using Bitcoin.Common.Rpc.Http;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>An RPC server on 127.0.0.1 (free port) in a temporary directory with the control commands and a few test commands.</summary>
internal sealed class TestRpcServer : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private TestRpcServer(RpcCommandTable table, RpcHttpServer server, string dir)
    {
        Table = table;
        Server = server;
        Directory = dir;
    }

    public RpcCommandTable Table { get; }

    public RpcHttpServer Server { get; }

    public string Directory { get; }

    public IPEndPoint Endpoint => Server.Endpoints[0];

    public Uri Url => new($"http://127.0.0.1:{Endpoint.Port}/");

    /// <summary>Released by tests to let <c>block</c> calls finish.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ShutdownRequests { get; private set; }

    public static async Task<TestRpcServer> StartAsync(Func<RpcServerOptions, RpcServerOptions>? configure = null, bool finishWarmup = true)
    {
        string dir = Path.Combine(Path.GetTempPath(), "rpctest-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var table = new RpcCommandTable();
        TestRpcServer? self = null;
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => self!.ShutdownRequests++ });
        table.Register("test", new RpcMethod("block", "Waits for the test to release it.", [], [new RpcResult(RpcResultType.Str, "", "done")], "",
            async call =>
            {
                await self!.Gate.Task.WaitAsync(call.CancellationToken);
                return "released";
            }));
        table.Register("test", new RpcMethod("whoami", "Returns the user, URI and wallet name.", [], [new RpcResult(RpcResultType.Any, "", "")], "",
            call => new JsonObject
            {
                ["user"] = call.Request.AuthUser,
                ["uri"] = call.Request.Uri,
                ["wallet"] = call.Request.WalletName,
            }));
        table.Register("test", new RpcMethod("getheight", "Returns a number.",
            [new RpcArg("height", RpcArgType.Num, RpcArgFallback.Required, "a height"), new RpcArg("verbose", RpcArgType.Bool, RpcArgFallback.Default(false), "")],
            [new RpcResult(RpcResultType.Num, "", "")], "",
            call => call.ArgInt32("height") + (call.ArgBool("verbose") ? 1000 : 0)));
        if (finishWarmup) table.SetWarmupFinished();

        var options = new RpcServerOptions
        {
            Port = 0,
            Bind = ["127.0.0.1"],
            AllowIp = ["127.0.0.1"],
            CookieFile = Path.Combine(dir, ".cookie"),
        };
        if (configure is not null) options = configure(options);
        try
        {
            var server = await RpcHttpServer.StartAsync(table, options);
            self = new TestRpcServer(table, server, dir);
            return self;
        }
        catch
        {
            System.IO.Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public string CookieCredentials => File.ReadAllText(Path.Combine(Directory, ".cookie"));

    public Task<HttpResponseMessage> PostAsync(string body, string? credentials = null, string path = "/")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        credentials ??= CookieCredentials;
        if (credentials.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public async Task<(HttpStatusCode Status, string Body)> CallAsync(string body, string? credentials = null, string path = "/")
    {
        using var response = await PostAsync(body, credentials, path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static JsonNode? Json(string body) => JsonText.Parse(body);

    public async ValueTask DisposeAsync()
    {
        Gate.TrySetResult();
        await Server.DisposeAsync();
        _http.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
