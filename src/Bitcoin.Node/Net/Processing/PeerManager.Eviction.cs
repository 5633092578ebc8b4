using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Connections;

namespace Bitcoin.Node.Net.Processing;

// Keeping outbound peers useful (Core's ConsiderEviction, EvictExtraOutboundPeers, CheckForStaleTipAndEvictPeers):
// outbound peers behind our tip get a deadline, extra outbound peers are trimmed, a stale tip allows one more.
public sealed partial class PeerManager
{
    /// <summary>The interval of <see cref="CheckForStaleTipAndEvictPeers"/> (Core's EXTRA_PEER_CHECK_INTERVAL).</summary>
    public static readonly TimeSpan ExtraPeerCheckInterval = TimeSpan.FromSeconds(45);

    private void ConsiderEviction(PeerConnection node, Peer peer, long nowSeconds)
    {
        var state = State(node.Id)!;
        if (state.ChainSyncProtect || !node.IsOutboundOrBlockRelay || !state.SyncStarted)
            return;
        var tip = _chainman.ActiveChain.Tip!;
        if (state.BestKnownBlock is not null && state.BestKnownBlock.ChainWork >= tip.ChainWork)
        {
            // Caught up with us: clear any deadline.
            if (state.ChainSyncTimeoutSeconds != 0)
            {
                state.ChainSyncTimeoutSeconds = 0;
                state.ChainSyncWorkHeader = null;
                state.ChainSyncSentGetHeaders = false;
            }
        }
        else if (state.ChainSyncTimeoutSeconds == 0 ||
                 (state.ChainSyncWorkHeader is not null && state.BestKnownBlock is not null && state.BestKnownBlock.ChainWork >= state.ChainSyncWorkHeader.ChainWork))
        {
            // Behind our tip for the first time, or caught up with an older tip of ours: a new deadline.
            state.ChainSyncTimeoutSeconds = nowSeconds + ChainSyncTimeoutSeconds;
            state.ChainSyncWorkHeader = tip;
            state.ChainSyncSentGetHeaders = false;
        }
        else if (state.ChainSyncTimeoutSeconds > 0 && nowSeconds > state.ChainSyncTimeoutSeconds)
        {
            if (state.ChainSyncSentGetHeaders)
            {
                Log.Info($"Outbound peer has old chain, best known block = {state.BestKnownBlock?.Hash.ToString() ?? "<none>"}, {node.DisconnectMessage()}");
                node.RequestDisconnect();
            }
            else
            {
                // One last chance: ask for headers and wait for the answer.
                MaybeSendGetHeaders(node, Kernel.Chain.ActiveChain.LocatorEntries(state.ChainSyncWorkHeader!.Previous), peer);
                Log.Debug(LogCategory.Net, $"sending getheaders to outbound peer={node.Id} to verify chain work (current best known block:{state.BestKnownBlock?.Hash.ToString() ?? "<none>"}, benchmark blockhash: {state.ChainSyncWorkHeader.Hash})");
                state.ChainSyncSentGetHeaders = true;
                state.ChainSyncTimeoutSeconds = nowSeconds + (HeadersResponseTimeMicros / 1_000_000);
            }
        }
    }

    private void EvictExtraOutboundPeers(long nowMicros)
    {
        if (_connman.GetExtraBlockRelayCount() > 0)
        {
            // Drop the youngest block-relay-only peer, unless it gave us a block more recently than the next youngest.
            (long Id, long LastBlock) youngest = (-1, 0), nextYoungest = (-1, 0);
            _connman.ForEachNode(node =>
            {
                if (!node.IsBlockOnly || node.IsDisconnectRequested)
                    return;
                if (node.Id > youngest.Id)
                {
                    nextYoungest = youngest;
                    youngest = (node.Id, node.LastBlockTime);
                }
            });
            long toDisconnect = youngest.LastBlock > nextYoungest.LastBlock ? nextYoungest.Id : youngest.Id;
            _connman.ForNode(toDisconnect, node =>
            {
                var state = State(node.Id);
                if (state is null || (nowMicros - node.ConnectedMicros >= MinimumConnectTimeMicros && state.BlocksInFlight.Count == 0))
                {
                    node.RequestDisconnect();
                    Log.Debug(LogCategory.Net, $"disconnecting extra block-relay-only peer={node.Id} (last block received at time {node.LastBlockTime})");
                    return true;
                }

                Log.Debug(LogCategory.Net, $"keeping block-relay-only peer={node.Id} chosen for eviction (connect time: {node.ConnectedMicros / 1_000_000}, blocks_in_flight: {state.BlocksInFlight.Count})");
                return false;
            });
        }

        if (_connman.GetExtraFullOutboundCount() > 0)
        {
            // Drop the outbound full-relay peer that least recently announced a new block, youngest on ties.
            long worst = -1;
            long oldestAnnouncement = long.MaxValue;
            _connman.ForEachNode(node =>
            {
                if (!node.IsFullOutbound || node.IsDisconnectRequested)
                    return;
                var state = State(node.Id);
                if (state is null || state.ChainSyncProtect)
                    return;
                // The only peer on its network is kept.
                if (!_connman.MultipleManualOrFullOutboundConnections(node.Address.Address.GetNetwork()))
                    return;
                if (state.LastBlockAnnouncement < oldestAnnouncement || (state.LastBlockAnnouncement == oldestAnnouncement && node.Id > worst))
                {
                    worst = node.Id;
                    oldestAnnouncement = state.LastBlockAnnouncement;
                }
            });
            if (worst != -1)
            {
                bool disconnected = _connman.ForNode(worst, node =>
                {
                    var state = State(node.Id)!;
                    if (nowMicros - node.ConnectedMicros > MinimumConnectTimeMicros && state.BlocksInFlight.Count == 0)
                    {
                        Log.Debug(LogCategory.Net, $"disconnecting extra outbound peer={node.Id} (last block announcement received at time {oldestAnnouncement})");
                        node.RequestDisconnect();
                        return true;
                    }

                    Log.Debug(LogCategory.Net, $"keeping outbound peer={node.Id} chosen for eviction (connect time: {node.ConnectedMicros / 1_000_000}, blocks_in_flight: {state.BlocksInFlight.Count})");
                    return false;
                });
                if (disconnected)
                    _connman.TryNewOutboundPeer = false;
            }
        }
    }

    /// <summary>Runs every 45 seconds on the scheduler (Core's CheckForStaleTipAndEvictPeers).</summary>
    public void CheckForStaleTipAndEvictPeers()
    {
        lock (_chainman.Lock)
        {
            long nowMicros = NetTime.NowMicros();
            long now = NetTime.NowSeconds();
            EvictExtraOutboundPeers(nowMicros);
            if (now > _staleTipCheckTime)
            {
                if (!_chainman.Blockman.LoadingBlocks && _connman.NetworkActive && _connman.UseAddrmanOutgoing && TipMayBeStale())
                {
                    Log.Info($"Potential stale tip detected, will try using extra outbound peer (last tip update: {now - Interlocked.Read(ref _lastTipUpdateSeconds)} seconds ago)");
                    _connman.TryNewOutboundPeer = true;
                }
                else if (_connman.TryNewOutboundPeer)
                {
                    _connman.TryNewOutboundPeer = false;
                }

                _staleTipCheckTime = now + StaleCheckIntervalSeconds;
            }

            if (!_initialSyncFinished && CanDirectFetch())
            {
                _connman.StartExtraBlockRelayPeers();
                _initialSyncFinished = true;
            }
        }
    }
}
