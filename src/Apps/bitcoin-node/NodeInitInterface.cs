using Bitcoin.Interfaces;
using Bitcoin.Ipc;
using Bitcoin.Node.Context;

namespace Apps.bitcoin_node;

/// <summary>bitcoin-node's <see cref="IInit"/> (Core's node <c>InitImpl</c>): echo and RPC.</summary>
internal sealed class NodeInitInterface(NodeContext node) : IInit
{
    /// <inheritdoc/>
    public IEcho? MakeEcho() => new LocalEcho();

    /// <inheritdoc/>
    public IRpc? MakeRpc() => new NodeRpcInterface(node);
}
