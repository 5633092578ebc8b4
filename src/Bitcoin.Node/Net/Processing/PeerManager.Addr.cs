using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using Bitcoin.Node.Net.Util;

namespace Bitcoin.Node.Net.Processing;

// Address relay: addr/addrv2 with a token bucket per peer, getaddr answers, gossiping fresh addresses to two peers,
// and periodic self-announcement (Core's ProcessAddrs, RelayAddress, MaybeSendAddr, GETADDR).
public sealed partial class PeerManager
{
    private const int MaxAddrToSend = 1000;
    private const double MaxAddrRatePerSecond = 0.1;
    private const double MaxAddrProcessingTokenBucket = MaxAddrToSend;
    private const int MaxPctAddrToSend = 23;
    private const long AvgAddressBroadcastIntervalMicros = 30L * 1_000_000;
    private const long AvgLocalAddressBroadcastIntervalMicros = 24L * 3600 * 1_000_000;
    private const long RotateAddrRelayDestIntervalSeconds = 24 * 3600;
    private const ulong RandomizerIdAddressRelay = 0x3cac0035b5866b90UL;

    private static bool IsAddrCompatible(Peer peer, PeerAddress address) => peer.WantsAddrV2 || address.Address.IsAddrV1Compatible;

    private static void AddAddressKnown(Peer peer, PeerAddress address) => peer.AddrKnown!.Insert(address.Service.GetKey());

    private static void PushAddress(Peer peer, PeerAddress address)
    {
        // Known ones are filtered again before sending; this only saves space.
        if (address.Address.IsValid && !peer.AddrKnown!.Contains(address.Service.GetKey()) && IsAddrCompatible(peer, address))
        {
            if (peer.AddrsToSend.Count >= MaxAddrToSend)
                peer.AddrsToSend[Random.Shared.Next(peer.AddrsToSend.Count)] = address;
            else
                peer.AddrsToSend.Add(address);
        }
    }

    private void ProcessAddrMessage(Peer peer, PeerConnection node, string type, byte[] payload, CancellationToken interrupt)
    {
        var addresses = Payloads.ReadAddresses(payload, addrV2: type == NetMessageType.AddrV2);
        if (!SetupAddressRelay(node, peer))
        {
            Log.Debug(LogCategory.Net, $"ignoring {type} message from {ConnectionTypes.ToText(node.ConnectionType)} peer={node.Id}");
            return;
        }

        if (addresses.Count > MaxAddrToSend)
        {
            Misbehaving(peer, $"{type} message size = {addresses.Count}");
            return;
        }

        long now = NetTime.NowMicros();
        if (peer.AddrTokenBucket < MaxAddrProcessingTokenBucket)
        {
            double elapsed = Math.Max((now - peer.AddrTokenTimestampMicros) / 1e6, 0.0);
            peer.AddrTokenBucket = Math.Min(peer.AddrTokenBucket + (elapsed * MaxAddrRatePerSecond), MaxAddrProcessingTokenBucket);
        }

        peer.AddrTokenTimestampMicros = now;
        bool rateLimited = !node.HasPermission(NetPermissionFlags.Addr);
        long processed = 0, dropped = 0;
        long nowSeconds = now / 1_000_000;
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(addresses));
        var accepted = new List<PeerAddress>();
        foreach (var original in addresses)
        {
            if (interrupt.IsCancellationRequested)
                return;
            var address = original;
            if (peer.AddrTokenBucket < 1.0)
            {
                if (rateLimited)
                {
                    dropped++;
                    continue;
                }
            }
            else
            {
                peer.AddrTokenBucket -= 1.0;
            }

            // Only full nodes are worth remembering.
            if (!ServiceFlagNames.MayHaveUsefulAddressDb(address.Services) && !HasAllDesirableServiceFlags(address.Services))
                continue;
            if (address.Time <= PeerAddress.DefaultTime || address.Time > nowSeconds + (10 * 60))
                address = address with { Time = nowSeconds - (5 * 24 * 3600) };
            AddAddressKnown(peer, address);
            if (_banman is not null && (_banman.IsDiscouraged(address.Address) || _banman.IsBanned(address.Address)))
                continue;
            processed++;
            bool reachable = _connman.Reachable.Contains(address.Address);
            if (address.Time > nowSeconds - (10 * 60) && !peer.GetAddrSent && addresses.Count <= 10 && address.Address.IsRoutable)
                RelayAddress(node.Id, address, reachable);
            if (reachable)
                accepted.Add(address);
        }

        peer.CountAddresses(processed, dropped);
        Log.Debug(LogCategory.Net, $"Received addr: {addresses.Count} addresses ({processed} processed, {dropped} rate-limited) from peer={node.Id}");
        _addrman.Add(accepted, node.Address.Address, timePenaltySeconds: 2 * 3600);
        if (addresses.Count < 1000)
            peer.GetAddrSent = false;
        // An address-fetch connection is done once the peer sent more than its own address.
        if (node.IsAddrFetch && addresses.Count > 1)
        {
            Log.Debug(LogCategory.Net, $"addrfetch connection completed, {node.DisconnectMessage()}");
            node.RequestDisconnect();
        }
    }

    /// <summary>Gossips an address to one or two peers chosen deterministically for 24 hours (Core's RelayAddress).</summary>
    private void RelayAddress(long originator, PeerAddress address, bool reachable)
    {
        if (!reachable && !address.Address.IsRelayable)
            return;
        ulong hashAddr = new SipHasher(0, 0).Write((ulong)address.Address.Net).Write(address.Port).Write(address.Address.Bytes).Finalize();
        ulong timeAddr = ((ulong)NetTime.NowSeconds() + hashAddr) / RotateAddrRelayDestIntervalSeconds;
        var hasher = _connman.GetDeterministicRandomizer(RandomizerIdAddressRelay).Write(hashAddr).Write(timeAddr);
        int relayNodes = reachable || (hasher.Finalize() & 1) != 0 ? 2 : 1;
        var best = new (ulong Key, Peer? Peer)[2];
        foreach (var peer in GetAllPeers().OrderBy(p => p.Id))
        {
            if (!peer.AddrRelayEnabled || peer.Id == originator || !IsAddrCompatible(peer, address))
                continue;
            // SipHasher is a value: the copy keeps the shared prefix intact for the next peer.
            var perPeer = hasher;
            ulong key = perPeer.Write((ulong)peer.Id).Finalize();
            for (int i = 0; i < relayNodes; i++)
            {
                if (key > best[i].Key)
                {
                    for (int j = relayNodes - 1; j > i; j--)
                        best[j] = best[j - 1];
                    best[i] = (key, peer);
                    break;
                }
            }
        }

        for (int i = 0; i < relayNodes && best[i].Key != 0; i++)
            PushAddress(best[i].Peer!, address);
    }

    private void ProcessGetAddr(Peer peer, PeerConnection node)
    {
        // Outbound peers' getaddr is ignored so that an attacker cannot learn what a node behind NAT knows.
        if (!node.IsInbound)
        {
            Log.Debug(LogCategory.Net, $"Ignoring \"getaddr\" from {ConnectionTypes.ToText(node.ConnectionType)} connection. peer={node.Id}");
            return;
        }

        SetupAddressRelay(node, peer);
        if (peer.GetAddrReceived)
        {
            Log.Debug(LogCategory.Net, $"Ignoring repeated \"getaddr\". peer={node.Id}");
            return;
        }

        peer.GetAddrReceived = true;
        peer.AddrsToSend.Clear();
        var addresses = node.HasPermission(NetPermissionFlags.Addr)
            ? _connman.GetAddressesUnsafe(MaxAddrToSend, MaxPctAddrToSend, network: null)
            : _connman.GetAddresses(node, MaxAddrToSend, MaxPctAddrToSend);
        foreach (var address in addresses)
            PushAddress(peer, address);
    }

    private void MaybeSendAddr(PeerConnection node, Peer peer, long nowMicros)
    {
        if (!peer.AddrRelayEnabled)
            return;
        lock (peer.AddrSendTimesLock)
        {
            if (_connman.Options.Listen && !_chainman.IsInitialBlockDownload && peer.NextLocalAddrSendMicros < nowMicros)
            {
                // Clear the filter so the self-announcement really goes out.
                if (peer.NextLocalAddrSendMicros != 0)
                    peer.AddrKnown!.Reset();
                if (_connman.GetLocalAddressForPeer(node) is { } local)
                {
                    var localAddress = new PeerAddress(local, peer.OurServices, NetTime.NowSeconds());
                    if (peer.NextLocalAddrSendMicros == 0)
                    {
                        // The first self-announcement goes alone so rate limiting at the peer cannot drop it.
                        if (IsAddrCompatible(peer, localAddress))
                            Push(node, peer.WantsAddrV2 ? NetMessageType.AddrV2 : NetMessageType.Addr, Payloads.Addresses([localAddress], peer.WantsAddrV2));
                    }
                    else
                    {
                        PushAddress(peer, localAddress);
                    }
                }

                peer.NextLocalAddrSendMicros = nowMicros + RandomExponential(AvgLocalAddressBroadcastIntervalMicros);
            }

            if (nowMicros <= peer.NextAddrSendMicros)
                return;
            peer.NextAddrSendMicros = nowMicros + RandomExponential(AvgAddressBroadcastIntervalMicros);
        }

        // Drop what the peer knows, remembering the rest as known.
        peer.AddrsToSend.RemoveAll(address =>
        {
            var key = address.Service.GetKey();
            if (peer.AddrKnown!.Contains(key))
                return true;
            peer.AddrKnown.Insert(key);
            return false;
        });
        if (peer.AddrsToSend.Count == 0)
            return;
        Push(node, peer.WantsAddrV2 ? NetMessageType.AddrV2 : NetMessageType.Addr, Payloads.Addresses(peer.AddrsToSend, peer.WantsAddrV2));
        peer.AddrsToSend.Clear();
    }

    private static long RandomExponential(long averageMicros) => (long)(-Math.Log(1.0 - Random.Shared.NextDouble()) * averageMicros);
}
