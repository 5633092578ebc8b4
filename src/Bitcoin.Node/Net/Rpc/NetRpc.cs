using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Util;
using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Context;
using Bitcoin.Node.Init;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Bans;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Processing;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Rpc.Internal;

namespace Bitcoin.Node.Net.Rpc;

/// <summary>
/// The network commands (Core's rpc/net.cpp, and getblockfrompeer of rpc/blockchain.cpp). They find the P2P stack in
/// <see cref="NodeContext.Network"/> at each call: -31 "Error: Peer-to-peer functionality missing or disabled" before
/// it exists.
/// </summary>
public static partial class NetRpc
{
    private const string Network = "network";
    private const string Hidden = "hidden";
    private const string Blockchain = "blockchain";
    private const string UnixEpochTime = "UNIX epoch time";

    private static readonly string[] ConnectionTypeDoc =
    [
        "outbound-full-relay (default automatic connections)",
        "block-relay-only (does not relay transactions or addresses)",
        "inbound (initiated by the peer)",
        "manual (added via addnode RPC or -addnode/-connect configuration options)",
        "addr-fetch (short-lived automatic connection for soliciting addresses)",
        "feeler (short-lived automatic connection for testing addresses)",
        "private-broadcast (short-lived automatic connection for broadcasting privacy-sensitive transactions)",
    ];

    private static readonly string[] TransportTypeDoc =
    [
        "detecting (peer could be v1 or v2)",
        "v1 (plaintext transport protocol)",
        "v2 (BIP324 encrypted transport protocol)",
    ];

    /// <summary>Registers the commands in Core's categories.</summary>
    public static void Register(RpcCommandTable table, NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(node);
        table.Register(Network, GetConnectionCount(node));
        table.Register(Network, Ping(node));
        table.Register(Network, GetPeerInfo(node));
        table.Register(Network, AddNode(node));
        table.Register(Network, DisconnectNode(node));
        table.Register(Network, GetAddedNodeInfo(node));
        table.Register(Network, GetNetTotals(node));
        table.Register(Network, GetNetworkInfo(node));
        table.Register(Network, SetBan(node));
        table.Register(Network, ListBanned(node));
        table.Register(Network, ClearBanned(node));
        table.Register(Network, SetNetworkActive(node));
        table.Register(Network, GetNodeAddresses(node));
        table.Register(Network, GetAddrManInfo(node));
        table.Register(Network, ExportAsmap());
        table.Register(Hidden, GetOrphanTxs(node));
        table.Register(Hidden, AddConnection(node));
        table.Register(Hidden, AddPeerAddress(node));
        table.Register(Hidden, SendMsgToPeer(node));
        table.Register(Hidden, GetRawAddrMan(node));
        table.Register(Blockchain, GetBlockFromPeer(node));
    }

    private static NodeNetwork EnsureNetwork(NodeContext node) =>
        node.Network ?? throw new RpcException(RpcErrorCode.ClientP2PDisabled, "Error: Peer-to-peer functionality missing or disabled");

    private static ConnectionManager EnsureConnman(NodeContext node) => EnsureNetwork(node).Connman;

    private static PeerManager EnsurePeerman(NodeContext node) =>
        EnsureNetwork(node).PeerManager ?? throw new RpcException(RpcErrorCode.ClientP2PDisabled, "Error: Peer-to-peer functionality missing or disabled");

    private static BanMan EnsureBanman(NodeContext node) =>
        node.Network?.BanMan ?? throw new RpcException(RpcErrorCode.DatabaseError, "Error: Ban database not loaded");

    private static AddrMan EnsureAddrman(NodeContext node) =>
        node.Network?.AddrMan ?? throw new RpcException(RpcErrorCode.ClientP2PDisabled, "Error: Address manager functionality missing or disabled");

    private static JsonArray ServicesNames(ServiceFlags services) => [.. ServiceFlagNames.ToStrings(services).Select(s => (JsonNode)s)];

    private static string ServicesHex(ServiceFlags services) => ((ulong)services).ToString("x16", CultureInfo.InvariantCulture);

    private static RpcMethod GetConnectionCount(NodeContext node) => new(
        "getconnectioncount",
        "Returns the number of connections to other nodes.\n",
        [],
        [RpcDoc.Value(RpcResultType.Num, "The connection count")],
        RpcDoc.Examples("getconnectioncount"),
        _ => EnsureConnman(node).GetNodeCount(ConnectionDirection.Both));

    private static RpcMethod Ping(NodeContext node) => new(
        "ping",
        "Requests that a ping be sent to all other nodes, to measure ping time.\n" +
        "Results are provided in getpeerinfo.\n" +
        "Ping command is handled in queue with all other commands, so it measures processing backlog, not just network ping.\n",
        [],
        [RpcDoc.Null()],
        RpcDoc.Examples("ping"),
        _ =>
        {
            EnsurePeerman(node).SendPings();
            return null;
        });

    private static RpcMethod GetPeerInfo(NodeContext node) => new(
        "getpeerinfo",
        "Returns data about each connected network peer as a json array of objects.",
        [],
        [
            RpcDoc.Value(RpcResultType.Arr, "",
            [
                RpcDoc.Field(RpcResultType.Obj, "", "",
                [
                    RpcDoc.Field(RpcResultType.Num, "id", "Peer index"),
                    RpcDoc.Field(RpcResultType.Str, "addr", "(host:port) The IP address/hostname optionally followed by :port of the peer"),
                    RpcDoc.OptionalField(RpcResultType.Str, "addrbind", "(ip:port) Bind address of the connection to the peer"),
                    RpcDoc.OptionalField(RpcResultType.Str, "addrlocal", "(ip:port) Local address as reported by the peer"),
                    RpcDoc.Field(RpcResultType.Str, "network", "Network (" + string.Join(", ", NetKinds.Names(appendUnroutable: true)) + ")"),
                    RpcDoc.OptionalField(RpcResultType.Num, "mapped_as", "Mapped AS (Autonomous System) number at the end of the BGP route to the peer, used for diversifying\n" +
                                                                        "peer selection (only displayed if the -asmap config option is set)"),
                    RpcDoc.Field(RpcResultType.StrHex, "services", "The services offered"),
                    RpcDoc.Field(RpcResultType.Arr, "servicesnames", "the services offered, in human-readable form",
                        [RpcDoc.Field(RpcResultType.Str, "SERVICE_NAME", "the service name if it is recognised")]),
                    RpcDoc.Field(RpcResultType.Bool, "relaytxes", "Whether we relay transactions to this peer"),
                    RpcDoc.Field(RpcResultType.Num, "last_inv_sequence", "Mempool sequence number of this peer's last INV"),
                    RpcDoc.Field(RpcResultType.Num, "inv_to_send", "How many txs we have queued to announce to this peer"),
                    RpcDoc.Field(RpcResultType.NumTime, "lastsend", "The " + UnixEpochTime + " of the last send"),
                    RpcDoc.Field(RpcResultType.NumTime, "lastrecv", "The " + UnixEpochTime + " of the last receive"),
                    RpcDoc.Field(RpcResultType.NumTime, "last_transaction", "The " + UnixEpochTime + " of the last valid transaction received from this peer"),
                    RpcDoc.Field(RpcResultType.NumTime, "last_block", "The " + UnixEpochTime + " of the last block received from this peer"),
                    RpcDoc.Field(RpcResultType.Num, "bytessent", "The total bytes sent"),
                    RpcDoc.Field(RpcResultType.Num, "bytesrecv", "The total bytes received"),
                    RpcDoc.Field(RpcResultType.NumTime, "conntime", "The " + UnixEpochTime + " of the connection"),
                    RpcDoc.Field(RpcResultType.Num, "timeoffset", "The time offset in seconds"),
                    RpcDoc.OptionalField(RpcResultType.Num, "pingtime", "The last ping time in seconds, if any"),
                    RpcDoc.OptionalField(RpcResultType.Num, "minping", "The minimum observed ping time in seconds, if any"),
                    RpcDoc.OptionalField(RpcResultType.Num, "pingwait", "The duration in seconds of an outstanding ping (if non-zero)"),
                    RpcDoc.Field(RpcResultType.Num, "version", "The peer version, such as 70001"),
                    RpcDoc.Field(RpcResultType.Str, "subver", "The string version"),
                    RpcDoc.Field(RpcResultType.Bool, "inbound", "Inbound (true) or Outbound (false)"),
                    RpcDoc.Field(RpcResultType.Bool, "bip152_hb_to", "Whether we selected peer as (compact blocks) high-bandwidth peer"),
                    RpcDoc.Field(RpcResultType.Bool, "bip152_hb_from", "Whether peer selected us as (compact blocks) high-bandwidth peer"),
                    RpcDoc.Field(RpcResultType.Num, "presynced_headers", "The current height of header pre-synchronization with this peer, or -1 if no low-work sync is in progress"),
                    RpcDoc.Field(RpcResultType.Num, "synced_headers", "The last header we have in common with this peer"),
                    RpcDoc.Field(RpcResultType.Num, "synced_blocks", "The last block we have in common with this peer"),
                    RpcDoc.Field(RpcResultType.Arr, "inflight", "",
                        [RpcDoc.Field(RpcResultType.Num, "n", "The heights of blocks we're currently asking from this peer")]),
                    RpcDoc.Field(RpcResultType.Bool, "addr_relay_enabled", "Whether we participate in address relay with this peer"),
                    RpcDoc.Field(RpcResultType.Num, "addr_processed", "The total number of addresses processed, excluding those dropped due to rate limiting"),
                    RpcDoc.Field(RpcResultType.Num, "addr_rate_limited", "The total number of addresses dropped due to rate limiting"),
                    RpcDoc.Field(RpcResultType.Arr, "permissions", "Any special permissions that have been granted to this peer",
                        [RpcDoc.Field(RpcResultType.Str, "permission_type", string.Join(",\n", NetPermissions.Documentation) + ".\n")]),
                    RpcDoc.Field(RpcResultType.Num, "minfeefilter", "The minimum fee rate for transactions this peer accepts"),
                    RpcDoc.Field(RpcResultType.ObjDyn, "bytessent_per_msg", "",
                    [
                        RpcDoc.Field(RpcResultType.Num, "msg", "The total bytes sent aggregated by message type\n" +
                                                               "When a message type is not listed in this json object, the bytes sent are 0.\n" +
                                                               "Only known message types can appear as keys in the object."),
                    ]),
                    RpcDoc.Field(RpcResultType.ObjDyn, "bytesrecv_per_msg", "",
                    [
                        RpcDoc.Field(RpcResultType.Num, "msg", "The total bytes received aggregated by message type\n" +
                                                               "When a message type is not listed in this json object, the bytes received are 0.\n" +
                                                               "Only known message types can appear as keys in the object and all bytes received\n" +
                                                               "of unknown message types are listed under '" + NetMessageType.Other + "'."),
                    ]),
                    RpcDoc.Field(RpcResultType.Str, "connection_type", "Type of connection: \n" + string.Join(",\n", ConnectionTypeDoc) + ".\n" +
                                                                       "Please note this output is unlikely to be stable in upcoming releases as we iterate to\n" +
                                                                       "best capture connection behaviors."),
                    RpcDoc.Field(RpcResultType.Str, "transport_protocol_type", "Type of transport protocol: \n" + string.Join(",\n", TransportTypeDoc) + ".\n"),
                    RpcDoc.Field(RpcResultType.Str, "session_id", "The session ID for this connection, or \"\" if there is none (\"v2\" transport protocol only).\n"),
                ]),
            ]),
        ],
        RpcDoc.Examples("getpeerinfo"),
        _ =>
        {
            var connman = EnsureConnman(node);
            var peerman = EnsurePeerman(node);
            var result = new JsonArray();
            foreach (var peer in connman.Snapshot().OrderBy(p => p.Id))
            {
                // A peer that went away between the two snapshots is not reported.
                if (peerman.GetNodeStateStats(peer.Id) is not { } stats)
                    continue;
                var obj = new JsonObject
                {
                    ["id"] = peer.Id,
                    ["addr"] = peer.AddrName,
                };
                if (peer.BindAddress.IsValid)
                    obj["addrbind"] = peer.BindAddress.ToStringAddrPort();
                if (peer.AddrLocal is { } local)
                    obj["addrlocal"] = local.ToStringAddrPort();
                obj["network"] = NetKinds.Name(peer.ConnectedThroughNetwork);
                obj["services"] = ServicesHex(stats.TheirServices);
                obj["servicesnames"] = ServicesNames(stats.TheirServices);
                obj["relaytxes"] = stats.RelayTxs;
                obj["last_inv_sequence"] = stats.LastInvSequence;
                obj["inv_to_send"] = stats.InvToSend;
                obj["lastsend"] = peer.LastSendMicros / 1_000_000;
                obj["lastrecv"] = peer.LastRecvMicros / 1_000_000;
                obj["last_transaction"] = peer.LastTxTime;
                obj["last_block"] = peer.LastBlockTime;
                obj["bytessent"] = peer.BytesSent;
                obj["bytesrecv"] = peer.BytesRecv;
                obj["conntime"] = peer.ConnectedMicros / 1_000_000;
                obj["timeoffset"] = stats.TimeOffsetSeconds;
                if (peer.LastPingMicros > 0)
                    obj["pingtime"] = peer.LastPingMicros / 1e6;
                if (peer.MinPingMicros < long.MaxValue)
                    obj["minping"] = peer.MinPingMicros / 1e6;
                if (stats.PingWaitMicros > 0)
                    obj["pingwait"] = stats.PingWaitMicros / 1e6;
                obj["version"] = peer.Version;
                obj["subver"] = peer.CleanSubVersion;
                obj["inbound"] = peer.IsInbound;
                obj["bip152_hb_to"] = peer.Bip152HighBandwidthTo;
                obj["bip152_hb_from"] = peer.Bip152HighBandwidthFrom;
                obj["presynced_headers"] = stats.PresyncHeight;
                obj["synced_headers"] = stats.SyncHeight;
                obj["synced_blocks"] = stats.CommonHeight;
                obj["inflight"] = new JsonArray([.. stats.HeightsInFlight.Select(h => (JsonNode)h)]);
                obj["addr_relay_enabled"] = stats.AddrRelayEnabled;
                obj["addr_processed"] = stats.AddrProcessed;
                obj["addr_rate_limited"] = stats.AddrRateLimited;
                obj["permissions"] = new JsonArray([.. NetPermissions.ToStrings(peer.Permissions).Select(p => (JsonNode)p)]);
                obj["minfeefilter"] = JsonNumbers.Amount(stats.FeeFilterReceived);
                var (sent, received) = peer.ByteCountsPerType();
                obj["bytessent_per_msg"] = PerMessage(sent);
                obj["bytesrecv_per_msg"] = PerMessage(received);
                obj["connection_type"] = ConnectionTypes.ToText(peer.ConnectionType);
                var transport = peer.TransportInfo;
                obj["transport_protocol_type"] = transport.TypeName;
                obj["session_id"] = transport.SessionIdHex;
                result.Add(obj);
            }

            return result;
        });

    private static JsonObject PerMessage(IReadOnlyDictionary<string, long> counts)
    {
        var obj = new JsonObject();
        foreach (var (type, bytes) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (bytes > 0)
                obj[type] = bytes;
        }

        return obj;
    }

    private static RpcMethod AddNode(NodeContext node) => new(
        "addnode",
        "Attempts to add or remove a node from the addnode list.\n" +
        "Or try a connection to a node once.\n" +
        "Nodes added using addnode (or -connect) are protected from DoS disconnection and are not required to be\n" +
        "full nodes/support SegWit as other outbound peers are (though such peers will not be synced from).\n" +
        "Addnode connections are limited to 8 at a time and are counted separately from the -maxconnections limit.\n",
        [
            RpcDoc.Required("node", RpcArgType.Str, "The IP address/hostname optionally followed by :port of the peer to connect to"),
            RpcDoc.Required("command", RpcArgType.Str, "'add' to add a node to the list, 'remove' to remove a node from the list, 'onetry' to try a connection to the node once"),
            RpcDoc.WithHint("v2transport", RpcArgType.Bool, "set by -v2transport", "Attempt to connect using BIP324 v2 transport protocol (ignored for 'remove' command)"),
        ],
        [RpcDoc.Null()],
        RpcExamples.Cli("addnode", "\"192.168.0.6:8333\" \"onetry\" true") + RpcExamples.Rpc("addnode", "\"192.168.0.6:8333\", \"onetry\" true"),
        call =>
        {
            var command = call.ArgStr("command");
            if (command is not ("onetry" or "add" or "remove"))
                throw new RpcException(RpcErrorCode.MiscError, call.Method.ToHelpText());
            var connman = EnsureConnman(node);
            var target = call.ArgStr("node");
            if (target.Trim().Length == 0)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Error: Node address cannot be empty");
            bool nodeV2 = (connman.LocalServices & ServiceFlags.P2PV2) != 0;
            bool useV2 = call.MaybeBool("v2transport") ?? nodeV2;
            if (useV2 && !nodeV2)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Error: v2transport requested but not enabled (see -v2transport)");
            if (command == "onetry")
            {
                connman.OpenNetworkConnection(null, countFailure: false, grant: null, target, ConnectionType.Manual, useV2);
                return null;
            }

            if (command == "add")
            {
                if (!connman.AddNode(new AddedNodeParams(target, useV2)))
                    throw new RpcException(RpcErrorCode.ClientNodeAlreadyAdded, "Error: Node already added");
            }
            else if (!connman.RemoveAddedNode(target))
            {
                throw new RpcException(RpcErrorCode.ClientNodeNotAdded, "Error: Node could not be removed. It has not been added previously.");
            }

            return null;
        });

    private static RpcMethod AddConnection(NodeContext node) => new(
        "addconnection",
        "Open an outbound connection to a specified node. This RPC is for testing only.\n",
        [
            RpcDoc.Required("address", RpcArgType.Str, "The IP address and port to attempt connecting to."),
            RpcDoc.Required("connection_type", RpcArgType.Str, "Type of connection to open (\"outbound-full-relay\", \"block-relay-only\", \"addr-fetch\" or \"feeler\")."),
            RpcDoc.Required("v2transport", RpcArgType.Bool, "Attempt to connect using BIP324 v2 transport protocol"),
        ],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Str, "address", "Address of newly added connection."),
                RpcDoc.Field(RpcResultType.Str, "connection_type", "Type of connection opened."),
            ]),
        ],
        RpcExamples.Cli("addconnection", "\"192.168.0.6:8333\" \"outbound-full-relay\" true") +
        RpcExamples.Rpc("addconnection", "\"192.168.0.6:8333\" \"outbound-full-relay\" true"),
        call =>
        {
            if (node.ChainParams?.Type != Bitcoin.Common.Chain.ChainType.Regtest)
                throw new RpcException(RpcErrorCode.MiscError, "addconnection is for regression testing (-regtest mode) only.");
            var address = call.Param(0).GetStr();
            var typeText = call.ArgStr("connection_type").Trim();
            var type = typeText switch
            {
                "outbound-full-relay" => ConnectionType.OutboundFullRelay,
                "block-relay-only" => ConnectionType.BlockRelay,
                "addr-fetch" => ConnectionType.AddrFetch,
                "feeler" => ConnectionType.Feeler,
                _ => throw new RpcException(RpcErrorCode.InvalidParameter, call.Method.ToHelpText()),
            };
            bool useV2 = call.ArgBool("v2transport");
            var connman = EnsureConnman(node);
            if (useV2 && (connman.LocalServices & ServiceFlags.P2PV2) == 0)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Error: Adding v2transport connections requires -v2transport init flag to be set.");
            if (!connman.AddConnection(address, type, useV2))
                throw new RpcException(RpcErrorCode.ClientNodeCapacityReached, "Error: Already at capacity for specified connection type.");
            return new JsonObject { ["address"] = address, ["connection_type"] = typeText };
        });

    private static RpcMethod DisconnectNode(NodeContext node) => new(
        "disconnectnode",
        "Immediately disconnects from the specified peer node.\n" +
        "\nStrictly one out of 'address' and 'nodeid' can be provided to identify the node.\n" +
        "\nTo disconnect by nodeid, either set 'address' to the empty string, or call using the named 'nodeid' argument only.\n",
        [
            RpcDoc.WithHint("address", RpcArgType.Str, "fallback to nodeid", "The IP address/port of the node"),
            RpcDoc.WithHint("nodeid", RpcArgType.Num, "fallback to address", "The node ID (see getpeerinfo for node IDs)"),
        ],
        [RpcDoc.Null()],
        RpcExamples.Cli("disconnectnode", "\"192.168.0.6:8333\"") + RpcExamples.Cli("disconnectnode", "\"\" 1") +
        RpcExamples.Rpc("disconnectnode", "\"192.168.0.6:8333\"") + RpcExamples.Rpc("disconnectnode", "\"\", 1"),
        call =>
        {
            var connman = EnsureConnman(node);
            var address = call.MaybeStr("address");
            var nodeId = call.MaybeInt64("nodeid");
            bool success;
            if (address is not null && nodeId is null)
                success = DisconnectByAddress(connman, address);
            else if (nodeId is { } id && string.IsNullOrEmpty(address))
                success = connman.DisconnectNode(id);
            else
                throw new RpcException(RpcErrorCode.InvalidParams, "Only one of address and nodeid should be provided.");
            if (!success)
                throw new RpcException(RpcErrorCode.ClientNodeNotConnected, "Node not found in connected nodes");
            return null;
        });

    // Core's CConnman::DisconnectNode(string): by the name the connection was made with, or by its address.
    private static bool DisconnectByAddress(ConnectionManager connman, string address) => connman.DisconnectNode(address);

    private static RpcMethod GetAddedNodeInfo(NodeContext node) => new(
        "getaddednodeinfo",
        "Returns information about the given added node, or all added nodes\n" +
        "(note that onetry addnodes are not listed here)\n",
        [RpcDoc.WithHint("node", RpcArgType.Str, "all nodes", "If provided, return information about this specific node, otherwise all nodes are returned.")],
        [
            RpcDoc.Value(RpcResultType.Arr, "",
            [
                RpcDoc.Field(RpcResultType.Obj, "", "",
                [
                    RpcDoc.Field(RpcResultType.Str, "addednode", "The node IP address or name (as provided to addnode)"),
                    RpcDoc.Field(RpcResultType.Bool, "connected", "If connected"),
                    RpcDoc.Field(RpcResultType.Arr, "addresses", "Only when connected = true",
                    [
                        RpcDoc.Field(RpcResultType.Obj, "", "",
                        [
                            RpcDoc.Field(RpcResultType.Str, "address", "The bitcoin server IP and port we're connected to"),
                            RpcDoc.Field(RpcResultType.Str, "connected", "connection, inbound or outbound"),
                        ]),
                    ]),
                ]),
            ]),
        ],
        RpcDoc.Examples("getaddednodeinfo", "\"192.168.0.201\"", "\"192.168.0.201\""),
        call =>
        {
            var connman = EnsureConnman(node);
            var infos = connman.GetAddedNodeInfo(includeConnected: true).ToList();
            if (call.MaybeStr("node") is { } name)
            {
                var found = infos.FirstOrDefault(i => i.Params.Node == name);
                if (found is null)
                    throw new RpcException(RpcErrorCode.ClientNodeNotAdded, "Error: Node has not been added.");
                infos = [found];
            }

            var result = new JsonArray();
            foreach (var info in infos)
            {
                var addresses = new JsonArray();
                if (info.Connected)
                {
                    addresses.Add(new JsonObject
                    {
                        ["address"] = info.ResolvedAddress?.ToStringAddrPort() ?? "",
                        ["connected"] = info.Inbound ? "inbound" : "outbound",
                    });
                }

                result.Add(new JsonObject
                {
                    ["addednode"] = info.Params.Node,
                    ["connected"] = info.Connected,
                    ["addresses"] = addresses,
                });
            }

            return result;
        });

    private static RpcMethod GetNetTotals(NodeContext node) => new(
        "getnettotals",
        "Returns information about network traffic, including bytes in, bytes out,\n" +
        "and current system time.",
        [],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Num, "totalbytesrecv", "Total bytes received"),
                RpcDoc.Field(RpcResultType.Num, "totalbytessent", "Total bytes sent"),
                RpcDoc.Field(RpcResultType.NumTime, "timemillis", "Current system " + UnixEpochTime + " in milliseconds"),
                RpcDoc.Field(RpcResultType.Obj, "uploadtarget", "",
                [
                    RpcDoc.Field(RpcResultType.Num, "timeframe", "Length of the measuring timeframe in seconds"),
                    RpcDoc.Field(RpcResultType.Num, "target", "Target in bytes"),
                    RpcDoc.Field(RpcResultType.Bool, "target_reached", "True if target is reached"),
                    RpcDoc.Field(RpcResultType.Bool, "serve_historical_blocks", "True if serving historical blocks"),
                    RpcDoc.Field(RpcResultType.Num, "bytes_left_in_cycle", "Bytes left in current time cycle"),
                    RpcDoc.Field(RpcResultType.Num, "time_left_in_cycle", "Seconds left in current time cycle"),
                ]),
            ]),
        ],
        RpcDoc.Examples("getnettotals"),
        _ =>
        {
            var connman = EnsureConnman(node);
            return new JsonObject
            {
                ["totalbytesrecv"] = connman.TotalBytesRecv,
                ["totalbytessent"] = connman.TotalBytesSent,
                ["timemillis"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                ["uploadtarget"] = new JsonObject
                {
                    ["timeframe"] = ConnectionManager.MaxUploadTimeframeSeconds,
                    ["target"] = connman.MaxOutboundTarget,
                    ["target_reached"] = connman.OutboundTargetReached(false),
                    ["serve_historical_blocks"] = !connman.OutboundTargetReached(true),
                    ["bytes_left_in_cycle"] = connman.OutboundTargetBytesLeft(),
                    ["time_left_in_cycle"] = connman.MaxOutboundTimeLeftInCycle(),
                },
            };
        });

    private static JsonArray NetworksInfo(NodeNetwork? network)
    {
        var result = new JsonArray();
        foreach (var kind in NetKinds.Public)
        {
            bool reachable = network?.Reachable.Contains(kind) ?? kind is NetKind.IPv4 or NetKind.IPv6;
            var proxy = network?.Proxies.Get(kind);
            result.Add(new JsonObject
            {
                ["name"] = NetKinds.Name(kind),
                ["limited"] = !reachable,
                ["reachable"] = reachable,
                ["proxy"] = proxy?.ToString() ?? "",
                ["proxy_randomize_credentials"] = proxy?.RandomizeCredentials ?? false,
            });
        }

        return result;
    }

    private static RpcMethod GetNetworkInfo(NodeContext node) => new(
        "getnetworkinfo",
        "Returns an object containing various state info regarding P2P networking.\n",
        [],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Num, "version", "the server version"),
                RpcDoc.Field(RpcResultType.Str, "subversion", "the server subversion string"),
                RpcDoc.Field(RpcResultType.Num, "protocolversion", "the protocol version"),
                RpcDoc.Field(RpcResultType.StrHex, "localservices", "the services we offer to the network"),
                RpcDoc.Field(RpcResultType.Arr, "localservicesnames", "the services we offer to the network, in human-readable form",
                    [RpcDoc.Field(RpcResultType.Str, "SERVICE_NAME", "the service name")]),
                RpcDoc.Field(RpcResultType.Bool, "localrelay", "true if transaction relay is requested from peers"),
                RpcDoc.Field(RpcResultType.Num, "timeoffset", "the time offset"),
                RpcDoc.Field(RpcResultType.Num, "tx_send_rate", "configured target for maximum number of transactions per second to send to inbound peers"),
                RpcDoc.Field(RpcResultType.ObjDyn, "inv_buckets", "",
                [
                    RpcDoc.Field(RpcResultType.Obj, "inbound/outbound", "connection direction",
                    [
                        RpcDoc.Field(RpcResultType.Num, "backlog", "number of queued txs to announce"),
                        RpcDoc.Field(RpcResultType.Num, "count_tok", "tokens available to be consumed per-transaction"),
                        RpcDoc.Field(RpcResultType.Num, "size_tok", "tokens available to be consumed per-byte"),
                    ]),
                ]),
                RpcDoc.Field(RpcResultType.Num, "connections", "the total number of connections"),
                RpcDoc.Field(RpcResultType.Num, "connections_in", "the number of inbound connections"),
                RpcDoc.Field(RpcResultType.Num, "connections_out", "the number of outbound connections"),
                RpcDoc.Field(RpcResultType.Bool, "networkactive", "whether p2p networking is enabled"),
                RpcDoc.Field(RpcResultType.Arr, "networks", "information per network",
                [
                    RpcDoc.Field(RpcResultType.Obj, "", "",
                    [
                        RpcDoc.Field(RpcResultType.Str, "name", "network (" + string.Join(", ", NetKinds.Names()) + ")"),
                        RpcDoc.Field(RpcResultType.Bool, "limited", "is the network limited using -onlynet?"),
                        RpcDoc.Field(RpcResultType.Bool, "reachable", "is the network reachable?"),
                        RpcDoc.Field(RpcResultType.Str, "proxy", "(\"host:port\") the proxy that is used for this network, or empty if none"),
                        RpcDoc.Field(RpcResultType.Bool, "proxy_randomize_credentials", "Whether randomized credentials are used"),
                    ]),
                ]),
                RpcDoc.Field(RpcResultType.Num, "relayfee", "minimum relay fee rate for transactions in BTC/kvB"),
                RpcDoc.Field(RpcResultType.Num, "incrementalfee", "minimum fee rate increment for mempool limiting or replacement in BTC/kvB"),
                RpcDoc.Field(RpcResultType.Arr, "localaddresses", "list of local addresses",
                [
                    RpcDoc.Field(RpcResultType.Obj, "", "",
                    [
                        RpcDoc.Field(RpcResultType.Str, "address", "network address"),
                        RpcDoc.Field(RpcResultType.Num, "port", "network port"),
                        RpcDoc.Field(RpcResultType.Num, "score", "relative score"),
                    ]),
                ]),
                ChainJson.WarningsDoc(node.RpcContext!),
            ]),
        ],
        RpcDoc.Examples("getnetworkinfo"),
        _ =>
        {
            var network = node.Network;
            var obj = new JsonObject
            {
                ["version"] = ClientVersion.Number,
                ["subversion"] = network?.UserAgent ?? NodeNetwork.FormatSubVersion(NodeNetwork.UserAgentName, ClientVersion.Number, node.Args.GetArgs("-uacomment")),
                ["protocolversion"] = ProtocolVersion.Current,
            };
            if (network is not null)
            {
                var services = network.Connman.LocalServices;
                obj["localservices"] = ServicesHex(services);
                obj["localservicesnames"] = ServicesNames(services);
            }

            if (network?.PeerManager is { } peerman)
            {
                obj["localrelay"] = !peerman.IgnoresIncomingTxs;
                obj["timeoffset"] = peerman.MedianOutboundTimeOffset;
                obj["tx_send_rate"] = peerman.TxSendRate;
                var (inbound, outbound) = peerman.GetInvBucketInfo();
                obj["inv_buckets"] = new JsonObject
                {
                    ["inbound"] = BucketJson(inbound),
                    ["outbound"] = BucketJson(outbound),
                };
            }

            if (network is not null)
            {
                var connman = network.Connman;
                obj["networkactive"] = connman.NetworkActive;
                obj["connections"] = connman.GetNodeCount(ConnectionDirection.Both);
                obj["connections_in"] = connman.GetNodeCount(ConnectionDirection.In);
                obj["connections_out"] = connman.GetNodeCount(ConnectionDirection.Out);
            }

            obj["networks"] = NetworksInfo(network);
            if (node.Mempool is { } mempool)
            {
                obj["relayfee"] = JsonNumbers.Amount(mempool.Options.MinRelayFeeRate.FeePerKvB);
                obj["incrementalfee"] = JsonNumbers.Amount(mempool.Options.IncrementalRelayFeeRate.FeePerKvB);
            }

            var localAddresses = new JsonArray();
            if (network is not null)
            {
                foreach (var (address, port, score) in network.Connman.LocalAddresses.Snapshot())
                {
                    localAddresses.Add(new JsonObject
                    {
                        ["address"] = address.ToStringAddr(),
                        ["port"] = port,
                        ["score"] = score,
                    });
                }
            }

            obj["localaddresses"] = localAddresses;
            obj["warnings"] = ChainJson.Warnings(node.RpcContext!);
            return obj;
        });

    private static JsonObject BucketJson(PeerManager.InvBucketInfo info) => new()
    {
        ["backlog"] = info.BacklogCount,
        ["count_tok"] = info.CountTokens,
        ["size_tok"] = info.SizeTokens,
    };

    private static RpcMethod SetBan(NodeContext node) => new(
        "setban",
        "Attempts to add or remove an IP/Subnet from the banned list.\n",
        [
            RpcDoc.Required("subnet", RpcArgType.Str, "The IP/Subnet (see getpeerinfo for nodes IP) with an optional netmask (default is /32 = single IP)"),
            RpcDoc.Required("command", RpcArgType.Str, "'add' to add an IP/Subnet to the list, 'remove' to remove an IP/Subnet from the list"),
            RpcDoc.WithDefault("bantime", RpcArgType.Num, 0, "time in seconds how long (or until when if [absolute] is set) the IP is banned (0 or empty means using the default time of 24h which can also be overwritten by the -bantime startup argument)"),
            RpcDoc.WithDefault("absolute", RpcArgType.Bool, false, "If set, the bantime must be an absolute timestamp expressed in " + UnixEpochTime),
        ],
        [RpcDoc.Null()],
        RpcExamples.Cli("setban", "\"192.168.0.6\" \"add\" 86400") + RpcExamples.Cli("setban", "\"192.168.0.0/24\" \"add\"") +
        RpcExamples.Rpc("setban", "\"192.168.0.6\", \"add\", 86400"),
        call =>
        {
            var command = call.ArgStr("command");
            if (command is not ("add" or "remove"))
                throw new RpcException(RpcErrorCode.MiscError, call.Method.ToHelpText());
            var banman = EnsureBanman(node);
            var text = call.ArgStr("subnet");
            bool isSubnet = text.Contains('/', StringComparison.Ordinal);
            SubNet subnet = SubNet.Invalid;
            NetAddress address = NetAddress.None;
            if (!isSubnet)
            {
                if (HostResolver.LookupHost(text, allowLookup: false) is { } host)
                {
                    bool cjdns = node.Network?.Reachable.Contains(NetKind.Cjdns) ?? false;
                    address = host.MaybeFlipToCjdns(cjdns);
                }
            }
            else
            {
                subnet = HostResolver.LookupSubNet(text, node.Network?.Reachable.Contains(NetKind.Cjdns) ?? false);
            }

            if (!(isSubnet ? subnet.IsValid : address.IsValid))
                throw new RpcException(RpcErrorCode.ClientInvalidIpOrSubnet, "Error: Invalid IP/Subnet");

            if (command == "add")
            {
                if (isSubnet ? banman.IsBanned(subnet) : banman.IsBanned(address))
                    throw new RpcException(RpcErrorCode.ClientNodeAlreadyAdded, "Error: IP/Subnet already banned");
                long banTime = call.Param(2).IsNull() ? 0 : call.Param(2).GetInt64();
                bool absolute = !call.Param(3).IsNull() && call.Param(3).GetBool();
                if (absolute && banTime < NodeClock.GetTime())
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Error: Absolute timestamp is in the past");
                if (isSubnet)
                {
                    banman.Ban(subnet, banTime, absolute);
                    node.Network?.Connman.DisconnectNode(subnet);
                }
                else
                {
                    banman.Ban(address, banTime, absolute);
                    node.Network?.Connman.DisconnectNode(address);
                }
            }
            else if (!(isSubnet ? banman.Unban(subnet) : banman.Unban(address)))
            {
                throw new RpcException(RpcErrorCode.ClientInvalidIpOrSubnet, "Error: Unban failed. Requested address/subnet was not previously manually banned.");
            }

            return null;
        });

    private static RpcMethod ListBanned(NodeContext node) => new(
        "listbanned",
        "List all manually banned IPs/Subnets.\n",
        [],
        [
            RpcDoc.Value(RpcResultType.Arr, "",
            [
                RpcDoc.Field(RpcResultType.Obj, "", "",
                [
                    RpcDoc.Field(RpcResultType.Str, "address", "The IP/Subnet of the banned node"),
                    RpcDoc.Field(RpcResultType.NumTime, "ban_created", "The " + UnixEpochTime + " the ban was created"),
                    RpcDoc.Field(RpcResultType.NumTime, "banned_until", "The " + UnixEpochTime + " the ban expires"),
                    RpcDoc.Field(RpcResultType.NumTime, "ban_duration", "The ban duration, in seconds"),
                    RpcDoc.Field(RpcResultType.NumTime, "time_remaining", "The time remaining until the ban expires, in seconds"),
                ]),
            ]),
        ],
        RpcDoc.Examples("listbanned"),
        _ =>
        {
            var banman = EnsureBanman(node);
            long now = NodeClock.GetTime();
            var result = new JsonArray();
            foreach (var (subnet, entry) in banman.GetBanned())
            {
                result.Add(new JsonObject
                {
                    ["address"] = subnet.ToString(),
                    ["ban_created"] = entry.CreateTime,
                    ["banned_until"] = entry.BanUntil,
                    ["ban_duration"] = entry.BanUntil - entry.CreateTime,
                    ["time_remaining"] = entry.BanUntil - now,
                });
            }

            return result;
        });

    private static RpcMethod ClearBanned(NodeContext node) => new(
        "clearbanned",
        "Clear all banned IPs.\n",
        [],
        [RpcDoc.Null()],
        RpcDoc.Examples("clearbanned"),
        _ =>
        {
            EnsureBanman(node).ClearBanned();
            return null;
        });

    private static RpcMethod SetNetworkActive(NodeContext node) => new(
        "setnetworkactive",
        "Disable/enable all p2p network activity.\n",
        [RpcDoc.Required("state", RpcArgType.Bool, "true to enable networking, false to disable")],
        [RpcDoc.Value(RpcResultType.Bool, "The value that was passed in")],
        "",
        call =>
        {
            var connman = EnsureConnman(node);
            connman.SetNetworkActive(call.Param(0).GetBool());
            return connman.NetworkActive;
        });

    private static RpcMethod GetNodeAddresses(NodeContext node) => new(
        "getnodeaddresses",
        "Return known addresses, after filtering for quality and recency.\n" +
        "These can potentially be used to find new peers in the network.\n" +
        "The total number of addresses known to the node may be higher.",
        [
            RpcDoc.WithDefault("count", RpcArgType.Num, 1, "The maximum number of addresses to return. Specify 0 to return all known addresses."),
            RpcDoc.WithHint("network", RpcArgType.Str, "all networks", "Return only addresses of the specified network. Can be one of: " + string.Join(", ", NetKinds.Names()) + "."),
        ],
        [
            RpcDoc.Value(RpcResultType.Arr, "",
            [
                RpcDoc.Field(RpcResultType.Obj, "", "",
                [
                    RpcDoc.Field(RpcResultType.NumTime, "time", "The " + UnixEpochTime + " when the node was last seen"),
                    RpcDoc.Field(RpcResultType.Num, "services", "The services offered by the node"),
                    RpcDoc.Field(RpcResultType.Str, "address", "The address of the node"),
                    RpcDoc.Field(RpcResultType.Num, "port", "The port number of the node"),
                    RpcDoc.Field(RpcResultType.Str, "network", "The network (" + string.Join(", ", NetKinds.Names()) + ") the node connected through"),
                ]),
            ]),
        ],
        RpcExamples.Cli("getnodeaddresses", "8") + RpcExamples.Cli("getnodeaddresses", "4 \"i2p\"") +
        RpcExamples.Cli("-named getnodeaddresses", "network=onion count=12") + RpcExamples.Rpc("getnodeaddresses", "8") +
        RpcExamples.Rpc("getnodeaddresses", "4, \"i2p\""),
        call =>
        {
            var connman = EnsureConnman(node);
            int count = call.Param(0).IsNull() ? 1 : call.Param(0).GetInt32();
            if (count < 0)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Address count out of range");
            NetKind? network = null;
            if (!call.Param(1).IsNull())
            {
                var name = call.Param(1).GetStr();
                network = NetKinds.Parse(name);
                if (network == NetKind.Unroutable)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"Network not recognized: {name}");
            }

            var result = new JsonArray();
            foreach (var address in connman.GetAddressesUnsafe(count, 0, network))
            {
                result.Add(new JsonObject
                {
                    ["time"] = address.Time,
                    ["services"] = (ulong)address.Services,
                    ["address"] = address.Service.Address.ToStringAddr(),
                    ["port"] = address.Service.Port,
                    ["network"] = NetKinds.Name(address.Service.Address.GetNetClass()),
                });
            }

            return result;
        });

    private static RpcMethod AddPeerAddress(NodeContext node) => new(
        "addpeeraddress",
        "Add the address of a potential peer to an address manager table. This RPC is for testing only.",
        [
            RpcDoc.Required("address", RpcArgType.Str, "The IP address of the peer"),
            RpcDoc.Required("port", RpcArgType.Num, "The port of the peer"),
            RpcDoc.WithDefault("tried", RpcArgType.Bool, false, "If true, attempt to add the peer to the tried addresses table"),
        ],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Bool, "success", "whether the peer address was successfully added to the address manager table"),
                RpcDoc.OptionalField(RpcResultType.Str, "error", "error description, if the address could not be added"),
            ]),
        ],
        RpcExamples.Cli("addpeeraddress", "\"1.2.3.4\" 8333 true") + RpcExamples.Rpc("addpeeraddress", "\"1.2.3.4\", 8333, true"),
        call =>
        {
            var addrman = EnsureAddrman(node);
            var text = call.Param(0).GetStr();
            ushort port = call.Param(1).GetInt<ushort>();
            bool tried = !call.Param(2).IsNull() && call.Param(2).GetBool();
            var host = HostResolver.LookupHost(text, allowLookup: false)
                       ?? throw new RpcException(RpcErrorCode.ClientInvalidIpOrSubnet, "Invalid IP address");
            bool cjdns = node.Network?.Reachable.Contains(NetKind.Cjdns) ?? false;
            var service = new ServiceAddress(host.MaybeFlipToCjdns(cjdns), port);
            var address = new PeerAddress(service, ServiceFlags.Network | ServiceFlags.Witness, NodeClock.GetTime());
            var obj = new JsonObject();
            bool success = false;
            // The source is the address itself, as if the peer announced itself.
            if (addrman.Add([address], service.Address))
            {
                success = true;
                if (tried && !addrman.Good(service))
                {
                    success = false;
                    obj["error"] = "failed-adding-to-tried";
                }
            }
            else
            {
                obj["error"] = "failed-adding-to-new";
            }

            obj["success"] = success;
            return obj;
        });

    private static RpcMethod SendMsgToPeer(NodeContext node) => new(
        "sendmsgtopeer",
        "Send a p2p message to a peer specified by id.\n" +
        "The message type and body must be provided, the message header will be generated.\n" +
        "This RPC is for testing only.",
        [
            RpcDoc.Required("peer_id", RpcArgType.Num, "The peer to send the message to."),
            RpcDoc.Required("msg_type", RpcArgType.Str, $"The message type (maximum length {MessageHeader.TypeSize})"),
            RpcDoc.Required("msg", RpcArgType.StrHex, "The serialized message body to send, in hex, without a message header"),
        ],
        [RpcDoc.Value(RpcResultType.Obj, "", [])],
        RpcExamples.Cli("sendmsgtopeer", "0 \"addr\" \"ffffff\"") + RpcExamples.Rpc("sendmsgtopeer", "0 \"addr\" \"ffffff\""),
        call =>
        {
            long peerId = call.Param(0).GetInt64();
            var type = call.ArgStr("msg_type");
            if (type.Length > MessageHeader.TypeSize)
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Error: msg_type too long, max length is {MessageHeader.TypeSize}");
            var hex = call.ArgStr("msg");
            byte[] payload;
            try
            {
                payload = hex.Length % 2 == 0 ? Convert.FromHexString(hex) : throw new FormatException();
            }
            catch (FormatException)
            {
                throw new RpcException(RpcErrorCode.InvalidParameter, "Error parsing input for msg");
            }

            var connman = EnsureConnman(node);
            bool success = connman.ForNode(peerId, peer =>
            {
                connman.PushMessage(peer, type, payload);
                return true;
            });
            if (!success)
                throw new RpcException(RpcErrorCode.MiscError, "Error: Could not send message to peer");
            return new JsonObject();
        });

    private static RpcMethod GetAddrManInfo(NodeContext node) => new(
        "getaddrmaninfo",
        "Provides information about the node's address manager by returning the number of addresses in the `new` and `tried` tables and their sum for all networks.\n",
        [],
        [
            RpcDoc.Value(RpcResultType.ObjDyn, "json object with network type as keys",
            [
                RpcDoc.Field(RpcResultType.Obj, "network", "the network (" + string.Join(", ", NetKinds.Names()) + ", all_networks)",
                [
                    RpcDoc.Field(RpcResultType.Num, "new", "number of addresses in the new table, which represent potential peers the node has discovered but hasn't yet successfully connected to."),
                    RpcDoc.Field(RpcResultType.Num, "tried", "number of addresses in the tried table, which represent peers the node has successfully connected to in the past."),
                    RpcDoc.Field(RpcResultType.Num, "total", "total number of addresses in both new/tried tables"),
                ]),
            ]),
        ],
        RpcDoc.Examples("getaddrmaninfo"),
        _ =>
        {
            var addrman = EnsureAddrman(node);
            var result = new JsonObject();
            foreach (var kind in NetKinds.Public)
            {
                result[NetKinds.Name(kind)] = new JsonObject
                {
                    ["new"] = addrman.Size(kind, inNew: true),
                    ["tried"] = addrman.Size(kind, inNew: false),
                    ["total"] = addrman.Size(kind),
                };
            }

            result["all_networks"] = new JsonObject
            {
                ["new"] = addrman.Size(null, inNew: true),
                ["tried"] = addrman.Size(null, inNew: false),
                ["total"] = addrman.Size(),
            };
            return result;
        });

    private static RpcMethod ExportAsmap() => new(
        "exportasmap",
        "Export the embedded ASMap data to a file. Any existing file at the path will be overwritten.\n",
        [RpcDoc.Required("path", RpcArgType.Str, "Path to the output file. If relative, will be prefixed by datadir.")],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Str, "path", "the absolute path that the ASMap data was written to"),
                RpcDoc.Field(RpcResultType.Num, "bytes_written", "the number of bytes written to the file"),
                RpcDoc.Field(RpcResultType.StrHex, "file_hash", "the SHA256 hash of the exported ASMap data"),
            ]),
        ],
        RpcDoc.Examples("exportasmap", "\"asmap.dat\"", "\"asmap.dat\""),
        (Func<RpcCall, JsonNode?>)(_ => throw new RpcException(RpcErrorCode.MiscError, "No embedded ASMap data available")));

    private static JsonObject AddrManEntryJson(AddrManEntry entry) => new()
    {
        ["address"] = entry.Address.Service.Address.ToStringAddr(),
        ["port"] = entry.Address.Service.Port,
        ["services"] = (ulong)entry.Services,
        ["time"] = entry.Address.Time,
        ["network"] = NetKinds.Name(entry.Address.Service.Address.GetNetClass()),
        ["source"] = entry.Source.ToStringAddr(),
        ["source_network"] = NetKinds.Name(entry.Source.GetNetClass()),
    };

    private static JsonObject AddrManTableJson(IReadOnlyList<AddrManEntry> entries)
    {
        var table = new JsonObject();
        foreach (var entry in entries)
            table[$"{entry.Position.Bucket}/{entry.Position.Position}"] = AddrManEntryJson(entry);
        return table;
    }

    private static RpcMethod GetRawAddrMan(NodeContext node) => new(
        "getrawaddrman",
        "EXPERIMENTAL warning: this call may be changed in future releases.\n" +
        "\nReturns information on all address manager entries for the new and tried tables.\n",
        [],
        [
            RpcDoc.Value(RpcResultType.ObjDyn, "",
            [
                RpcDoc.Field(RpcResultType.ObjDyn, "table", "buckets with addresses in the address manager table ( new, tried )",
                [
                    RpcDoc.Field(RpcResultType.Obj, "bucket/position", "the location in the address manager table (<bucket>/<position>)",
                    [
                        RpcDoc.Field(RpcResultType.Str, "address", "The address of the node"),
                        RpcDoc.OptionalField(RpcResultType.Num, "mapped_as", "Mapped AS (Autonomous System) number at the end of the BGP route to the peer, used for diversifying peer selection (only displayed if the -asmap config option is set)"),
                        RpcDoc.Field(RpcResultType.Num, "port", "The port number of the node"),
                        RpcDoc.Field(RpcResultType.Str, "network", "The network (" + string.Join(", ", NetKinds.Names()) + ") of the address"),
                        RpcDoc.Field(RpcResultType.Num, "services", "The services offered by the node"),
                        RpcDoc.Field(RpcResultType.NumTime, "time", "The " + UnixEpochTime + " when the node was last seen"),
                        RpcDoc.Field(RpcResultType.Str, "source", "The address that relayed the address to us"),
                        RpcDoc.Field(RpcResultType.Str, "source_network", "The network (" + string.Join(", ", NetKinds.Names()) + ") of the source address"),
                        RpcDoc.OptionalField(RpcResultType.Num, "source_mapped_as", "Mapped AS (Autonomous System) number at the end of the BGP route to the source, used for diversifying peer selection (only displayed if the -asmap config option is set)"),
                    ]),
                ]),
            ]),
        ],
        RpcDoc.Examples("getrawaddrman"),
        _ =>
        {
            var addrman = EnsureAddrman(node);
            EnsureConnman(node);
            return new JsonObject
            {
                ["new"] = AddrManTableJson(addrman.GetEntries(fromTried: false)),
                ["tried"] = AddrManTableJson(addrman.GetEntries(fromTried: true)),
            };
        });

    private static RpcMethod GetBlockFromPeer(NodeContext node) => new(
        "getblockfrompeer",
        "Attempt to fetch block from a given peer.\n\n" +
        "We must have the header for this block, e.g. using submitheader.\n" +
        "The block will not have any undo data which can limit the usage of the block data in a context where the undo data is needed.\n" +
        "Subsequent calls for the same block may cause the response from the previous peer to be ignored.\n" +
        "Peers generally ignore requests for a stale block that they never fully verified, or one that is more than a month old.\n" +
        "When a peer does not respond with a block, we will disconnect.\n" +
        "Note: The block could be re-pruned as soon as it is received.\n\n" +
        "Returns an empty JSON object if the request was successfully scheduled.",
        [
            RpcDoc.Required("blockhash", RpcArgType.StrHex, "The block hash to try to fetch"),
            RpcDoc.Required("peer_id", RpcArgType.Num, "The peer to fetch it from (see getpeerinfo for peer IDs)"),
        ],
        [RpcDoc.Value(RpcResultType.Obj, "", [])],
        RpcExamples.Cli("getblockfrompeer", "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\" 0") +
        RpcExamples.Rpc("getblockfrompeer", "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\" 0"),
        call =>
        {
            var chainman = node.EnsureChainman();
            var peerman = EnsurePeerman(node);
            var hash = RpcParse.Hash(call.Param(0), "blockhash");
            long peerId = call.Param(1).GetInt64();
            BlockIndex? index;
            lock (chainman.Lock)
                index = chainman.Blockman.LookupBlockIndex(hash);
            if (index is null)
                throw new RpcException(RpcErrorCode.MiscError, "Block header missing");
            lock (chainman.Lock)
            {
                // A pruned node keeps only blocks below its tip it has validated: anything above would be pruned again.
                if (chainman.Blockman.IsPruneMode && index.Height > (chainman.ActiveTip?.Height ?? -1))
                    throw new RpcException(RpcErrorCode.MiscError, "In prune mode, only blocks that the node has already synced previously can be fetched from a peer");
                if ((index.Status & BlockStatus.HaveData) != 0)
                    throw new RpcException(RpcErrorCode.MiscError, "Block already downloaded");
            }

            if (peerman.FetchBlock(peerId, index) is { } error)
                throw new RpcException(RpcErrorCode.MiscError, error);
            return new JsonObject();
        });

}
