namespace Bitcoin.Interfaces;

/// <summary>
/// An RPC command a client asks the node to serve (Core's <c>CRPCCommand</c>, the IPC <c>RPCCommand</c>): the node
/// adds it to its command table and forwards matching calls to <see cref="Actor"/>.
/// </summary>
/// <param name="Category">The help category, e.g. "wallet"; "hidden" keeps it out of the command list.</param>
/// <param name="Name">The method name.</param>
/// <param name="Actor">Runs the command; also answers help and argument-map requests.</param>
/// <param name="ArgNames">The argument names, in positional order, used to place named parameters ("a|b" for aliases).</param>
/// <param name="UniqueId">Commands of one client with the same id are aliases: help lists the first only.</param>
public sealed record RpcCommandInfo(string Category, string Name, IRpcActorCallback Actor, IReadOnlyList<RpcArgName> ArgNames, long UniqueId);
