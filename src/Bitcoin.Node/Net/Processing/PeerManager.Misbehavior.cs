using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Net.Connections;

namespace Bitcoin.Node.Net.Processing;

// Punishment (Core's Misbehaving, MaybePunishNodeForBlock, MaybeDiscourageAndDisconnect): a misbehaving peer is
// disconnected and its address discouraged, unless it has noban, is a manual connection, or is local.
public sealed partial class PeerManager
{
    private static void Misbehaving(Peer peer, string message)
    {
        peer.ShouldDiscourage = true;
        Log.Debug(LogCategory.Net, $"Misbehaving: peer={peer.Id}{(message.Length == 0 ? "" : ": " + message)}");
    }

    /// <summary>Punishes the source of an invalid block or header as Core does for each kind of failure.</summary>
    private void MaybePunishNodeForBlock(long peerId, BlockValidationState state, bool viaCompactBlock, string message = "")
    {
        var peer = GetPeer(peerId);
        switch (state.Result)
        {
            case BlockValidationResult.ResultUnset:
            case BlockValidationResult.HeaderLowWork:
            case BlockValidationResult.TimeFuture:
                break;
            case BlockValidationResult.Consensus:
            case BlockValidationResult.Mutated:
                if (!viaCompactBlock)
                {
                    if (peer is not null)
                        Misbehaving(peer, message);
                    return;
                }

                break;
            case BlockValidationResult.CachedInvalid:
                // Outbound peers on an invalid chain are discouraged; inbound ones and compact block peers are not.
                if (peer is not null && !viaCompactBlock && !peer.IsInbound)
                {
                    Misbehaving(peer, message);
                    return;
                }

                break;
            case BlockValidationResult.InvalidHeader:
            case BlockValidationResult.InvalidPrev:
            case BlockValidationResult.MissingPrev:
                if (peer is not null)
                    Misbehaving(peer, message);
                return;
        }

        if (message.Length > 0)
            Log.Debug(LogCategory.Net, $"peer={peerId}: {message}");
    }

    private bool MaybeDiscourageAndDisconnect(PeerConnection node, Peer peer)
    {
        if (!peer.ShouldDiscourage)
            return false;
        peer.ShouldDiscourage = false;
        if (node.HasPermission(NetPermissionFlags.NoBan))
        {
            Log.Warning($"Not punishing noban peer {peer.Id}!");
            return false;
        }

        if (node.IsManual)
        {
            Log.Warning($"Not punishing manually connected peer {peer.Id}!");
            return false;
        }

        if (node.Address.Address.IsLocal)
        {
            // Discouraging a local address would discourage every local peer.
            Log.Debug(LogCategory.Net, $"Warning: disconnecting but not discouraging {(node.InboundOnion ? "inbound onion" : "local")} peer {peer.Id}!");
            node.RequestDisconnect();
            return true;
        }

        Log.Debug(LogCategory.Net, $"Disconnecting and discouraging peer {peer.Id}!");
        _banman?.Discourage(node.Address.Address);
        _connman.DisconnectNode(node.Address.Address);
        return true;
    }
}
