using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc.Internal;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// One documented field of an RPC result (Core's RPCResult): type, key (inside objects), description, whether it may
/// be missing, inner fields, and for methods with several result shapes the condition under which this one applies.
/// </summary>
public sealed class RpcResult
{
    /// <summary>
    /// Documents a result field. Arr, ArrFixed and ObjDyn need <paramref name="inner"/>; Obj may have it; other types
    /// must not. <paramref name="condition"/> (e.g. "if verbose is set to true") is for top-level alternatives only.
    /// </summary>
    public RpcResult(RpcResultType type, string keyName, string description, IReadOnlyList<RpcResult>? inner = null,
        bool optional = false, string condition = "", RpcResultOptions? options = null)
    {
        Type = type;
        KeyName = keyName ?? "";
        Description = description ?? "";
        Inner = inner ?? Array.Empty<RpcResult>();
        Optional = optional;
        Condition = condition ?? "";
        Options = options ?? new RpcResultOptions();
        if (type != RpcResultType.Obj)
        {
            bool needsInner = type is RpcResultType.Arr or RpcResultType.ArrFixed or RpcResultType.ObjDyn;
            if (needsInner == (Inner.Count == 0))
                throw new ArgumentException(needsInner
                    ? $"Result '{keyName}' of type {type} needs inner fields"
                    : $"Result '{keyName}' of type {type} cannot have inner fields", nameof(inner));
        }
    }

    /// <summary>The field's type.</summary>
    public RpcResultType Type { get; }

    /// <summary>The key inside the enclosing object (empty at top level and in arrays).</summary>
    public string KeyName { get; }

    /// <summary>The description.</summary>
    public string Description { get; }

    /// <summary>Inner fields of objects and arrays.</summary>
    public IReadOnlyList<RpcResult> Inner { get; }

    /// <summary>True when the field may be absent.</summary>
    public bool Optional { get; }

    /// <summary>For alternative top-level results: when this one applies; shown as "Result (condition):".</summary>
    public string Condition { get; }

    /// <summary>Help and doc-check settings.</summary>
    public RpcResultOptions Options { get; }

    /// <summary>
    /// Checks a returned value against this description (Core's -rpcdoccheck): null when it matches, else a string or
    /// object describing the mismatches.
    /// </summary>
    public JsonNode? Mismatch(JsonNode? value)
    {
        if (Options.SkipTypeCheck) return null;
        JsonKind? expected = Type switch
        {
            RpcResultType.Any => null,
            RpcResultType.None => JsonKind.Null,
            RpcResultType.Str or RpcResultType.StrHex => JsonKind.String,
            RpcResultType.Num or RpcResultType.StrAmount or RpcResultType.NumTime => JsonKind.Number,
            RpcResultType.Bool => JsonKind.Bool,
            RpcResultType.Arr or RpcResultType.ArrFixed => JsonKind.Array,
            RpcResultType.Obj or RpcResultType.ObjDyn => JsonKind.Object,
            _ => null,
        };
        if (expected is null) return null;
        var actual = value.GetKind();
        if (actual != expected)
            return JsonValue.Create($"returned type is {actual.TypeName()}, but declared as {expected.Value.TypeName()} in doc");

        if (value is JsonArray arr)
        {
            var errors = new JsonObject();
            for (int i = 0; i < arr.Count; i++)
            {
                // More elements than documented reuse the last description.
                var doc = Inner[Math.Min(Inner.Count - 1, i)];
                var m = doc.Mismatch(arr[i]);
                if (m is not null) errors[i.ToString(CultureInfo.InvariantCulture)] = m;
            }
            return errors.Count == 0 ? null : errors;
        }
        if (value is JsonObject obj)
        {
            var errors = new JsonObject();
            if (Type == RpcResultType.ObjDyn)
            {
                foreach (var (key, member) in obj)
                {
                    var m = Inner[0].Mismatch(member);
                    if (m is not null) errors[key] = m;
                }
                return errors.Count == 0 ? null : errors;
            }
            var documented = new HashSet<string>(Inner.Select(i => i.KeyName), StringComparer.Ordinal);
            foreach (var key in obj.Select(kv => kv.Key).Order(StringComparer.Ordinal))
                if (!documented.Contains(key)) errors[key] = "key returned that was not in doc";
            foreach (var doc in Inner)
            {
                if (!obj.TryGetPropertyValue(doc.KeyName, out var member))
                {
                    if (!doc.Optional) errors[doc.KeyName] = "key missing, despite not being optional in doc";
                    continue;
                }
                var m = doc.Mismatch(member);
                if (m is not null) errors[doc.KeyName] = m;
            }
            return errors.Count == 0 ? null : errors;
        }
        return null;
    }

    internal void ToSections(HelpSections sections, HelpOuterType outer = HelpOuterType.None, int indent = 0)
    {
        string ind = new(' ', indent);
        string indNext = new(' ', indent + 2);
        string separator = outer != HelpOuterType.None ? "," : "";
        string key = outer == HelpOuterType.Obj ? "\"" + KeyName + "\" : " : "";
        string Describe(string type) => "(" + type + (Optional ? ", optional" : "") + ")" + (Description.Length == 0 ? "" : " " + Description);

        if (Options.ElisionSummary is { } summary)
        {
            sections.PushSection(ind + "..." + separator, summary);
            return;
        }
        if (Options.HiddenFromHelp) return;

        switch (Type)
        {
            case RpcResultType.Any:
                sections.PushSection(ind + key + "xxx" + separator, Describe("any"));
                return;
            case RpcResultType.None:
                sections.PushSection(ind + "null" + separator, Describe("json null"));
                return;
            case RpcResultType.Str:
                sections.PushSection(ind + key + "\"str\"" + separator, Describe("string"));
                return;
            case RpcResultType.StrAmount:
                sections.PushSection(ind + key + "n" + separator, Describe("numeric"));
                return;
            case RpcResultType.StrHex:
                sections.PushSection(ind + key + "\"hex\"" + separator, Describe("string"));
                return;
            case RpcResultType.Num:
                sections.PushSection(ind + key + "n" + separator, Describe("numeric"));
                return;
            case RpcResultType.NumTime:
                sections.PushSection(ind + key + "xxx" + separator, Describe("numeric"));
                return;
            case RpcResultType.Bool:
                sections.PushSection(ind + key + "true|false" + separator, Describe("boolean"));
                return;
            case RpcResultType.Arr:
            case RpcResultType.ArrFixed:
                sections.PushSection(ind + key + "[", Describe("json array"));
                foreach (var i in Inner) i.ToSections(sections, HelpOuterType.Arr, indent + 2);
                if (Type == RpcResultType.Arr && Inner[^1].Options.ElisionSummary is null)
                    sections.PushSection(indNext + "...", "");
                else
                    sections.DropTrailingComma();
                sections.PushSection(ind + "]" + separator, "");
                return;
            case RpcResultType.Obj:
            case RpcResultType.ObjDyn:
                if (Inner.Count == 0)
                {
                    sections.PushSection(ind + key + "{}", Describe("empty JSON object"));
                    return;
                }
                sections.PushSection(ind + key + "{", Describe("json object"));
                foreach (var i in Inner) i.ToSections(sections, HelpOuterType.Obj, indent + 2);
                if (Type == RpcResultType.ObjDyn) sections.PushSection(indNext + "...", "");
                else sections.DropTrailingComma();
                sections.PushSection(ind + "}" + separator, "");
                return;
        }
    }
}
