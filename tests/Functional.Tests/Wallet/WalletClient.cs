using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>
/// JSON-RPC calls to one wallet of a node through its <c>/wallet/&lt;name&gt;</c> endpoint (as Core's
/// <c>get_wallet_rpc</c>), with the node's cookie. A null name calls the root endpoint.
/// </summary>
internal sealed class WalletClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _path;
    private int _id;

    public WalletClient(NodeProcess node, string? walletName)
    {
        Name = walletName;
        _path = walletName is null ? "" : "wallet/" + Uri.EscapeDataString(walletName);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.RpcPort}/"), Timeout = TimeSpan.FromMinutes(5) };
        var cookie = File.ReadAllText(node.CookieFile).Trim();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(cookie)));
    }

    /// <summary>The wallet's name (null: the root endpoint).</summary>
    public string? Name { get; }

    /// <summary>Calls <paramref name="method"/> with positional parameters; throws <see cref="RpcError"/> for an error reply.</summary>
    public async Task<JsonNode?> CallAsync(string method, params object?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = new JsonArray([.. parameters.Select(ToNode)]),
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_path, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (body.Length == 0)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} with an empty body from {method}");
        var reply = JsonNode.Parse(body) as JsonObject ?? throw new HttpRequestException($"not a JSON object: {body}");
        if (reply["error"] is JsonObject error)
            throw new RpcError(error["code"]!.GetValue<int>(), error["message"]!.GetValue<string>());
        return reply["result"];
    }

    /// <summary>Calls <paramref name="method"/> with named parameters (JSON-RPC params as an object).</summary>
    public async Task<JsonNode?> CallNamedAsync(string method, JsonObject parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = parameters.DeepClone(),
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(_path, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var reply = JsonNode.Parse(body) as JsonObject ?? throw new HttpRequestException($"not a JSON object: {body}");
        if (reply["error"] is JsonObject error)
            throw new RpcError(error["code"]!.GetValue<int>(), error["message"]!.GetValue<string>());
        return reply["result"];
    }

    /// <summary>A new receiving address.</summary>
    public async Task<string> NewAddressAsync() => (await CallAsync("getnewaddress").ConfigureAwait(false))!.GetValue<string>();

    /// <summary>getbalances' "mine" object.</summary>
    public async Task<JsonObject> MineBalancesAsync() =>
        (await CallAsync("getbalances").ConfigureAwait(false))!["mine"]!.AsObject();

    /// <summary>getbalances' mine.trusted in BTC.</summary>
    public async Task<decimal> TrustedAsync() => (await MineBalancesAsync().ConfigureAwait(false))["trusted"]!.GetValue<decimal>();

    /// <summary>gettransaction of <paramref name="txid"/>.</summary>
    public async Task<JsonObject> TransactionAsync(string txid) => (await CallAsync("gettransaction", txid).ConfigureAwait(false))!.AsObject();

    /// <summary>Asserts that <paramref name="method"/> fails with <paramref name="code"/> and a message containing <paramref name="message"/>.</summary>
    public async Task AssertErrorAsync(int code, string message, string method, params object?[] parameters)
    {
        var error = await Assert.ThrowsAsync<RpcError>(() => CallAsync(method, parameters)).ConfigureAwait(false);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.RpcMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        _ => throw new ArgumentException($"Unsupported RPC parameter type {value.GetType()}", nameof(value)),
    };
}
