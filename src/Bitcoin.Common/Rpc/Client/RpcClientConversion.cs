using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc.Client;

/// <summary>
/// Turns command-line words into RPC parameters as bitcoin-cli does (Core's RPCConvertValues / RPCConvertNamedValues):
/// arguments listed in the conversion table are parsed as JSON, the rest are passed as strings.
/// </summary>
public static class RpcClientConversion
{
    /// <summary>Every row of the conversion table.</summary>
    public static IReadOnlyList<RpcConvertParam> Table => RpcConversionTable.Entries;

    /// <summary>The row for argument <paramref name="index"/> of <paramref name="method"/>, or null.</summary>
    public static RpcConvertParam? FromPosition(string method, int index)
        => Array.Find(RpcConversionTable.Entries, p => p.Method == method && p.Index == index);

    /// <summary>The row for the argument named <paramref name="name"/> of <paramref name="method"/>, or null.</summary>
    public static RpcConvertParam? FromName(string method, string name)
        => Array.Find(RpcConversionTable.Entries, p => p.Method == method && p.Name == name);

    /// <summary>
    /// Positional parameters. Throws <see cref="FormatException"/> "Error parsing JSON: &lt;text&gt;" for an argument that
    /// must be JSON and is not.
    /// </summary>
    public static JsonArray ConvertValues(string method, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(args);
        var parameters = new JsonArray();
        foreach (var arg in args) parameters.Add(ParseParam(FromPosition(method, parameters.Count), arg));
        return parameters;
    }

    /// <summary>
    /// Named parameters for <c>-named</c>: "name=value" words become members (a later one wins), words without '='
    /// (and words whose name is unknown when the next positional argument takes a string, or takes JSON and the word
    /// parses as JSON) are collected into an "args" member. Throws <see cref="FormatException"/> on invalid JSON and
    /// <see cref="RpcException"/> -8 when "args" is also given by name (the server would reject the repeated key).
    /// </summary>
    public static JsonObject ConvertNamedValues(string method, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(args);
        var parameters = new JsonObject();
        var positional = new JsonArray();
        foreach (var word in args)
        {
            int eq = word.IndexOf('=');
            if (eq < 0)
            {
                positional.Add(ParseParam(FromPosition(method, positional.Count), word));
                continue;
            }
            string name = word[..eq];
            string value = word[(eq + 1)..];
            var named = FromName(method, name);
            if (named is null)
            {
                var next = FromPosition(method, positional.Count);
                if (next is { Format: RpcParamFormat.Json } && JsonText.TryParse(word, out var parsed))
                {
                    positional.Add(parsed);
                    continue;
                }
                if (next is { Format: RpcParamFormat.String })
                {
                    positional.Add(word);
                    continue;
                }
            }
            parameters[name] = ParseParam(named, value);
        }
        if (positional.Count > 0)
        {
            if (parameters.ContainsKey("args"))
                throw new RpcException(RpcErrorCode.InvalidParameter, "Parameter args specified multiple times");
            parameters["args"] = positional;
        }
        return parameters;
    }

    /// <summary>
    /// Compares the server's argument map (<c>help dump_all_command_conversions</c>, <see cref="RpcCommandTable.DumpArgMapAsync"/>)
    /// with the client table, as Core's rpc_help.py does, for the methods the server has: every non-string server
    /// argument needs a JSON row, and every JSON row must be a non-string server argument. Returns one line per
    /// mismatch ("missing in client table: method 0 name" / "not a JSON argument on the server: method 0 name").
    /// </summary>
    public static IReadOnlyList<string> FindMismatches(JsonArray serverArgMap)
    {
        ArgumentNullException.ThrowIfNull(serverArgMap);
        var serverJson = new HashSet<(string, int, string)>();
        var serverMethods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in serverArgMap)
        {
            var r = row.GetArr();
            string method = r[0].GetStr();
            serverMethods.Add(method);
            if (!r[3].GetBool()) serverJson.Add((method, r[1].GetInt32(), r[2].GetStr()));
        }
        // echojson converts on the client only, on purpose.
        var clientJson = RpcConversionTable.Entries
            .Where(e => e.Format != RpcParamFormat.String && e.Method != "echojson" && serverMethods.Contains(e.Method))
            .Select(e => (e.Method, e.Index, e.Name))
            .ToHashSet();
        var problems = new List<string>();
        foreach (var (m, i, n) in serverJson.Except(clientJson).Order())
            problems.Add($"missing in client table: {m} {i} {n}");
        foreach (var (m, i, n) in clientJson.Except(serverJson).Order())
            problems.Add($"not a JSON argument on the server: {m} {i} {n}");
        return problems;
    }

    private static JsonNode? ParseParam(RpcConvertParam? param, string raw)
    {
        if (param is null || param.Format == RpcParamFormat.String) return JsonValue.Create(raw);
        if (JsonText.TryParse(raw, out var value)) return value;
        if (param.Format == RpcParamFormat.JsonOrString) return JsonValue.Create(raw);
        throw new FormatException("Error parsing JSON: " + raw);
    }
}
