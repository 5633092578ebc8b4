using Bitcoin.Interfaces;
using Bitcoin.Node.Context;
using Bitcoin.Node.Interfaces.Internal;

namespace Bitcoin.Node.Interfaces;

/// <summary>
/// Makes the interfaces other components reach the node through (Core's <c>interfaces::MakeChain</c> and friends in
/// node/interfaces.cpp). In one process clients call them directly; across processes Bitcoin.Ipc serves them.
/// </summary>
public static class NodeInterfaces
{
    /// <summary>The node's <see cref="IChain"/> for chain clients such as the wallet.</summary>
    public static IChain MakeChain(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new ChainImpl(node);
    }
}
