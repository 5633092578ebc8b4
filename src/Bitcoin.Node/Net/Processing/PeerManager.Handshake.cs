using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using Bitcoin.Node.Net.Util;

namespace Bitcoin.Node.Net.Processing;

// The version handshake and the feature negotiation that happens during it (Core's VERSION, VERACK, SENDCMPCT,
// WTXIDRELAY, SENDADDRV2 and FEATURE handling, PushNodeVersion), and ping/pong.
public sealed partial class PeerManager
{
    private static readonly byte[] s_finalAlert = Convert.FromHexString(
        "60010000000000000000000000ffffff7f00000000ffffff7ffeffff7f01ffffff7f00000000ffffff7f00ffffff7f002f555247454e543a20416c657274206b657920636f6d70726f6d697365642c2075706772616465207265717569726564004630440220653febd6410f470f6bae11cad19c48413becb1ac2c17f908fd0fd53bdc3abd5202206d0e9c96fe88d4a0f01ed9dedae2b6f9e00da94cad0fecaae66ecf689bf71b50");

    private void PushNodeVersion(PeerConnection node, Peer peer)
    {
        var address = node.Address;
        bool advertiseYourAddress = address.Address.IsRoutable && !_connman.Options.Proxies.IsProxy(address.Address) && address.Address.IsAddrV1Compatible;
        var yourAddress = advertiseYourAddress ? address.Service : ServiceAddress.None;
        int height = Volatile.Read(ref _bestHeight);
        bool txRelay = !RejectIncomingTxs(node);
        Push(node, NetMessageType.Version, Payloads.Version(node.AdvertisedVersion, peer.OurServices, NetTime.NowSeconds(),
            address.Services, yourAddress, node.LocalNonce, UserAgent, height, txRelay));
        Log.Debug(LogCategory.Net, $"send version message: version={node.AdvertisedVersion}, blocks={height}{(Log.LogIps ? ", them=" + yourAddress : "")}, txrelay={(txRelay ? 1 : 0)}, peer={node.Id}");
    }

    private void ProcessVersion(Peer peer, PeerConnection node, byte[] payload)
    {
        if (node.Version != 0)
        {
            Log.Debug(LogCategory.Net, $"redundant version message from peer={node.Id}");
            return;
        }

        var reader = new SpanReader(payload);
        int version = reader.ReadInt32();
        var services = (ServiceFlags)reader.ReadUInt64();
        long time = (long)reader.ReadUInt64();
        if (time < 0)
            time = 0;
        reader.Skip(8); // the services the peer thinks we have
        var addrMe = ServiceAddress.ReadV1(ref reader);
        if (!node.IsInbound && !node.IsPrivateBroadcast)
        {
            // A version message from an outbound peer is authoritative for its services.
            _addrman.SetServices(node.Address.Service, services);
        }

        if (node.ExpectServicesFromConnection && !HasAllDesirableServiceFlags(services))
        {
            Log.Debug(LogCategory.Net, $"peer does not offer the expected services ({(ulong)services:x8} offered, {(ulong)GetDesirableServiceFlags(services):x8} expected), {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        if (version < ProtocolVersion.MinPeer)
        {
            Log.Debug(LogCategory.Net, $"peer using obsolete version {version}, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        ulong nonce = 1;
        string cleanSubVersion = "";
        int startingHeight = -1;
        bool relay = true;
        if (!reader.IsEnd)
        {
            reader.Skip(26); // the sender's own services and address, unused
            nonce = reader.ReadUInt64();
        }

        if (!reader.IsEnd)
            cleanSubVersion = NetMessageType.Sanitize(Payloads.ReadLimitedString(ref reader, MaxSubVersionLength));
        if (!reader.IsEnd)
            startingHeight = reader.ReadInt32();
        if (!reader.IsEnd)
            relay = reader.ReadByte() != 0;

        if (node.IsInbound && !_connman.CheckIncomingNonce(nonce))
        {
            Log.Info($"connected to self at {node.Address.Service}, disconnecting");
            node.RequestDisconnect();
            return;
        }

        if (node.IsInbound && addrMe.IsRoutable)
            _connman.LocalAddresses.Seen(addrMe);

        // Inbound peers speak first; we answer with our version.
        if (node.IsInbound)
            PushNodeVersion(node, peer);

        int commonVersion = Math.Min(version, node.AdvertisedVersion);
        node.CommonVersion = commonVersion;
        node.Version = version;
        node.HasAllWantedServices = HasAllDesirableServiceFlags(services);
        peer.TheirServices = services;
        node.SetAddrLocal(addrMe);
        node.CleanSubVersion = cleanSubVersion;

        // Transaction relay state exists unless the connection is block-relay-only or a feeler and the peer wants it.
        if (!node.IsBlockOnly && !node.IsFeeler && (relay || (peer.OurServices & ServiceFlags.Bloom) != 0))
        {
            var txRelay = peer.SetTxRelay();
            lock (txRelay.Lock)
                txRelay.RelayTxs = relay;
            if (relay)
                node.RelaysTxs = true;
        }

        Log.Debug(LogCategory.Net, $"receive version message: {(cleanSubVersion.Length == 0 ? "<no user agent>" : cleanSubVersion)}: version {version}, blocks={startingHeight}, us={addrMe}, txrelay={(relay ? 1 : 0)}, {node.LogPeer()}");

        if (commonVersion >= ProtocolVersion.WtxidRelay)
            Push(node, NetMessageType.WtxidRelay);
        if (commonVersion >= 70016)
            Push(node, NetMessageType.SendAddrV2);

        if (MaybeDisconnectForTxRelayCapacity(node, NetMessageType.Version, node.Id))
            return;
        Push(node, NetMessageType.Verack);

        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            state.PreferredDownload = (!node.IsInbound || node.HasPermission(NetPermissionFlags.NoBan)) && !node.IsAddrFetch && CanServeBlocks(peer);
            _numPreferredDownloadPeers += state.PreferredDownload ? 1 : 0;
        }

        bool sendGetAddr = !node.IsInbound && SetupAddressRelay(node, peer);
        if (sendGetAddr)
        {
            // One address fetch per outbound peer fills an empty address manager quickly.
            Push(node, NetMessageType.GetAddr);
            peer.GetAddrSent = true;
            peer.AddrTokenBucket += MaxAddrToSend;
        }

        if (!node.IsInbound)
            _addrman.Good(node.Address.Service);

        peer.TimeOffsetSeconds = time - NetTime.NowSeconds();
        if (!node.IsInbound)
        {
            // Inbound peers could fake our clock being wrong; only outbound samples count.
            _outboundTimeOffsets.Add(peer.TimeOffsetSeconds);
            _outboundTimeOffsets.WarnIfOutOfSync();
        }

        if (commonVersion <= 70012)
            Push(node, "alert", s_finalAlert);

        if (node.IsFeeler)
        {
            Log.Debug(LogCategory.Net, $"feeler connection completed, {node.DisconnectMessage()}");
            node.RequestDisconnect();
        }
    }

    private void ProcessVerack(Peer peer, PeerConnection node)
    {
        if (node.SuccessfullyConnected)
        {
            Log.Debug(LogCategory.Net, $"ignoring redundant verack message from peer={node.Id}");
            return;
        }

        var message = $"New {ConnectionTypes.ToText(node.ConnectionType)} peer connected: transport: v1, version: {node.Version}, {node.LogPeer()}";
        if (node.IsInbound)
            Log.Debug(LogCategory.Net, message);
        else
            Log.Info(message);

        if (node.CommonVersion >= ProtocolVersion.ShortIdsBlocks)
        {
            // We offer version 2 compact blocks but do not ask for high-bandwidth announcements yet.
            Push(node, NetMessageType.SendCmpct, Payloads.SendCmpct(false, CmpctBlocksVersion));
        }

        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            TxDownloadConnectedPeer(node.Id, state.PreferredDownload, node.HasPermission(NetPermissionFlags.Relay), peer.WtxidRelay);
        }

        node.SuccessfullyConnected = true;
    }

    private void ProcessSendCmpct(Peer peer, PeerConnection node, byte[] payload)
    {
        var reader = new SpanReader(payload);
        byte highBandwidth = reader.ReadByte();
        ulong version = reader.ReadUInt64();
        if (highBandwidth > 1)
        {
            Misbehaving(peer, "invalid sendcmpct announce field");
            return;
        }

        // Only version 2 (with witnesses) is supported.
        if (version != CmpctBlocksVersion)
            return;
        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            state.ProvidesCompactBlocks = true;
            state.RequestedHighBandwidthCompactBlocks = highBandwidth == 1;
        }

        node.Bip152HighBandwidthFrom = highBandwidth == 1;
    }

    private void ProcessWtxidRelay(Peer peer, PeerConnection node)
    {
        if (node.SuccessfullyConnected)
        {
            Log.Debug(LogCategory.Net, $"wtxidrelay received after verack, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        if (node.CommonVersion >= ProtocolVersion.WtxidRelay)
        {
            if (!peer.WtxidRelay)
            {
                peer.WtxidRelay = true;
                Interlocked.Increment(ref _wtxidRelayPeers);
            }
            else
            {
                Log.Debug(LogCategory.Net, $"ignoring duplicate wtxidrelay from peer={node.Id}");
            }
        }
        else
        {
            Log.Debug(LogCategory.Net, $"ignoring wtxidrelay due to old common version={node.CommonVersion} from peer={node.Id}");
        }
    }

    private static void ProcessFeature(PeerConnection node, byte[] payload)
    {
        if (node.SuccessfullyConnected)
        {
            Log.Debug(LogCategory.Net, $"feature received after verack, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        if (node.CommonVersion < ProtocolVersion.Feature)
        {
            Log.Debug(LogCategory.Net, $"feature received with incompatible version {node.CommonVersion}, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        string featureId;
        bool atEnd;
        try
        {
            var reader = new SpanReader(payload);
            featureId = Payloads.ReadLimitedString(ref reader, MaxFeatureIdLength);
            Payloads.ReadLimitedBytes(ref reader, MaxFeatureDataLength);
            atEnd = reader.IsEnd;
        }
        catch (SerializationException)
        {
            featureId = "";
            atEnd = false;
        }

        if (featureId.Length < 4 || !atEnd)
        {
            Log.Debug(LogCategory.Net, $"invalid feature payload, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        // No features are defined yet: every one is unknown and ignored.
        Log.Debug(LogCategory.Net, $"unknown feature advertised: {NetMessageType.Sanitize(featureId)}");
    }

    private bool MaybeDisconnectForTxRelayCapacity(PeerConnection node, string messageType, long? protect = null)
    {
        if (!node.IsInbound || !node.RelaysTxs)
            return false;
        if (_connman.EvictTxPeerIfFull(protect))
            return false;
        Log.Debug(LogCategory.Net, $"failed to find a tx-relaying eviction candidate - connection dropped after {messageType} message, peer={node.Id}");
        node.RequestDisconnect();
        return true;
    }

    private void MaybeSendPing(PeerConnection node, Peer peer, long nowMicros)
    {
        if (_connman.ShouldRunInactivityChecks(node, nowMicros) && peer.PingNonceSent != 0 &&
            nowMicros > peer.PingStartMicros + TimeoutIntervalMicros)
        {
            Log.Debug(LogCategory.Net, $"ping timeout: {(nowMicros - peer.PingStartMicros) / 1e6:F6}s, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        bool send = peer.PingQueued || (peer.PingNonceSent == 0 && nowMicros > peer.PingStartMicros + PingIntervalMicros);
        if (!send)
            return;
        ulong nonce;
        do
        {
            nonce = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while (nonce == 0);
        peer.PingQueued = false;
        peer.PingStartMicros = nowMicros;
        if (node.CommonVersion > ProtocolVersion.Bip0031)
        {
            peer.PingNonceSent = nonce;
            Push(node, NetMessageType.Ping, Payloads.UInt64(nonce));
        }
        else
        {
            // A peer this old never answers; do not wait for it.
            peer.PingNonceSent = 0;
            Push(node, NetMessageType.Ping);
        }
    }

    private static void ProcessPong(Peer peer, PeerConnection node, long pingEndMicros, byte[] payload)
    {
        ulong nonce = 0;
        bool finished = false;
        string problem = "";
        if (payload.Length >= 8)
        {
            nonce = Payloads.ReadUInt64(payload);
            ulong sent = peer.PingNonceSent;
            if (sent != 0)
            {
                if (nonce == sent)
                {
                    finished = true;
                    long pingTime = pingEndMicros - peer.PingStartMicros;
                    if (pingTime >= 0)
                        node.PongReceived(pingTime);
                    else
                        problem = "Timing mishap";
                }
                else
                {
                    problem = "Nonce mismatch";
                    if (nonce == 0)
                    {
                        finished = true;
                        problem = "Nonce zero";
                    }
                }
            }
            else
            {
                problem = "Unsolicited pong without ping";
            }
        }
        else
        {
            finished = true;
            problem = "Short payload";
        }

        if (problem.Length > 0)
            Log.Debug(LogCategory.Net, $"pong peer={node.Id}: {problem}, {peer.PingNonceSent:x} expected, {nonce:x} received, {payload.Length} bytes");
        if (finished)
            peer.PingNonceSent = 0;
    }

    private bool SetupAddressRelay(PeerConnection node, Peer peer)
    {
        // No address relay with block-relay-only peers (it would reveal the link) or feelers (they leave at once).
        if (node.IsBlockOnly || node.IsFeeler)
            return false;
        if (!peer.AddrRelayEnabled)
        {
            peer.AddrRelayEnabled = true;
            peer.AddrKnown = new RollingBloomFilter(5000, 0.001);
        }

        return true;
    }
}
