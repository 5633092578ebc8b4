using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// One JSON-RPC call as the server dispatches it (Core's JSONRPCRequest): the method, its parameters, the id to echo,
/// and what the HTTP layer knows about the caller (URI for <c>/wallet/&lt;name&gt;</c> routing, user, peer).
/// </summary>
public sealed class RpcRequest
{
    /// <summary>The request id; meaningful only when <see cref="HasId"/>. JSON null is a valid id.</summary>
    public JsonNode? Id { get; set; }

    /// <summary>False when the request had no "id" member (a 2.0 notification, or a legacy request whose reply has no id).</summary>
    public bool HasId { get; set; } = true;

    /// <summary>The method name.</summary>
    public string Method { get; set; } = "";

    /// <summary>
    /// The parameters: an array (positional) or an object (named). Handlers always see an array, because named
    /// parameters are turned into positions before a command runs.
    /// </summary>
    public JsonNode Params { get; set; } = new JsonArray();

    /// <summary>Why the command is invoked: a real call, or help/argument collection.</summary>
    public RpcRequestMode Mode { get; set; } = RpcRequestMode.Execute;

    /// <summary>The HTTP request path, e.g. "/" or "/wallet/w1" (percent-encoded as received).</summary>
    public string Uri { get; set; } = "";

    /// <summary>The authenticated user name ("__cookie__" for cookie authentication).</summary>
    public string AuthUser { get; set; } = "";

    /// <summary>The caller's address and port, for logs.</summary>
    public string PeerAddress { get; set; } = "";

    /// <summary>Whatever the process attached when it created the server (the node or wallet context), as Core's std::any context.</summary>
    public object? Context { get; set; }

    /// <summary>The dialect of the request.</summary>
    public JsonRpcVersion Version { get; set; } = JsonRpcVersion.V1Legacy;

    /// <summary>Cancelled when the client goes away or the server shuts down; long-polling commands should observe it.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Whether "ThreadRPCServer method=..." debug lines include the caller's address (Core's -logips); the same
    /// setting as <see cref="Log.LogIps"/>.
    /// </summary>
    public static bool LogPeerAddresses
    {
        get => Log.LogIps;
        set => Log.LogIps = value;
    }

    /// <summary>True for a 2.0 request without an id: it is executed but answered with nothing.</summary>
    public bool IsNotification => !HasId && Version == JsonRpcVersion.V2;

    /// <summary>
    /// The wallet named by a <c>/wallet/&lt;name&gt;</c> URI (percent-decoded), or null when the URI names none
    /// (Core's GetWalletNameFromJSONRPCRequest).
    /// </summary>
    public string? WalletName
    {
        get
        {
            const string Prefix = "/wallet/";
            if (!Uri.StartsWith(Prefix, StringComparison.Ordinal)) return null;
            return UrlDecode(Uri[Prefix.Length..]);
        }
    }

    /// <summary>A shallow copy (same context and token) with its own parameters.</summary>
    public RpcRequest With(JsonNode parameters) => new()
    {
        Id = Id,
        HasId = HasId,
        Method = Method,
        Params = parameters,
        Mode = Mode,
        Uri = Uri,
        AuthUser = AuthUser,
        PeerAddress = PeerAddress,
        Context = Context,
        Version = Version,
        CancellationToken = CancellationToken,
    };

    /// <summary>
    /// Reads id, jsonrpc, method and params from a request object with Core's checks and messages
    /// ("Invalid Request object", "jsonrpc field must be a string", "JSON-RPC version not supported", "Missing method",
    /// "Method must be a string", "Params must be an array or object"), all -32600. The id is read first so that
    /// later errors can carry it.
    /// </summary>
    public void Parse(JsonNode? request)
    {
        if (request is not JsonObject obj)
            throw new RpcException(RpcErrorCode.InvalidRequest, "Invalid Request object");

        if (obj.TryGetPropertyValue("id", out var id))
        {
            Id = id;
            HasId = true;
        }
        else
        {
            Id = null;
            HasId = false;
        }

        Version = JsonRpcVersion.V1Legacy;
        var version = obj.Find("jsonrpc");
        if (!version.IsNull())
        {
            if (!version.IsStr()) throw new RpcException(RpcErrorCode.InvalidRequest, "jsonrpc field must be a string");
            // Some old documentation put "1.0" into requests, so it is accepted as the legacy dialect.
            Version = version.GetStr() switch
            {
                "1.0" => JsonRpcVersion.V1Legacy,
                "2.0" => JsonRpcVersion.V2,
                _ => throw new RpcException(RpcErrorCode.InvalidRequest, "JSON-RPC version not supported"),
            };
        }

        var method = obj.Find("method");
        if (method.IsNull()) throw new RpcException(RpcErrorCode.InvalidRequest, "Missing method");
        if (!method.IsStr()) throw new RpcException(RpcErrorCode.InvalidRequest, "Method must be a string");
        Method = method.GetStr();
        if (Log.IsEnabled(LogCategory.Rpc, LogLevel.Debug))
        {
            string logId = HasId && !Id.IsNull() ? Sanitize(Id.GetValStr()) : "";
            if (LogPeerAddresses)
                Log.Debug(LogCategory.Rpc, $"ThreadRPCServer method={Sanitize(Method)} user={AuthUser} peeraddr={PeerAddress} id={logId}");
            else
                Log.Debug(LogCategory.Rpc, $"ThreadRPCServer method={Sanitize(Method)} user={AuthUser} id={logId}");
        }

        var parameters = obj.Find("params");
        Params = parameters switch
        {
            JsonArray or JsonObject => parameters,
            null => new JsonArray(),
            _ when parameters.IsNull() => new JsonArray(),
            _ => throw new RpcException(RpcErrorCode.InvalidRequest, "Params must be an array or object"),
        };
    }

    /// <summary>Keeps only characters safe for a log line (Core's SanitizeString).</summary>
    internal static string Sanitize(string s)
    {
        const string Safe = " .,;-_/:?@()";
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
            if (char.IsAsciiLetterOrDigit(c) || Safe.Contains(c)) sb.Append(c);
        return sb.ToString();
    }

    private static string UrlDecode(string s)
    {
        // Core's UrlDecode: %XX sequences become bytes, everything else (including '+') is kept.
        var bytes = new List<byte>(s.Length);
        var raw = Encoding.UTF8.GetBytes(s);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'%' && i + 2 < raw.Length && Uri_IsHex(raw[i + 1]) && Uri_IsHex(raw[i + 2]))
            {
                bytes.Add(Convert.ToByte(Encoding.ASCII.GetString(raw, i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add(raw[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool Uri_IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
