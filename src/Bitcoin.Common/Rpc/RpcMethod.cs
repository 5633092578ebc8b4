using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc.Internal;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// An RPC method with its documentation (Core's RPCMethod, formerly RPCHelpMan): name, description, arguments,
/// results, examples and the handler. From it come the help text, the argument count and type checks with Core's
/// errors, the named-parameter positions, and the client conversion table.
/// </summary>
public sealed class RpcMethod
{
    private readonly RpcHandler _handler;

    /// <summary>
    /// Describes a method whose handler may await. <paramref name="examples"/> is free text, usually built with
    /// <see cref="RpcExamples"/>. Names must be unique (an options object's keys may repeat a top-level name only with
    /// <see cref="RpcArgOptions.AlsoPositional"/>); a default value's type must suit the argument.
    /// </summary>
    public RpcMethod(string name, string description, IReadOnlyList<RpcArg> args, IReadOnlyList<RpcResult> results,
        string examples, RpcHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        Name = name;
        Description = description ?? "";
        Args = args ?? Array.Empty<RpcArg>();
        Results = results ?? Array.Empty<RpcResult>();
        Examples = examples ?? "";
        _handler = handler;
        if (Description.StartsWith('\n')) throw new ArgumentException("Description must not start with a newline", nameof(description));
        ValidateNames();
    }

    /// <summary>Describes a method with a synchronous handler.</summary>
    public RpcMethod(string name, string description, IReadOnlyList<RpcArg> args, IReadOnlyList<RpcResult> results,
        string examples, Func<RpcCall, JsonNode?> handler)
        : this(name, description, args, results, examples, Wrap(handler))
    {
    }

    /// <summary>When true, every result is checked against <see cref="Results"/> and a mismatch is an internal bug (Core's -rpcdoccheck).</summary>
    public static bool CheckResultsAgainstDocs { get; set; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>The description (first line is the summary).</summary>
    public string Description { get; }

    /// <summary>The arguments in position order.</summary>
    public IReadOnlyList<RpcArg> Args { get; }

    /// <summary>The possible result shapes.</summary>
    public IReadOnlyList<RpcResult> Results { get; }

    /// <summary>The examples text.</summary>
    public string Examples { get; }

    private static RpcHandler Wrap(Func<RpcCall, JsonNode?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return call => ValueTask.FromResult(handler(call));
    }

    private void ValidateNames()
    {
        const int Positional = 1, Named = 2, NamedOnly = 4;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var arg in Args)
        {
            foreach (var n in arg.Names.Split('|'))
            {
                seen.TryGetValue(n, out int t);
                if ((t & (Positional | NamedOnly)) != 0) throw new ArgumentException($"RPC method {Name}: argument name '{n}' is used twice");
                seen[n] = t | Positional;
            }
            if (arg.Type == RpcArgType.ObjNamedParams)
            {
                foreach (var inner in arg.Inner)
                foreach (var n in inner.Names.Split('|'))
                {
                    seen.TryGetValue(n, out int t);
                    if (((t & Positional) != 0 && !inner.Options.AlsoPositional) || (t & (Named | NamedOnly)) != 0)
                        throw new ArgumentException($"RPC method {Name}: named option '{n}' clashes with another argument");
                    seen[n] = t | (inner.Options.AlsoPositional ? Named : NamedOnly);
                }
            }
            if (arg.Fallback.Kind == RpcArgFallbackKind.Default)
            {
                bool ok = arg.Fallback.DefaultValue.GetKind() switch
                {
                    JsonKind.Object => arg.Type == RpcArgType.Obj,
                    JsonKind.Array => arg.Type == RpcArgType.Arr,
                    JsonKind.String => arg.Type is RpcArgType.Str or RpcArgType.StrHex or RpcArgType.Amount,
                    JsonKind.Number => arg.Type is RpcArgType.Num or RpcArgType.Amount or RpcArgType.Range,
                    JsonKind.Bool => arg.Type == RpcArgType.Bool,
                    _ => true,
                };
                if (!ok) throw new ArgumentException($"RPC method {Name}: default of '{arg.Names}' does not suit its type {arg.Type}");
            }
        }
    }

    /// <summary>True if <paramref name="count"/> positional parameters are neither too few nor too many.</summary>
    public bool IsValidNumArgs(int count)
    {
        int required = 0;
        for (int n = Args.Count; n > 0; n--)
        {
            if (!Args[n - 1].IsOptional)
            {
                required = n;
                break;
            }
        }
        return required <= count && count <= Args.Count;
    }

    /// <summary>
    /// The argument names in the order named parameters are placed (Core's GetArgNames): the keys of an options object
    /// come first, flagged named-only, followed by the options object itself.
    /// </summary>
    public IReadOnlyList<(string Names, bool NamedOnly)> GetArgNames()
    {
        var ret = new List<(string, bool)>();
        foreach (var arg in Args)
        {
            if (arg.Type == RpcArgType.ObjNamedParams)
                foreach (var inner in arg.Inner) ret.Add((inner.Names, true));
            ret.Add((arg.Names, false));
        }
        return ret;
    }

    /// <summary>
    /// Rows [method, position, name, is-string] for every argument name (Core's GetArgMap, dumped by
    /// <c>help dump_all_command_conversions</c>): clients convert non-string arguments from JSON.
    /// </summary>
    public JsonArray GetArgMap()
    {
        var arr = new JsonArray();
        void Row(int pos, string argName, RpcArgType type)
            => arr.Add(new JsonArray(Name, pos, argName, type is RpcArgType.Str or RpcArgType.StrHex));
        for (int i = 0; i < Args.Count; i++)
        {
            var arg = Args[i];
            foreach (var n in arg.Names.Split('|'))
            {
                Row(i, n, arg.Type);
                if (arg.Type == RpcArgType.ObjNamedParams)
                    foreach (var inner in arg.Inner)
                    foreach (var innerName in inner.Names.Split('|'))
                        Row(i, innerName, inner.Type);
            }
        }
        return arr;
    }

    /// <summary>
    /// Runs the method for a request whose parameters are already positional: help mode and a wrong argument count
    /// throw <see cref="RpcHelpResult"/> with the help text; arguments of the wrong JSON type throw error -3
    /// "Wrong type passed:" with one line per bad position; then the handler runs.
    /// </summary>
    public async ValueTask<JsonNode?> HandleRequestAsync(RpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Mode == RpcRequestMode.GetArgs) return GetArgMap();
        var parameters = request.Params as JsonArray ?? new JsonArray();
        if (request.Mode == RpcRequestMode.GetHelp || !IsValidNumArgs(parameters.Count))
            throw new RpcHelpResult(ToHelpText());

        var mismatch = new JsonObject();
        for (int i = 0; i < Args.Count; i++)
        {
            var value = i < parameters.Count ? parameters[i] : null;
            var error = Args[i].MatchesType(value);
            if (error is not null) mismatch[$"Position {(i + 1).ToString(CultureInfo.InvariantCulture)} ({Args[i].Names})"] = error;
        }
        if (mismatch.Count > 0)
            throw new RpcException(RpcErrorCode.TypeError, "Wrong type passed:\n" + JsonText.Write(mismatch, 4));

        var result = await _handler(new RpcCall(this, request)).ConfigureAwait(false);
        if (CheckResultsAgainstDocs) CheckResult(result);
        return result;
    }

    private void CheckResult(JsonNode? result)
    {
        var mismatches = new JsonArray();
        foreach (var r in Results)
        {
            var m = r.Mismatch(result);
            if (m is null) return;
            mismatches.Add(m);
        }
        string explain = mismatches.Count == 0 ? "no possible results defined"
            : mismatches.Count == 1 ? JsonText.Write(mismatches[0], 4) : JsonText.Write(mismatches, 4);
        throw new RpcInternalBugException($"RPC call \"{Name}\" returned incorrect type:\n{explain}", nameof(RpcMethod), 0, nameof(CheckResult));
    }

    /// <summary>
    /// The help text, laid out as Core's: the usage line (optional arguments in "( ... )"), the description, then
    /// "Arguments:", "Named Arguments:", "Result:" sections and "Examples:".
    /// </summary>
    public string ToHelpText()
    {
        var ret = new System.Text.StringBuilder(Name);
        bool wasOptional = false;
        foreach (var arg in Args)
        {
            if (arg.Options.Hidden) break; // everything after a hidden argument is hidden too
            bool optional = arg.IsOptional;
            ret.Append(' ');
            if (optional)
            {
                if (!wasOptional) ret.Append("( ");
                wasOptional = true;
            }
            else
            {
                if (wasOptional) ret.Append(") ");
                wasOptional = false;
            }
            ret.Append(arg.ToTypeString(true));
        }
        if (wasOptional) ret.Append(" )");

        ret.Append("\n\n").Append(Description.Trim(' ', '\f', '\n', '\r', '\t', '\v')).Append('\n');

        var sections = new HelpSections();
        var namedOnly = new HelpSections();
        for (int i = 0; i < Args.Count; i++)
        {
            var arg = Args[i];
            if (arg.Options.Hidden) break;
            sections.PushSection($"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {arg.FirstName}", arg.ToDescriptionString(true));
            sections.Push(arg);
            if (arg.Type == RpcArgType.ObjNamedParams)
            {
                foreach (var inner in arg.Inner)
                {
                    namedOnly.PushSection(inner.FirstName, inner.ToDescriptionString(true));
                    namedOnly.Push(inner);
                }
            }
        }
        if (!sections.IsEmpty) ret.Append("\nArguments:\n");
        ret.Append(sections);
        if (!namedOnly.IsEmpty) ret.Append("\nNamed Arguments:\n");
        ret.Append(namedOnly);

        foreach (var r in Results)
        {
            var rs = new HelpSections();
            r.ToSections(rs);
            if (rs.IsEmpty) continue;
            ret.Append(r.Condition.Length == 0 ? "\nResult:\n" : "\nResult (" + r.Condition + "):\n");
            ret.Append(rs);
        }

        if (Examples.Length > 0) ret.Append("\nExamples:\n").Append(Examples);
        return ret.ToString();
    }
}
