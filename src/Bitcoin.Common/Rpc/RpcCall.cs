using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// What a handler sees of one call: the request (URI, user, context, cancellation) and its positional parameters,
/// with typed accessors by argument name as Core's RPCMethod::Arg / MaybeArg. A parameter of the wrong JSON type
/// throws <see cref="JsonTypeException"/>, which the caller receives as error -3 with Core's message.
/// </summary>
public sealed class RpcCall
{
    internal RpcCall(RpcMethod method, RpcRequest request)
    {
        Method = method;
        Request = request;
        Params = request.Params as JsonArray ?? new JsonArray();
    }

    /// <summary>The method being run.</summary>
    public RpcMethod Method { get; }

    /// <summary>The request (URI, authenticated user, context object, cancellation).</summary>
    public RpcRequest Request { get; }

    /// <summary>The positional parameters (named ones were already put in position; trailing missing ones are absent).</summary>
    public JsonArray Params { get; }

    /// <summary>Cancelled when the client disconnects or the server stops.</summary>
    public CancellationToken CancellationToken => Request.CancellationToken;

    /// <summary>Parameter <paramref name="index"/>, or null (JSON null) when it was not passed.</summary>
    public JsonNode? Param(int index) => index < Params.Count ? Params[index] : null;

    /// <summary>
    /// A required argument, or an optional one with a <see cref="RpcArgFallback.Default"/>: the passed value, or the
    /// default when it was omitted or null. Asking for an argument that has neither is a bug in the handler.
    /// </summary>
    public JsonNode? Arg(string name)
    {
        int i = IndexOf(name);
        var arg = Method.Args[i];
        RpcInternalBugException.Check(arg.Fallback.Kind is RpcArgFallbackKind.Required or RpcArgFallbackKind.Default,
            $"Arg(\"{name}\") used for an argument that is neither required nor has a default");
        var value = Param(i);
        return value.IsNull() && arg.Fallback.Kind == RpcArgFallbackKind.Default ? arg.Fallback.DefaultValue : value;
    }

    /// <summary>An optional argument: the passed value, its default if it has one, or null when neither.</summary>
    public JsonNode? MaybeArg(string name)
    {
        int i = IndexOf(name);
        var arg = Method.Args[i];
        var value = Param(i);
        if (!value.IsNull()) return value;
        return arg.Fallback.Kind == RpcArgFallbackKind.Default ? arg.Fallback.DefaultValue : null;
    }

    /// <summary><see cref="Arg"/> as a string.</summary>
    public string ArgStr(string name) => Arg(name).GetStr();

    /// <summary><see cref="Arg"/> as a boolean.</summary>
    public bool ArgBool(string name) => Arg(name).GetBool();

    /// <summary><see cref="Arg"/> as an int ("JSON integer out of range" if it is not one).</summary>
    public int ArgInt32(string name) => Arg(name).GetInt32();

    /// <summary><see cref="Arg"/> as a long.</summary>
    public long ArgInt64(string name) => Arg(name).GetInt64();

    /// <summary><see cref="Arg"/> as a uint.</summary>
    public uint ArgUInt32(string name) => Arg(name).GetUInt32();

    /// <summary><see cref="Arg"/> as a ulong.</summary>
    public ulong ArgUInt64(string name) => Arg(name).GetUInt64();

    /// <summary><see cref="Arg"/> as a double.</summary>
    public double ArgReal(string name) => Arg(name).GetReal();

    /// <summary><see cref="MaybeArg"/> as a string, or null.</summary>
    public string? MaybeStr(string name) => MaybeArg(name) is { } v ? v.GetStr() : null;

    /// <summary><see cref="MaybeArg"/> as a boolean, or null.</summary>
    public bool? MaybeBool(string name) => MaybeArg(name) is { } v ? v.GetBool() : null;

    /// <summary><see cref="MaybeArg"/> as an int, or null.</summary>
    public int? MaybeInt32(string name) => MaybeArg(name) is { } v ? v.GetInt32() : null;

    /// <summary><see cref="MaybeArg"/> as a long, or null.</summary>
    public long? MaybeInt64(string name) => MaybeArg(name) is { } v ? v.GetInt64() : null;

    /// <summary><see cref="MaybeArg"/> as a double, or null.</summary>
    public double? MaybeReal(string name) => MaybeArg(name) is { } v ? v.GetReal() : null;

    private int IndexOf(string name)
    {
        for (int i = 0; i < Method.Args.Count; i++)
            if (Method.Args[i].Names.Split('|').Contains(name)) return i;
        throw new RpcInternalBugException($"RPC method {Method.Name} has no argument \"{name}\"", "", 0, nameof(IndexOf));
    }
}
