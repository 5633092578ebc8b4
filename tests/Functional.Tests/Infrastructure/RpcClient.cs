using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Functional.Tests.Infrastructure;

/// <summary>A minimal JSON-RPC 1.0 client over HTTP with Basic authentication, as bitcoin-cli and Core's tests use.</summary>
internal sealed class RpcClient : IDisposable
{
    private readonly HttpClient _http;
    private int _id;

    public RpcClient(int port, string credentials)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>Calls <paramref name="method"/> with positional parameters; throws <see cref="RpcError"/> for an error reply.</summary>
    public async Task<JsonNode?> CallAsync(string method, params object?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = new JsonArray(parameters.Select(ToNode).ToArray()),
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("", content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (body.Length == 0)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} with an empty body from {method}");
        var reply = JsonNode.Parse(body) as JsonObject
                    ?? throw new HttpRequestException($"HTTP {(int)response.StatusCode}: not a JSON object: {body}");
        if (reply["error"] is JsonObject error)
            throw new RpcError(error["code"]!.GetValue<int>(), error["message"]!.GetValue<string>());
        return reply["result"];
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
