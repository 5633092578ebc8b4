using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc.Internal;

/// <summary>
/// JSON Schemas of arguments and results for the OpenRPC document (getopenrpcinfo, rpc.discover), with the same
/// conventions as Core's: "oneOf" for alternatives, "x-bitcoin-*" annotations, relaxed schemas for unchecked types.
/// </summary>
internal static class OpenRpcSchema
{
    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject HexString() => new() { ["type"] = "string", ["pattern"] = "^[0-9a-fA-F]+$" };

    /// <summary>The document for every documented command of <paramref name="commands"/> (name → first handler).</summary>
    public static JsonObject Document(IEnumerable<RpcCommand> commands, bool includeHidden)
    {
        var methods = new JsonArray();
        foreach (var command in commands.Where(c => c.Method is not null && (includeHidden || c.Category != "hidden")).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var method = command.Method!;
            var parameters = new JsonArray();
            foreach (var arg in method.Args)
            {
                if (!includeHidden && arg.Options.Hidden) continue;
                var param = new JsonObject
                {
                    ["name"] = arg.FirstName,
                    ["required"] = !arg.IsOptional,
                    ["schema"] = ArgSchema(arg, includeHidden, inSkipTypeCheck: false),
                };
                var names = arg.Names.Split('|');
                if (names.Length > 1) param["x-bitcoin-aliases"] = new JsonArray(names.Skip(1).Select(n => (JsonNode?)n).ToArray());
                if (arg.Options.Placeholder) param["x-bitcoin-placeholder"] = true;
                if (arg.Options.AlsoPositional) param["x-bitcoin-also-positional"] = true;
                if (arg.Description.Length > 0) param["description"] = arg.Description;
                parameters.Add(param);
            }

            JsonObject resultSchema = new();
            var results = method.Results;
            if (results.Count == 1 && results[0].Type != RpcResultType.Any)
            {
                resultSchema = ResultSchema(results[0]);
            }
            else if (results.Count > 1)
            {
                var oneOf = new JsonArray();
                foreach (var r in results)
                {
                    if (r.Type == RpcResultType.Any) continue;
                    var schema = ResultSchema(r);
                    if (r.Condition.Length > 0) Set(schema, "description", r.Condition);
                    oneOf.Add(schema);
                }
                if (oneOf.Count == 1) resultSchema = (JsonObject)oneOf[0]!.DeepClone();
                else if (oneOf.Count > 1) resultSchema["oneOf"] = oneOf;
            }

            methods.Add(new JsonObject
            {
                ["name"] = command.Name,
                ["description"] = method.Description.Trim(' ', '\f', '\n', '\r', '\t', '\v'),
                ["params"] = parameters,
                ["result"] = new JsonObject { ["name"] = "result", ["schema"] = resultSchema },
                ["x-bitcoin-category"] = command.Category,
            });
        }

        return new JsonObject
        {
            ["openrpc"] = "1.4.1",
            ["info"] = new JsonObject
            {
                ["title"] = RpcClientIdentity.ClientName + " JSON-RPC",
                ["version"] = RpcClientIdentity.FullVersion,
                ["description"] = "Generated from the RPC method descriptions of " + RpcClientIdentity.ClientName + ".",
            },
            ["methods"] = methods,
        };
    }

    // UniValue's pushKV: replace in place if present, else append.
    private static void Set(JsonObject obj, string key, JsonNode? value) => obj[key] = value;

    private static void ApplyTypeStrOverride(ref JsonObject schema, RpcArg arg)
    {
        if (arg.Options.TypeStr.Count != 2) return;
        string label = arg.Options.TypeStr[1];
        if (label.Length == 0) return;
        if (label is "integer / string" or "string or numeric")
            schema = new JsonObject { ["oneOf"] = new JsonArray(Type("integer"), Type("string")) };
        else
            Set(schema, "x-bitcoin-type-override", label);
    }

    private static void ApplyFallback(JsonObject schema, RpcArg arg)
    {
        switch (arg.Fallback.Kind)
        {
            case RpcArgFallbackKind.Default:
                Set(schema, "default", arg.Fallback.DefaultValue.Detached());
                break;
            case RpcArgFallbackKind.Hint:
                Set(schema, "x-bitcoin-default-hint", arg.Fallback.HintText);
                break;
        }
    }

    private static JsonObject ArgSchema(RpcArg arg, bool includeHidden, bool inSkipTypeCheck)
    {
        var schema = new JsonObject();
        if (arg.Options.SkipTypeCheck)
        {
            // Unchecked arguments get a relaxed schema: the type override if any, else for arrays "array or object".
            ApplyTypeStrOverride(ref schema, arg);
            if (schema.Count == 0 && arg.Type == RpcArgType.Arr)
            {
                var items = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = DedupItems(arg.Inner.Select(i => ArgSchema(i, includeHidden, inSkipTypeCheck: true)).ToList(), "anyOf"),
                };
                schema["oneOf"] = new JsonArray(items, Type("object"));
            }
            ApplyFallback(schema, arg);
            return schema;
        }

        switch (arg.Type)
        {
            case RpcArgType.Str:
                schema = Type("string");
                break;
            case RpcArgType.StrHex:
                schema = HexString();
                break;
            case RpcArgType.Num:
                schema = Type("number");
                break;
            case RpcArgType.Bool:
                schema = Type("boolean");
                break;
            case RpcArgType.Amount:
                schema["oneOf"] = new JsonArray(Type("number"), Type("string"));
                break;
            case RpcArgType.Range:
            {
                var range = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonArray(Type("number"), Type("number")),
                    ["additionalItems"] = false,
                    ["minItems"] = 2,
                    ["maxItems"] = 2,
                };
                schema["oneOf"] = new JsonArray(Type("number"), range);
                break;
            }
            case RpcArgType.Arr:
                schema["type"] = "array";
                schema["items"] = DedupItems(arg.Inner.Select(i => ArgSchema(i, includeHidden, inSkipTypeCheck)).ToList(),
                    inSkipTypeCheck ? "anyOf" : "oneOf");
                break;
            case RpcArgType.Obj:
            case RpcArgType.ObjNamedParams:
            {
                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var inner in arg.Inner)
                {
                    if (!includeHidden && inner.Options.Hidden) continue;
                    var prop = ArgSchema(inner, includeHidden, inSkipTypeCheck);
                    if (inner.Description.Length > 0) Set(prop, "description", inner.Description);
                    if (inner.Options.Placeholder) Set(prop, "x-bitcoin-placeholder", true);
                    if (inner.Options.AlsoPositional) Set(prop, "x-bitcoin-also-positional", true);
                    Set(properties, inner.FirstName, prop);
                    if (!inner.IsOptional) required.Add(inner.FirstName);
                }
                schema["type"] = "object";
                schema["properties"] = properties;
                schema["additionalProperties"] = false;
                if (required.Count > 0) schema["required"] = required;
                break;
            }
            case RpcArgType.ObjUserKeys:
                schema["type"] = "object";
                if (arg.Inner.Count > 0)
                {
                    schema["additionalProperties"] = ArgSchema(arg.Inner[0], includeHidden, inSkipTypeCheck);
                    if (arg.Inner[0].Description.Length > 0) schema["description"] = arg.Inner[0].Description;
                }
                else
                {
                    schema["additionalProperties"] = true;
                }
                break;
        }
        ApplyTypeStrOverride(ref schema, arg);
        ApplyFallback(schema, arg);
        return schema;
    }

    /// <summary>The "items" of an array: the one schema, or the distinct ones under <paramref name="alternatives"/>.</summary>
    private static JsonObject DedupItems(IReadOnlyList<JsonObject> schemas, string alternatives)
    {
        if (schemas.Count == 0) return new JsonObject();
        if (schemas.Count == 1) return schemas[0];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new JsonArray();
        foreach (var schema in schemas)
            if (seen.Add(JsonText.Write(schema))) unique.Add(schema);
        if (unique.Count == 1) return (JsonObject)unique[0]!.DeepClone();
        return new JsonObject { [alternatives] = unique };
    }

    private static JsonObject ResultSchema(RpcResult result)
    {
        if (result.Options.SkipTypeCheck)
        {
            var checkedCopy = new RpcResult(result.Type, result.KeyName, result.Description, result.Inner, result.Optional,
                result.Condition, result.Options with { SkipTypeCheck = false });
            if (result.Type == RpcResultType.Obj)
            {
                var obj = ResultSchema(checkedCopy);
                if (result.KeyName.Length == 0) return obj;
                // A keyed object that may be replaced by false (e.g. "scanning": false).
                return new JsonObject { ["oneOf"] = new JsonArray(obj, new JsonObject { ["const"] = false }) };
            }
            if (result.Type == RpcResultType.Arr) return ResultSchema(checkedCopy);
            return new JsonObject();
        }

        switch (result.Type)
        {
            case RpcResultType.Str:
                return Type("string");
            case RpcResultType.StrAmount:
                return new JsonObject { ["type"] = "number", ["x-bitcoin-unit"] = "amount" };
            case RpcResultType.StrHex:
                return HexString();
            case RpcResultType.Num:
                return Type("number");
            case RpcResultType.NumTime:
                return new JsonObject { ["type"] = "number", ["x-bitcoin-unit"] = "unix-time" };
            case RpcResultType.Bool:
                return Type("boolean");
            case RpcResultType.None:
                return Type("null");
            case RpcResultType.Arr:
                return new JsonObject { ["type"] = "array", ["items"] = DedupResultItems(result.Inner) };
            case RpcResultType.ArrFixed:
                return new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonArray(result.Inner.Select(i => (JsonNode?)ResultSchema(i)).ToArray()),
                    ["additionalItems"] = false,
                    ["minItems"] = result.Inner.Count,
                    ["maxItems"] = result.Inner.Count,
                };
            case RpcResultType.Obj:
            {
                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var inner in result.Inner)
                {
                    if (inner.KeyName.Length == 0) continue;
                    var prop = ResultSchema(inner);
                    if (inner.Description.Length > 0) Set(prop, "description", inner.Description);
                    Set(properties, inner.KeyName, prop);
                    if (!inner.Optional) required.Add(inner.KeyName);
                }
                var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
                if (required.Count > 0) schema["required"] = required;
                return schema;
            }
            case RpcResultType.ObjDyn:
                return new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = result.Inner.Count > 0 ? ResultSchema(result.Inner[0]) : new JsonObject(),
                };
            default:
                return new JsonObject();
        }
    }

    private static JsonObject DedupResultItems(IReadOnlyList<RpcResult> inner)
    {
        if (inner.Count == 0) return new JsonObject();
        if (inner.Count == 1) return ResultSchema(inner[0]);
        return DedupItems(inner.Select(ResultSchema).ToList(), "oneOf");
    }
}
