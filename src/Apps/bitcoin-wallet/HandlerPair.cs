using Bitcoin.Interfaces;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The registrations of one command (the node's, and the process's own table's with <c>-server</c>) undone together;
/// undoing the node's half is a no-op once the node has gone.
/// </summary>
internal sealed class HandlerPair(IHandler? local, IHandler node) : IHandler
{
    /// <inheritdoc/>
    public void Disconnect()
    {
        local?.Disconnect();
        // The node's half is a proxy; once the node has gone there is nothing left to undo there.
        AttachedWallet.IgnoreNodeGone(node.Disconnect);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        local?.Dispose();
        AttachedWallet.IgnoreNodeGone(node.Dispose);
    }
}
