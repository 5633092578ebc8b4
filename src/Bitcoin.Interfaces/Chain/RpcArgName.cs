namespace Bitcoin.Interfaces;

/// <summary>One argument name of a command registered with <see cref="IChain.HandleRpc"/> (Core's <c>std::pair&lt;std::string, bool&gt;</c>, the IPC <c>RPCArg</c>).</summary>
/// <param name="Name">The name, with aliases separated by '|' (e.g. "verbosity|verbose").</param>
/// <param name="NamedOnly">True if it can only be passed by name (a member of an options object).</param>
public sealed record RpcArgName(string Name, bool NamedOnly);
