using Bitcoin.Interfaces;
using Bitcoin.Ipc;
using Bitcoin.Node.Context;
using Bitcoin.Node.Interfaces;

namespace Apps.bitcoin_node;

/// <summary>bitcoin-node's <see cref="IInit"/> (Core's node <c>InitImpl</c>): echo, RPC and the chain for wallets that attach.</summary>
internal sealed class NodeInitInterface(NodeContext node) : IInit
{
    /// <inheritdoc/>
    public IEcho? MakeEcho() => new LocalEcho();

    /// <inheritdoc/>
    public IRpc? MakeRpc() => new NodeRpcInterface(node);

    /// <inheritdoc/>
    public IChain? MakeChain() => NodeInterfaces.MakeChain(node);
}
