using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc.Internal;

/// <summary>
/// Turns named parameters into positions as Core's transformNamedArguments: gaps before a given parameter become
/// nulls (none at the end), named-only options are gathered into the options object's position, and an "args" array
/// supplies leading positional values. Errors are -8 with Core's messages.
/// </summary>
internal static class NamedArguments
{
    public static JsonArray Transform(JsonObject named, IReadOnlyList<(string Names, bool NamedOnly)> argNames)
    {
        var duplicates = JsonText.DuplicateKeys(named);
        if (duplicates.Count > 0)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"Parameter {duplicates[0]} specified multiple times");

        // Remaining parameters, in request order, so the first unknown one is reported.
        var argsIn = new List<KeyValuePair<string, JsonNode?>>(named);
        int Find(string key) => argsIn.FindIndex(kv => kv.Key == key);

        var output = new JsonArray();
        int hole = 0;
        int initialHoleSize = 0;
        string? initialParam = null;
        var options = new JsonObject();

        foreach (var (pattern, namedOnly) in argNames)
        {
            int found = -1;
            foreach (var name in pattern.Split('|'))
            {
                found = Find(name);
                if (found >= 0) break;
            }

            if (namedOnly)
            {
                if (found >= 0)
                {
                    var (key, value) = argsIn[found];
                    if (options.ContainsKey(key))
                        throw new RpcException(RpcErrorCode.InvalidParameter, $"Parameter {key} specified multiple times");
                    options[key] = value.Detached();
                    argsIn.RemoveAt(found);
                }
                continue;
            }

            if (options.Count > 0 || found >= 0)
            {
                // Fill the gap before this parameter with nulls, but never pad the end.
                for (int i = 0; i < hole; i++) output.Add(null);
                hole = 0;
                initialParam ??= pattern;
            }
            else
            {
                hole++;
                if (output.Count == 0) initialHoleSize = hole;
            }

            if (found >= 0)
            {
                var (key, value) = argsIn[found];
                if (options.Count > 0)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"Parameter {key} conflicts with parameter {options.First().Key}");
                output.Add(value.Detached());
                argsIn.RemoveAt(found);
            }
            if (options.Count > 0)
            {
                output.Add(options);
                options = new JsonObject();
            }
        }

        int argsIndex = Find("args");
        if (argsIndex >= 0)
        {
            var positional = argsIn[argsIndex].Value;
            argsIn.RemoveAt(argsIndex);
            if (positional is JsonArray positionalArray)
            {
                if (initialHoleSize < positionalArray.Count && initialParam is not null)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"Parameter {initialParam} specified twice both as positional and named argument");
                var namedValues = output;
                output = new JsonArray();
                foreach (var v in positionalArray) output.Add(v.Detached());
                for (int i = output.Count; i < namedValues.Count; i++) output.Add(namedValues[i].Detached());
            }
        }

        if (argsIn.Count > 0)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"Unknown named parameter {argsIn[0].Key}");
        return output;
    }
}
