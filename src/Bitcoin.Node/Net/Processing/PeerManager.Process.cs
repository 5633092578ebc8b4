using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Processing;

// Taking one message off a peer's queue and dispatching it (Core's ProcessMessages / ProcessMessage).
public sealed partial class PeerManager
{
    /// <inheritdoc/>
    public bool ProcessMessages(PeerConnection node, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(node);
        var peer = GetPeer(node.Id);
        if (peer is null)
            return false;
        // Outbound peers must get our version before we read anything from them.
        if (!node.IsInbound && !peer.OutboundVersionMessageSent)
            return false;

        lock (peer.GetDataLock)
        {
            if (peer.GetDataRequests.Count > 0)
                ProcessGetData(node, peer, interrupt);
        }

        bool processedOrphan = ProcessOrphanTx(peer);
        if (node.IsDisconnectRequested)
            return false;
        if (processedOrphan)
            return true;
        lock (peer.GetDataLock)
        {
            // Keep replies in order: finish the getdata queue before reading more.
            if (peer.GetDataRequests.Count > 0)
                return true;
        }

        if (node.PauseSend)
            return false;
        var message = node.PollMessage(out bool moreWork);
        if (message is null)
            return false;

        try
        {
            ProcessMessage(peer, node, message, interrupt);
            if (interrupt.IsCancellationRequested)
                return false;
            lock (peer.GetDataLock)
            {
                if (peer.GetDataRequests.Count > 0)
                    moreWork = true;
            }

            if (TxDownloadHaveMoreWork(peer.Id))
                moreWork = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Malformed payloads are dropped and the peer is not punished for them; like Core, any failure handling
            // one message is logged and the node carries on rather than letting a peer crash it.
            Log.Debug(LogCategory.Net, $"ProcessMessages({NetMessageType.Sanitize(message.Type)}, {message.Payload.Length} bytes): Exception '{DecodeErrorText(e)}' ({e.GetType().Name}) caught");
        }

        return moreWork;
    }

    // A payload that ends early reads as Core's stream error, whichever decoder (NBitcoin's or ours) found it: operators
    // and Core's tests (p2p_segwit.py) look for that text.
    private static string DecodeErrorText(Exception e) =>
        e is EndOfStreamException || e.InnerException is EndOfStreamException || e is SerializationException { Message: "end of data" }
            ? "DataStream::read(): end of data"
            : e.Message;

    private void ProcessMessage(Peer peer, PeerConnection node, ReceivedMessage message, CancellationToken interrupt)
    {
        var type = message.Type;
        var payload = message.Payload;
        Log.Debug(LogCategory.Net, $"received: {NetMessageType.Sanitize(type)} ({payload.Length} bytes) peer={node.Id}");

        if (type == NetMessageType.Version)
        {
            ProcessVersion(peer, node, payload);
            return;
        }

        if (node.Version == 0)
        {
            Log.Debug(LogCategory.Net, $"non-version message before version handshake. Message \"{NetMessageType.Sanitize(type)}\" from peer={node.Id}");
            return;
        }

        switch (type)
        {
            case NetMessageType.Verack:
                ProcessVerack(peer, node);
                return;
            case NetMessageType.SendHeaders:
                peer.PrefersHeaders = true;
                return;
            case NetMessageType.SendCmpct:
                ProcessSendCmpct(peer, node, payload);
                return;
            case NetMessageType.WtxidRelay:
                ProcessWtxidRelay(peer, node);
                return;
            case NetMessageType.SendAddrV2:
                if (node.SuccessfullyConnected)
                {
                    Log.Debug(LogCategory.Net, $"sendaddrv2 received after verack, {node.DisconnectMessage()}");
                    node.RequestDisconnect();
                    return;
                }

                peer.WantsAddrV2 = true;
                return;
            case NetMessageType.Feature:
                ProcessFeature(node, payload);
                return;
            case NetMessageType.SendTxRcncl:
                Log.Debug(LogCategory.Net, $"sendtxrcncl from peer={node.Id} ignored, as our node does not have txreconciliation enabled");
                return;
        }

        if (!node.SuccessfullyConnected)
        {
            Log.Debug(LogCategory.Net, $"Unsupported message \"{NetMessageType.Sanitize(type)}\" prior to verack from peer={node.Id}");
            return;
        }

        switch (type)
        {
            case NetMessageType.Addr:
            case NetMessageType.AddrV2:
                ProcessAddrMessage(peer, node, type, payload, interrupt);
                return;
            case NetMessageType.Inv:
                ProcessInv(peer, node, payload, interrupt);
                return;
            case NetMessageType.GetData:
                ProcessGetDataMessage(peer, node, payload, interrupt);
                return;
            case NetMessageType.GetBlocks:
                ProcessGetBlocks(peer, node, payload);
                return;
            case NetMessageType.GetBlockTxn:
                ProcessGetBlockTxn(peer, node, payload);
                return;
            case NetMessageType.GetHeaders:
                ProcessGetHeaders(node, payload);
                return;
            case NetMessageType.Tx:
                ProcessTxMessage(peer, node, payload);
                return;
            case NetMessageType.CmpctBlock:
                ProcessCompactBlockMessage(peer, node, payload);
                return;
            case NetMessageType.BlockTxn:
                if (_chainman.Blockman.LoadingBlocks)
                {
                    Log.Debug(LogCategory.Net, $"Unexpected blocktxn message received from peer {node.Id}");
                    return;
                }

                ProcessCompactBlockTxns(node, peer, Protocol.Messages.BlockTransactions.Read(payload, _factory));
                return;
            case NetMessageType.Headers:
                ProcessHeadersPayload(peer, node, payload);
                return;
            case NetMessageType.Block:
                ProcessBlockMessage(peer, node, payload);
                return;
            case NetMessageType.GetAddr:
                ProcessGetAddr(peer, node);
                return;
            case NetMessageType.Mempool:
                ProcessMempoolRequest(peer, node);
                return;
            case NetMessageType.Ping:
                if (node.CommonVersion > ProtocolVersion.Bip0031)
                    Push(node, NetMessageType.Pong, Protocol.Messages.Payloads.UInt64(Protocol.Messages.Payloads.ReadUInt64(payload)));
                return;
            case NetMessageType.Pong:
                ProcessPong(peer, node, message.TimeMicros, payload);
                return;
            case NetMessageType.FilterLoad:
            case NetMessageType.FilterAdd:
            case NetMessageType.FilterClear:
                // Bloom filters are only served with NODE_BLOOM (-peerbloomfilters or the bloomfilter permission).
                if ((peer.OurServices & ServiceFlags.Bloom) == 0)
                {
                    Log.Debug(LogCategory.Net, $"{type} received despite not offering bloom services, {node.DisconnectMessage()}");
                    node.RequestDisconnect();
                    return;
                }

                ProcessBloomMessage(peer, node, type, payload);
                return;
            case NetMessageType.FeeFilter:
                ProcessFeeFilter(peer, node, payload);
                return;
            case NetMessageType.GetCFilters:
                ProcessGetCFilters(peer, node, payload);
                return;
            case NetMessageType.GetCFHeaders:
                ProcessGetCFHeaders(peer, node, payload);
                return;
            case NetMessageType.GetCFCheckpt:
                ProcessGetCFCheckpt(peer, node, payload);
                return;
            case NetMessageType.NotFound:
                ProcessNotFound(peer, payload);
                return;
        }

        Log.Debug(LogCategory.Net, $"Unknown message type \"{NetMessageType.Sanitize(type)}\" from peer={node.Id}");
    }
}
