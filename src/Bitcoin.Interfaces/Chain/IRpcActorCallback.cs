using System.Text.Json.Nodes;

namespace Bitcoin.Interfaces;

/// <summary>
/// Runs calls of a command registered with <see cref="IChain.HandleRpc"/> (Core's <c>CRPCCommand::Actor</c>, the IPC
/// <c>ActorCallback</c>). Called on an RPC worker thread of the node; may take long (rescans).
/// </summary>
public interface IRpcActorCallback
{
    /// <summary>
    /// Handles <paramref name="request"/>. Returns false to pass the call on to the next handler registered under the
    /// same name (as Core's actors do when a wallet process does not serve a call); <paramref name="lastCallback"/>
    /// is true when there is none. On success <paramref name="response"/> is the JSON result (null is JSON null).
    /// </summary>
    /// <remarks>
    /// Errors are thrown, and carried across processes: <see cref="Common.Rpc.RpcException"/> (code and message),
    /// <see cref="Common.Json.JsonTypeException"/> (becomes -3) and <see cref="Common.Rpc.RpcHelpResult"/> (the help
    /// text, for <see cref="Common.Rpc.RpcRequestMode.GetHelp"/> or a wrong argument count). Any other exception
    /// becomes -1 with its message.
    /// </remarks>
    bool Call(RpcRequestInfo request, bool lastCallback, out JsonNode? response);
}
