namespace Bitcoin.Common.Rpc;

/// <summary>
/// An entry of the command table (Core's CRPCCommand): category (for help grouping; "hidden" commands are not listed),
/// name, the argument names used to place named parameters, and the actor that runs it.
/// </summary>
public sealed class RpcCommand
{
    /// <summary>A command backed by a documented <see cref="RpcMethod"/> (the usual case).</summary>
    public RpcCommand(string category, RpcMethod method)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(method);
        Category = category;
        Name = method.Name;
        Method = method;
        ArgNames = method.GetArgNames();
        Actor = async (request, _) => RpcActorResult.Done(await method.HandleRequestAsync(request).ConfigureAwait(false));
        UniqueId = method;
    }

    /// <summary>
    /// A command with its own actor, e.g. one forwarding calls to another process. <paramref name="method"/>, if given,
    /// supplies documentation; <paramref name="uniqueId"/> makes several names aliases of one entry in help.
    /// </summary>
    public RpcCommand(string category, string name, IReadOnlyList<(string Names, bool NamedOnly)> argNames, RpcActor actor,
        RpcMethod? method = null, object? uniqueId = null)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(argNames);
        ArgumentNullException.ThrowIfNull(actor);
        Category = category;
        Name = name;
        ArgNames = argNames;
        Actor = actor;
        Method = method;
        UniqueId = uniqueId ?? (object?)method ?? this;
    }

    /// <summary>The help category, e.g. "control", "blockchain"; "hidden" keeps it out of the command list.</summary>
    public string Category { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>Argument names in the order named parameters are placed (see <see cref="RpcMethod.GetArgNames"/>).</summary>
    public IReadOnlyList<(string Names, bool NamedOnly)> ArgNames { get; }

    /// <summary>Runs the command.</summary>
    public RpcActor Actor { get; }

    /// <summary>The documented method, if any.</summary>
    public RpcMethod? Method { get; }

    /// <summary>Commands with the same id are aliases: help lists the first only.</summary>
    public object UniqueId { get; }
}
