using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Net.Connections;

// The "net" thread: removes disconnected peers, closes timed-out ones and finalizes peers no thread uses any more
// (Core's DisconnectNodes, InactivityCheck and the socket handler loop).
public sealed partial class ConnectionManager
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromMilliseconds(250);
    private const long TimeoutIntervalMicros = 20L * 60 * 1_000_000;
    private int _previousNodeCount = -1;

    private void HousekeepingThread()
    {
        while (!_interrupt.IsCancellationRequested)
        {
            DisconnectNodes();
            NotifyNumConnectionsChanged();
            long now = NetTime.NowMicros();
            foreach (var node in Snapshot())
            {
                if (!node.IsDisconnectRequested && InactivityCheck(node, now))
                    node.RequestDisconnect();
            }

            _housekeepingSignal.WaitOne(HousekeepingInterval);
        }
    }

    private void DisconnectNodes()
    {
        List<PeerConnection> removed = [];
        lock (_nodesLock)
        {
            if (!_networkActive)
            {
                foreach (var node in _nodes.Where(n => !n.IsDisconnectRequested))
                {
                    Log.Debug(LogCategory.Net, $"Network not active, {node.DisconnectMessage()}");
                    node.RequestDisconnect();
                }
            }

            foreach (var node in _nodes.Where(n => n.IsDisconnectRequested).ToList())
            {
                _nodes.Remove(node);
                removed.Add(node);
                if (node.IsManualOrFullOutbound)
                {
                    var network = node.Address.Address.GetNetwork();
                    _networkConnectionCounts[network] = _networkConnectionCounts.GetValueOrDefault(network) - 1;
                }
            }
        }

        foreach (var node in removed)
        {
            // A v2 attempt the peer dropped unanswered is retried with v1, keeping its outbound slot.
            if (!QueueV1ReconnectionIfWanted(node))
                node.Grant?.Dispose();
            node.CloseSocketDisconnect();
            _disconnected.Add(node);
        }

        // Forget peers only once the message handler no longer holds them.
        foreach (var node in _disconnected.Where(n => n.RefCount <= 0).ToList())
        {
            _disconnected.Remove(node);
            DeleteNode(node);
        }
    }

    private void NotifyNumConnectionsChanged()
    {
        int count;
        lock (_nodesLock)
            count = _nodes.Count;
        if (count != _previousNodeCount)
        {
            _previousNodeCount = count;
            ConnectionCountChanged?.Invoke(count);
        }
    }

    /// <summary>True once the peer had -peertimeout to prove itself (Core's ShouldRunInactivityChecks).</summary>
    public bool ShouldRunInactivityChecks(PeerConnection node, long nowMicros) =>
        node.ConnectedMicros + (_options.PeerConnectTimeoutSeconds * 1_000_000) < nowMicros;

    private bool InactivityCheck(PeerConnection node, long nowMicros)
    {
        long lastSend = node.LastSendMicros;
        long lastRecv = node.LastRecvMicros;
        if (!ShouldRunInactivityChecks(node, nowMicros))
            return false;
        bool hasReceived = lastRecv > 0, hasSent = lastSend > 0;
        if (!hasReceived || !hasSent)
        {
            var never = (hasReceived ? "" : ", never received from peer") + (hasSent ? "" : ", never sent to peer");
            Log.Debug(LogCategory.Net, $"socket no message in first {_options.PeerConnectTimeoutSeconds} seconds{never}, {node.DisconnectMessage()}");
            return true;
        }

        if (nowMicros > lastSend + TimeoutIntervalMicros)
        {
            Log.Debug(LogCategory.Net, $"socket sending timeout: {(nowMicros - lastSend) / 1_000_000}s, {node.DisconnectMessage()}");
            return true;
        }

        if (nowMicros > lastRecv + TimeoutIntervalMicros)
        {
            Log.Debug(LogCategory.Net, $"socket receive timeout: {(nowMicros - lastRecv) / 1_000_000}s, {node.DisconnectMessage()}");
            return true;
        }

        if (!node.SuccessfullyConnected)
        {
            if (node.TransportInfo.Type == Transport.TransportProtocolType.Detecting)
                Log.Debug(LogCategory.Net, $"V2 handshake timeout, {node.DisconnectMessage()}");
            else
                Log.Debug(LogCategory.Net, $"version handshake timeout, {node.DisconnectMessage()}");
            return true;
        }

        return false;
    }
}
