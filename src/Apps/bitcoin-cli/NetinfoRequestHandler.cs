using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Apps.bitcoin_cli;

/// <summary>
/// -netinfo: a peer dashboard built from getpeerinfo and getnetworkinfo, laid out as Core's bitcoin-cli shows it
/// (peer counts per reachable network, optionally preceded by a per-peer listing at levels 1 to 4).
/// </summary>
internal sealed class NetinfoRequestHandler(ChainType chain, Func<long> now) : IRequestHandler
{
    public const int MaxLevel = 4;
    private const int IdPeerInfo = 0, IdNetworkInfo = 1;
    private static readonly string[] Networks = ["not_publicly_routable", "ipv4", "ipv6", "onion", "i2p", "cjdns", "internal"];
    private static readonly string[] NetworkShortNames = ["npr", "ipv4", "ipv6", "onion", "i2p", "cjdns", "int"];
    private static readonly int[] UnreachableNetworkIds = [0, 6];

    private readonly int[,] _counts = new int[3, Networks.Length + 1]; // (in, out, total) x (networks..., all)
    private readonly List<Peer> _peers = new();
    private int _level;
    private bool _outboundOnly;
    private int _blockRelayPeers;
    private int _manualPeers;
    private bool _asmapOn;
    private int _maxAddrLength;
    private int _maxAddrProcessedLength = 5;
    private int _maxAddrRateLimitedLength = 6;
    private int _maxAgeLength = 5;
    private int _maxIdLength = 2;
    private int _maxServicesLength = 6;

    private sealed record Peer(string Addr, string SubVersion, string ConnType, string Network, string Age, string Services,
        string Transport, double MinPing, double Ping, long AddrProcessed, long AddrRateLimited, long LastBlock, long LastRecv,
        long LastSend, long LastTx, int Id, int MappedAs, int Version, bool AddrRelayEnabled, bool Bip152HbFrom, bool Bip152HbTo,
        bool IsOutbound, bool IsTxRelay);

    private bool DetailsRequested => _level > 0;
    private bool AddressSelected => _level is 2 or 4;
    private bool VersionSelected => _level is 3 or 4;

    public static string Help =>
        "-netinfo (level [outonly]) | help\n\n" +
        "Shows a dashboard of the server's peer connections, from getpeerinfo and getnetworkinfo. The layout is meant\n" +
        "for people and may change between versions; scripts should call those RPCs instead.\n\n" +
        "Arguments:\n" +
        $"1. level (integer 0-{MaxLevel}, optional)  How much to show (default 0; larger values count as {MaxLevel}):\n" +
        "                                  0 - peer counts per reachable network, block-relay and manual peers, local addresses\n" +
        "                                  1 - as 0, after a list of the peers (no address or version columns)\n" +
        "                                  2 - as 1, with an address column\n" +
        "                                  3 - as 1, with a version column\n" +
        "                                  4 - as 1, with address and version columns\n" +
        "2. outonly (\"outonly\" or \"o\", optional) List outbound peers only; needs a level above 0.\n\n" +
        "help (\"help\" or \"h\") Show this text.\n\n" +
        "Peer list columns: <-> direction (in/out), type (full, block, manual, feeler, addr, priv), net, serv (services:\n" +
        "n network, b bloom, w witness, c compact filters, l network limited, 2 P2P v2, u unknown), v (transport version),\n" +
        "mping and ping (ms), send and recv (seconds since), txn and blk (minutes since the last new transaction or block;\n" +
        "\"*\" in txn: no transaction relay), hb (\".\" we chose the peer, \"*\" it chose us as high-bandwidth compact block\n" +
        "peer), addrp (addresses processed; \".\" no address relay), addrl (addresses rate-limited), age (minutes), asmap\n" +
        "(with -asmap), id, address, version.\n\n" +
        "Examples:\n" +
        "> bitcoin-cli -netinfo\n" +
        "> bitcoin-cli -netinfo 1\n" +
        $"> bitcoin-cli -netinfo {MaxLevel} outonly\n" +
        $"> watch --interval 1 --no-title bitcoin-cli -netinfo {MaxLevel}\n";

    public JsonNode PrepareRequest(string method, IReadOnlyList<string> args)
    {
        if (args.Count > 0)
        {
            if (!byte.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte n))
                throw new InvalidOperationException($"invalid -netinfo level argument: {args[0]}\nFor more information, run: bitcoin-cli -netinfo help");
            _level = Math.Min(n, (byte)MaxLevel);
            if (args.Count > 1)
            {
                string s = args[1];
                if (n > 0 && s is "o" or "outonly") _outboundOnly = true;
                else if (n > 0) throw new InvalidOperationException($"invalid -netinfo outonly argument: {s}\nFor more information, run: bitcoin-cli -netinfo help");
                else throw new InvalidOperationException($"invalid -netinfo outonly argument: {s}\nThe outonly argument is only valid for a level greater than 0 (the first argument). For more information, run: bitcoin-cli -netinfo help");
            }
        }
        return new JsonArray(JsonRpc.Request("getpeerinfo", null, IdPeerInfo), JsonRpc.Request("getnetworkinfo", null, IdNetworkInfo));
    }

    public JsonObject ProcessReply(JsonNode reply)
    {
        var batch = BatchReply.ByIds(reply, 2);
        if (!batch[IdPeerInfo].Find("error").IsNull()) return batch[IdPeerInfo];
        if (!batch[IdNetworkInfo].Find("error").IsNull()) return batch[IdNetworkInfo];
        var networkInfo = batch[IdNetworkInfo].Find("result");
        if (networkInfo.Find("version").GetInt32() < 209900)
            throw new InvalidOperationException("-netinfo requires bitcoind server to be running v0.21.0 and up");
        long timeNow = now();

        foreach (var peer in batch[IdPeerInfo].Find("result").GetArr())
        {
            int networkId = Array.IndexOf(Networks, peer.Find("network").GetStr());
            if (networkId < 0) continue;
            bool outbound = !peer.Find("inbound").GetBool();
            bool txRelay = peer.Find("relaytxes").IsNull() || peer.Find("relaytxes").GetBool();
            string connType = peer.Find("connection_type").GetStr();
            int dir = outbound ? 1 : 0;
            _counts[dir, networkId]++;
            _counts[dir, Networks.Length]++;
            _counts[2, networkId]++;
            _counts[2, Networks.Length]++;
            if (connType == "block-relay-only") _blockRelayPeers++;
            if (connType == "manual") _manualPeers++;
            if (_outboundOnly && !outbound) continue;
            if (!DetailsRequested) continue;

            int id = peer.Find("id").GetInt32();
            int mappedAs = peer.Find("mapped_as").IsNull() ? 0 : peer.Find("mapped_as").GetInt32();
            long addrProcessed = peer.Find("addr_processed").IsNull() ? 0 : peer.Find("addr_processed").GetInt64();
            long addrRateLimited = peer.Find("addr_rate_limited").IsNull() ? 0 : peer.Find("addr_rate_limited").GetInt64();
            long connTime = peer.Find("conntime").GetInt64();
            string addr = peer.Find("addr").GetStr();
            string age = connTime == 0 ? "" : ((timeNow - connTime) / 60).ToString(CultureInfo.InvariantCulture);
            string services = FormatServices(peer.Find("servicesnames"));
            var p = new Peer(addr, peer.Find("subver").GetStr(), connType, NetworkShortNames[networkId], age, services,
                peer.Find("transport_protocol_type").IsNull() ? "v1" : peer.Find("transport_protocol_type").GetStr(),
                peer.Find("minping").IsNull() ? -1 : peer.Find("minping").GetReal(),
                peer.Find("pingtime").IsNull() ? -1 : peer.Find("pingtime").GetReal(),
                addrProcessed, addrRateLimited, peer.Find("last_block").GetInt64(), peer.Find("lastrecv").GetInt64(),
                peer.Find("lastsend").GetInt64(), peer.Find("last_transaction").GetInt64(), id, mappedAs, peer.Find("version").GetInt32(),
                !peer.Find("addr_relay_enabled").IsNull() && peer.Find("addr_relay_enabled").GetBool(),
                peer.Find("bip152_hb_from").GetBool(), peer.Find("bip152_hb_to").GetBool(), outbound, txRelay);
            _peers.Add(p);
            _maxAddrLength = Math.Max(addr.Length + 1, _maxAddrLength);
            _maxAddrProcessedLength = Math.Max(Str(addrProcessed).Length, _maxAddrProcessedLength);
            _maxAddrRateLimitedLength = Math.Max(Str(addrRateLimited).Length, _maxAddrRateLimitedLength);
            _maxAgeLength = Math.Max(age.Length, _maxAgeLength);
            _maxIdLength = Math.Max(Str(id).Length, _maxIdLength);
            _maxServicesLength = Math.Max(services.Length, _maxServicesLength);
            _asmapOn |= mappedAs != 0;
        }

        var sb = new StringBuilder();
        string localServices = DetailsRequested ? " - services " + FormatServices(networkInfo.Find("localservicesnames")) : "";
        sb.Append($"{RpcClientIdentity.ClientName} client {RpcClientIdentity.FullVersion}{ChainSuffix()} - server {networkInfo.Find("protocolversion").GetInt32()}{networkInfo.Find("subversion").GetStr()}{localServices}\n\n");

        if (DetailsRequested && _peers.Count > 0)
        {
            var sorted = _peers.OrderBy(p => p.IsOutbound).ThenBy(p => p.MinPing).ToList();
            sb.Append("<->   type   net ").Append(R("serv", _maxServicesLength)).Append("  v  mping   ping send recv  txn  blk  hb ")
              .Append(R("addrp", _maxAddrProcessedLength)).Append(R("addrl", _maxAddrRateLimitedLength)).Append(R("age", _maxAgeLength)).Append(' ');
            if (_asmapOn) sb.Append(" asmap ");
            sb.Append(R("id", _maxIdLength)).Append(' ').Append(L(AddressSelected ? "address" : "", AddressSelected ? _maxAddrLength : 0))
              .Append(VersionSelected ? "version" : "").Append('\n');
            foreach (var peer in sorted)
            {
                string version = Str(peer.Version) + peer.SubVersion;
                char transport = peer.Transport.Length == 2 && peer.Transport[0] == 'v' ? peer.Transport[1] : ' ';
                sb.Append(R(peer.IsOutbound ? "out" : "in", 3)).Append(' ')
                  .Append(R(ConnectionType(peer.ConnType), 6)).Append(' ')
                  .Append(R(peer.Network, 5)).Append(' ')
                  .Append(R(peer.Services, _maxServicesLength)).Append(' ')
                  .Append(R(transport.ToString(), 2))
                  .Append(R(PingTime(peer.MinPing), 7))
                  .Append(R(PingTime(peer.Ping), 7))
                  .Append(R(peer.LastSend != 0 ? Str(timeNow - peer.LastSend) : "", 5))
                  .Append(R(peer.LastRecv != 0 ? Str(timeNow - peer.LastRecv) : "", 5))
                  .Append(R(peer.LastTx != 0 ? Str((timeNow - peer.LastTx) / 60) : peer.IsTxRelay ? "" : "*", 5))
                  .Append(R(peer.LastBlock != 0 ? Str((timeNow - peer.LastBlock) / 60) : "", 5))
                  .Append("  ").Append(R((peer.Bip152HbTo ? "." : " ") + (peer.Bip152HbFrom ? "*" : " "), 2)).Append(' ')
                  .Append(R(peer.AddrProcessed != 0 ? Str(peer.AddrProcessed) : peer.AddrRelayEnabled ? "" : ".", _maxAddrProcessedLength))
                  .Append(R(peer.AddrRateLimited != 0 ? Str(peer.AddrRateLimited) : "", _maxAddrRateLimitedLength))
                  .Append(R(peer.Age, _maxAgeLength))
                  .Append(R(_asmapOn && peer.MappedAs != 0 ? Str(peer.MappedAs) : "", _asmapOn ? 7 : 0)).Append(' ')
                  .Append(R(Str(peer.Id), _maxIdLength)).Append(' ')
                  .Append(L(AddressSelected ? peer.Addr : "", AddressSelected ? _maxAddrLength : 0))
                  .Append(VersionSelected && version != "0" ? version : "").Append('\n');
            }
            sb.Append("                ").Append(R("", _maxServicesLength)).Append("         ms     ms  sec  sec  min  min                ")
              .Append(R("min", _maxAgeLength)).Append("\n\n");
        }

        sb.Append("     ");
        var columns = new List<int>();
        foreach (var network in networkInfo.Find("networks").GetArr())
        {
            if (!network.Find("reachable").GetBool()) continue;
            string name = network.Find("name").GetStr();
            int id = Array.IndexOf(Networks, name);
            if (id < 0) continue;
            sb.Append(R(name, 8));
            columns.Add(id);
        }
        foreach (int id in UnreachableNetworkIds)
        {
            if (_counts[2, id] == 0) continue;
            sb.Append(R(NetworkShortNames[id], 8));
            columns.Add(id);
        }
        sb.Append("   total   block");
        if (_manualPeers > 0) sb.Append("  manual");
        string[] rows = ["in", "out", "total"];
        for (int i = 0; i < rows.Length; i++)
        {
            sb.Append('\n').Append(L(rows[i], 5));
            foreach (int n in columns) sb.Append(R(Str(_counts[i, n]), 8));
            sb.Append("   ").Append(R(Str(_counts[i, Networks.Length]), 5));
            if (i == 1)
            {
                sb.Append("   ").Append(R(Str(_blockRelayPeers), 5));
                if (_manualPeers > 0) sb.Append("   ").Append(R(Str(_manualPeers), 5));
            }
        }

        if (!DetailsRequested) sb.Append("\n\nLocal services: ").Append(ServicesList(networkInfo.Find("localservicesnames")));
        sb.Append("\n\nLocal addresses");
        var local = networkInfo.Find("localaddresses").GetArr();
        if (local.Count == 0)
        {
            sb.Append(": n/a\n");
        }
        else
        {
            int width = local.Max(a => a.Find("address").GetStr().Length + 1);
            foreach (var a in local)
                sb.Append('\n').Append(L(a.Find("address").GetStr(), width)).Append("    port ").Append(R(Str(a.Find("port").GetInt32()), 6))
                  .Append("    score ").Append(R(Str(a.Find("score").GetInt32()), 6));
        }
        return JsonRpc.Reply(sb.ToString(), null, 1, true, JsonRpcVersion.V2);
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string R(string s, int width) => s.PadLeft(width);

    private static string L(string s, int width) => s.PadRight(width);

    private string ChainSuffix() => chain switch
    {
        ChainType.Testnet4 => " testnet4",
        ChainType.Testnet => " testnet",
        ChainType.Signet => " signet",
        ChainType.Regtest => " regtest",
        _ => "",
    };

    private static string PingTime(double seconds)
    {
        if (seconds < 0) return "";
        double ms = Math.Round(1000 * seconds, MidpointRounding.AwayFromZero);
        return ms > 999999 ? "-" : ms.ToString("0", CultureInfo.InvariantCulture);
    }

    private static string ConnectionType(string connType) => connType switch
    {
        "outbound-full-relay" => "full",
        "block-relay-only" => "block",
        "manual" or "feeler" => connType,
        "addr-fetch" => "addr",
        "private-broadcast" => "priv",
        _ => "",
    };

    private static string FormatServices(JsonNode? services)
    {
        var sb = new StringBuilder();
        foreach (var s in services.GetArr())
        {
            string name = s.GetStr();
            sb.Append(name == "NETWORK_LIMITED" ? 'l' : name == "P2P_V2" ? '2' : char.ToLowerInvariant(name[0]));
        }
        return sb.ToString();
    }

    private static string ServicesList(JsonNode? services)
        => string.Join(", ", services.GetArr().Select(s => s.GetStr())).Replace('_', ' ').ToLowerInvariant();
}
