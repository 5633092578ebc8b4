using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// What the connection manager calls on net processing (Core's NetEventsInterface). Process and send calls come only
/// from the message handler thread, one peer at a time.
/// </summary>
public interface INetEventsHandler
{
    /// <summary>A connection was made (before it joins the node list); <paramref name="ourServices"/> are the services offered to it.</summary>
    void InitializeNode(PeerConnection node, ServiceFlags ourServices);

    /// <summary>A connection is gone and no thread uses it any more.</summary>
    void FinalizeNode(PeerConnection node);

    /// <summary>Processes at most one received message; true if the peer has more work waiting.</summary>
    bool ProcessMessages(PeerConnection node, CancellationToken interrupt);

    /// <summary>Sends whatever is due to the peer (handshake, pings, announcements, requests).</summary>
    void SendMessages(PeerConnection node);

    /// <summary>True if <paramref name="services"/> include every service we want from outbound peers.</summary>
    bool HasAllDesirableServiceFlags(ServiceFlags services);
}
