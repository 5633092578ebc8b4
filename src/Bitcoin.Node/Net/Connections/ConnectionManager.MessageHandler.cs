namespace Bitcoin.Node.Net.Connections;

// The "msghand" thread (Core's ThreadMessageHandler): visits every peer in random order, lets net processing handle
// one received message and send what is due, and sleeps up to 100 ms when no peer has more work.
public sealed partial class ConnectionManager
{
    private void MessageHandlerThread()
    {
        var token = _interrupt.Token;
        while (!token.IsCancellationRequested)
        {
            bool moreWork = false;
            List<PeerConnection> nodes;
            lock (_nodesLock)
            {
                nodes = [.. _nodes];
                foreach (var node in nodes)
                    node.AddRef();
            }

            try
            {
                // A random order keeps an attacker with many consecutive connections from being served first.
                Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nodes));
                foreach (var node in nodes)
                {
                    if (node.IsDisconnectRequested)
                        continue;
                    bool nodeMoreWork = _handler!.ProcessMessages(node, token);
                    moreWork |= nodeMoreWork && !node.PauseSend;
                    if (token.IsCancellationRequested)
                        return;
                    _handler.SendMessages(node);
                    if (token.IsCancellationRequested)
                        return;
                }
            }
            finally
            {
                foreach (var node in nodes)
                    node.Release();
            }

            lock (_messageHandlerLock)
            {
                if (!moreWork && !_messageHandlerWake && !token.IsCancellationRequested)
                    Monitor.Wait(_messageHandlerLock, TimeSpan.FromMilliseconds(100));
                _messageHandlerWake = false;
            }
        }
    }
}
