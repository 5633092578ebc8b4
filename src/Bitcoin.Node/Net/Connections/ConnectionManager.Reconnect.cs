using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

// Outbound v2 attempts that a v1-only peer dropped are made again with v1 (Core's m_reconnections and
// PerformReconnections). The housekeeping thread queues them; the connection threads open them, since connecting
// may block for seconds.
public sealed partial class ConnectionManager
{
    private readonly Lock _reconnectionsLock = new();
    private readonly Queue<Reconnection> _reconnections = new();

    private sealed record Reconnection(PeerAddress Address, SlotGrant? Grant, string Destination, ConnectionType Type);

    // Called for a peer leaving the node list; true when it was queued for a v1 retry, which then holds its slot.
    private bool QueueV1ReconnectionIfWanted(PeerConnection node)
    {
        if (!_networkActive || !node.ShouldReconnectV1)
            return false;
        lock (_reconnectionsLock)
            _reconnections.Enqueue(new Reconnection(node.Address, node.Grant, node.Destination, node.ConnectionType));
        Log.Debug(LogCategory.Net, $"retrying with v1 transport protocol for peer={node.Id}");
        return true;
    }

    private void PerformReconnections()
    {
        while (true)
        {
            Reconnection? item;
            lock (_reconnectionsLock)
            {
                if (!_reconnections.TryDequeue(out item))
                    return;
            }

            // Connecting worked the first time, so a failure now is not counted against the address.
            if (!OpenNetworkConnection(item.Address, countFailure: false, item.Grant,
                    item.Destination.Length == 0 ? null : item.Destination, item.Type, useV2Transport: false))
            {
                item.Grant?.Dispose();
            }
        }
    }

    private void DropQueuedReconnections()
    {
        lock (_reconnectionsLock)
        {
            while (_reconnections.TryDequeue(out var item))
                item.Grant?.Dispose();
        }
    }
}
