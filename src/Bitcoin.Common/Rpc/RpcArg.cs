using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// One argument of an RPC method (Core's RPCArg): its name (aliases separated by '|'), type, whether it is required
/// or its default, a description, and for objects and arrays the inner arguments. The help text, the server's type
/// check and the client conversion table are all derived from it.
/// </summary>
public sealed class RpcArg
{
    /// <summary>Describes an argument. <paramref name="inner"/> is required for Obj, ObjNamedParams, ObjUserKeys and Arr, and not allowed otherwise.</summary>
    public RpcArg(string names, RpcArgType type, RpcArgFallback fallback, string description,
        IReadOnlyList<RpcArg>? inner = null, RpcArgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(fallback);
        bool container = type is RpcArgType.Arr or RpcArgType.Obj or RpcArgType.ObjNamedParams or RpcArgType.ObjUserKeys;
        if (container && inner is null)
            throw new ArgumentException($"RPC argument '{names}' of type {type} needs inner arguments", nameof(inner));
        if (!container && inner is { Count: > 0 })
            throw new ArgumentException($"RPC argument '{names}' of type {type} cannot have inner arguments", nameof(inner));
        var opts = options ?? new RpcArgOptions();
        if (opts.TypeStr.Count is not (0 or 2))
            throw new ArgumentException("TypeStr must have zero or two entries", nameof(options));
        Names = names;
        Type = type;
        Fallback = fallback;
        Description = description ?? "";
        Inner = inner ?? Array.Empty<RpcArg>();
        Options = opts;
    }

    /// <summary>The name, or several aliases separated by '|'.</summary>
    public string Names { get; }

    /// <summary>The accepted type.</summary>
    public RpcArgType Type { get; }

    /// <summary>Required, optional, or its default.</summary>
    public RpcArgFallback Fallback { get; }

    /// <summary>The description shown in help.</summary>
    public string Description { get; }

    /// <summary>Inner arguments of an object or array.</summary>
    public IReadOnlyList<RpcArg> Inner { get; }

    /// <summary>Seldom-used settings.</summary>
    public RpcArgOptions Options { get; }

    /// <summary>True unless the argument is required.</summary>
    public bool IsOptional => Fallback.Kind != RpcArgFallbackKind.Required;

    /// <summary>The first of the aliases.</summary>
    public string FirstName => Names.Split('|')[0];

    /// <summary>The name; throws when the argument has aliases.</summary>
    public string Name => Names.Contains('|') ? throw new InvalidOperationException($"RPC argument '{Names}' has aliases") : Names;

    /// <summary>
    /// Checks the JSON type of a passed value: null when it matches (or is null for an optional argument, or the type
    /// is checked later, as for amounts and ranges), else Core's message "JSON value of type X is not of expected type Y".
    /// </summary>
    public string? MatchesType(JsonNode? value)
    {
        if (Options.SkipTypeCheck) return null;
        if (IsOptional && value.IsNull()) return null;
        JsonKind? expected = Type switch
        {
            RpcArgType.Str or RpcArgType.StrHex => JsonKind.String,
            RpcArgType.Num => JsonKind.Number,
            RpcArgType.Bool => JsonKind.Bool,
            RpcArgType.Obj or RpcArgType.ObjNamedParams or RpcArgType.ObjUserKeys => JsonKind.Object,
            RpcArgType.Arr => JsonKind.Array,
            _ => null, // Amount and Range accept several kinds; their parsers check.
        };
        if (expected is null) return null;
        var actual = value.GetKind();
        return actual == expected ? null : $"JSON value of type {actual.TypeName()} is not of expected type {expected.Value.TypeName()}";
    }

    /// <summary>The argument as shown in the usage line (<paramref name="oneLine"/>) or inside a structure.</summary>
    public string ToTypeString(bool oneLine)
    {
        if (oneLine && Options.OneLineDescription.Length > 0) return Options.OneLineDescription;
        switch (Type)
        {
            case RpcArgType.Str:
            case RpcArgType.StrHex:
                return "\"" + FirstName + "\"";
            case RpcArgType.Num:
            case RpcArgType.Range:
            case RpcArgType.Amount:
            case RpcArgType.Bool:
                return FirstName;
            case RpcArgType.Obj:
            case RpcArgType.ObjNamedParams:
            case RpcArgType.ObjUserKeys:
            {
                string members = string.Join(",", Inner.Select(i => i.ToObjectMemberString(oneLine)));
                return Type == RpcArgType.Obj ? "{" + members + "}" : "{" + members + ",...}";
            }
            case RpcArgType.Arr:
                return "[" + string.Concat(Inner.Select(i => i.ToTypeString(oneLine) + ",")) + "...]";
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>The argument as a key inside an object: <c>"name": "str"</c>, <c>"name": n</c>, ...</summary>
    public string ToObjectMemberString(bool oneLine)
    {
        string res = "\"" + FirstName + (oneLine ? "\":" : "\": ");
        return Type switch
        {
            RpcArgType.Str => res + "\"str\"",
            RpcArgType.StrHex => res + "\"hex\"",
            RpcArgType.Num => res + "n",
            RpcArgType.Range => res + "n or [n,n]",
            RpcArgType.Amount => res + "amount",
            RpcArgType.Bool => res + "bool",
            RpcArgType.Arr => res + "[" + string.Concat(Inner.Select(i => i.ToTypeString(oneLine) + ",")) + "...]",
            _ => throw new InvalidOperationException($"RPC argument '{Names}': objects nested in objects are not described this way"),
        };
    }

    /// <summary>The parenthesised type and requirement followed by the description, e.g. "(numeric, optional, default=1) ...".</summary>
    public string ToDescriptionString(bool isNamedArg)
    {
        string ret = "(";
        if (Options.TypeStr.Count != 0)
        {
            ret += Options.TypeStr[1];
        }
        else
        {
            ret += Type switch
            {
                RpcArgType.Str or RpcArgType.StrHex => "string",
                RpcArgType.Num => "numeric",
                RpcArgType.Amount => "numeric or string",
                RpcArgType.Range => "numeric or array",
                RpcArgType.Bool => "boolean",
                RpcArgType.Obj or RpcArgType.ObjNamedParams or RpcArgType.ObjUserKeys => "json object",
                RpcArgType.Arr => "json array",
                _ => throw new InvalidOperationException(),
            };
        }
        switch (Fallback.Kind)
        {
            case RpcArgFallbackKind.Hint:
                ret += ", optional, default=" + Fallback.HintText;
                break;
            case RpcArgFallbackKind.Default:
                ret += ", optional, default=" + JsonText.Write(Fallback.DefaultValue);
                break;
            case RpcArgFallbackKind.Omitted:
                // Inside objects an omitted key defaults to null, which is worth saying; elsewhere it just isn't there.
                if (isNamedArg) ret += ", optional";
                break;
            case RpcArgFallbackKind.Required:
                ret += ", required";
                break;
        }
        ret += ")";
        if (Type == RpcArgType.ObjNamedParams) ret += " An options object; its keys can also be passed as named arguments (listed below).";
        if (Description.Length > 0) ret += " " + Description;
        return ret;
    }
}
