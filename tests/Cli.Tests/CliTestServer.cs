using System.Net;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;
using Bitcoin.Common.Rpc.Http;

namespace Cli.Tests;

/// <summary>
/// A regtest-like RPC server in a temporary data directory (cookie in &lt;datadir&gt;/regtest/.cookie) on 127.0.0.1 with a
/// free port, serving the control commands and stand-ins for the node and wallet calls bitcoin-cli's shortcuts use,
/// with results shaped as Core's.
/// </summary>
internal sealed class CliTestServer : IAsyncDisposable
{
    private CliTestServer(RpcCommandTable table, RpcHttpServer server, string dataDir)
    {
        Table = table;
        Server = server;
        DataDir = dataDir;
    }

    public RpcCommandTable Table { get; }

    public RpcHttpServer Server { get; }

    public string DataDir { get; }

    public int Port => Server.Endpoints[0].Port;

    /// <summary>Wallets that the stand-in listwallets reports.</summary>
    public List<string> Wallets { get; } = ["w1"];

    /// <summary>Common options: data directory, regtest, the server's port.</summary>
    public string[] BaseArgs => [$"-datadir={DataDir}", "-regtest", $"-rpcport={Port}"];

    public static async Task<CliTestServer> StartAsync(Func<RpcServerOptions, RpcServerOptions>? configure = null, bool finishWarmup = true)
    {
        string dataDir = Path.Combine(Path.GetTempPath(), "clitest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dataDir, "regtest"));
        var table = new RpcCommandTable();
        CliTestServer? self = null;
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => { } });
        Register(table, () => self!);
        if (finishWarmup) table.SetWarmupFinished();
        var options = new RpcServerOptions
        {
            Port = 0,
            Bind = ["127.0.0.1"],
            AllowIp = ["127.0.0.1"],
            CookieFile = Path.Combine(dataDir, "regtest", ".cookie"),
        };
        if (configure is not null) options = configure(options);
        try
        {
            var server = await RpcHttpServer.StartAsync(table, options);
            self = new CliTestServer(table, server, dataDir);
            return self;
        }
        catch
        {
            Directory.Delete(dataDir, recursive: true);
            throw;
        }
    }

    private static RpcResult Any => new(RpcResultType.Any, "", "");

    private static void Register(RpcCommandTable table, Func<CliTestServer> self)
    {
        table.Register("test", new RpcMethod("whoami", "Returns the user and wallet of the request.", [], [Any], "",
            call => new JsonObject { ["user"] = call.Request.AuthUser, ["wallet"] = call.Request.WalletName }));
        table.Register("test", new RpcMethod("fail", "Fails with the given code.",
            [new RpcArg("code", RpcArgType.Str, RpcArgFallback.Required, ""), new RpcArg("message", RpcArgType.Str, RpcArgFallback.Required, "")], [Any], "",
            JsonNode? (RpcCall call) => throw new RpcException(int.Parse(call.ArgStr("code"), System.Globalization.CultureInfo.InvariantCulture), call.ArgStr("message"))));
        table.Register("network", new RpcMethod("getnetworkinfo", "Stand-in.", [], [Any], "", _ => JsonText.Parse("""
            {"version":300000,"subversion":"/Satoshi:30.0.0/","protocolversion":70016,"localservices":"0000000000000c09",
             "localservicesnames":["NETWORK","WITNESS","NETWORK_LIMITED","P2P_V2"],"localrelay":true,"timeoffset":0,
             "networkactive":true,"connections":3,"connections_in":1,"connections_out":2,
             "networks":[{"name":"ipv4","limited":false,"reachable":true,"proxy":"127.0.0.1:9050","proxy_randomize_credentials":true},
                         {"name":"ipv6","limited":false,"reachable":true,"proxy":"","proxy_randomize_credentials":false},
                         {"name":"onion","limited":false,"reachable":true,"proxy":"127.0.0.1:9050","proxy_randomize_credentials":true}],
             "relayfee":0.00001000,"incrementalfee":0.00000100,"localaddresses":[{"address":"2001:db8::1","port":18444,"score":4}],"warnings":[]}
            """)));
        table.Register("blockchain", new RpcMethod("getblockchaininfo", "Stand-in.", [], [Any], "", _ => JsonText.Parse("""
            {"chain":"regtest","blocks":101,"headers":101,"bestblockhash":"0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
             "bits":"207fffff","target":"7fffff0000000000000000000000000000000000000000000000000000000000","difficulty":4.656542373906925e-10,
             "time":1296688602,"mediantime":1296688602,"verificationprogress":0.5,"initialblockdownload":false,
             "chainwork":"00000000000000000000000000000000000000000000000000000000000000ca","size_on_disk":30000,"pruned":false,"warnings":[]}
            """)));
        table.Register("wallet", new RpcMethod("getwalletinfo", "Stand-in.", [], [Any], "", call =>
            new JsonObject { ["walletname"] = call.Request.WalletName ?? "w1", ["walletversion"] = 169900, ["keypoolsize"] = 1000 }));
        table.Register("wallet", new RpcMethod("getbalances", "Stand-in.", [], [Any], "", call =>
            new JsonObject { ["mine"] = new JsonObject { ["trusted"] = JsonNumbers.Amount(call.Request.WalletName == "w2" ? 2_00000000 : 50_00000000), ["untrusted_pending"] = JsonNumbers.Amount(0), ["immature"] = JsonNumbers.Amount(0) } }));
        table.Register("wallet", new RpcMethod("listwallets", "Stand-in.", [], [Any], "", _ => new JsonArray(self().Wallets.Select(w => (JsonNode?)w).ToArray())));
        table.Register("wallet", new RpcMethod("getnewaddress", "Stand-in.", [], [Any], "", call =>
            call.Request.WalletName is null && self().Wallets.Count > 1
                ? throw new RpcException(RpcErrorCode.WalletNotSpecified, "Multiple wallets are loaded. Please select which wallet to use by requesting the RPC through the /wallet/<walletname> URI path.")
                : "bcrt1qs758ursh4q9z627kt3pp5yysm78ddny6txaqgw"));
        table.Register("generating", new RpcMethod("generatetoaddress", "Stand-in.",
            [
                new RpcArg("nblocks", RpcArgType.Num, RpcArgFallback.Required, ""),
                new RpcArg("address", RpcArgType.Str, RpcArgFallback.Required, ""),
                new RpcArg("maxtries", RpcArgType.Num, RpcArgFallback.Default(1000000), ""),
            ], [Any], "",
            call => new JsonArray(Enumerable.Range(0, call.ArgInt32("nblocks")).Select(i => (JsonNode?)new string((char)('a' + i % 6), 64)).ToArray())));
        table.Register("network", new RpcMethod("getpeerinfo", "Stand-in: one inbound and one outbound peer, connected about ten minutes ago.", [], [Any], "", _ =>
        {
            long conn = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 630;
            return JsonText.Parse($$"""
                [{"id":0,"addr":"127.0.0.1:18444","network":"not_publicly_routable","mapped_as":0,"servicesnames":["NETWORK","WITNESS","NETWORK_LIMITED"],
                  "relaytxes":false,"lastsend":0,"lastrecv":0,"last_transaction":0,"last_block":0,"conntime":{{conn}},"pingtime":0.0012,"minping":0.0009,
                  "version":70016,"subver":"/Satoshi:30.0.0/","inbound":false,"bip152_hb_to":true,"bip152_hb_from":false,"connection_type":"block-relay-only",
                  "transport_protocol_type":"v2","addr_relay_enabled":false,"addr_processed":0,"addr_rate_limited":0},
                 {"id":12,"addr":"10.0.0.5:50000","network":"ipv4","servicesnames":["NETWORK","WITNESS","P2P_V2"],
                  "relaytxes":true,"lastsend":0,"lastrecv":0,"last_transaction":0,"last_block":0,"conntime":{{conn}},"pingtime":0.25,"minping":0.2004,
                  "version":70016,"subver":"/Satoshi:29.0.0/","inbound":true,"bip152_hb_to":false,"bip152_hb_from":true,"connection_type":"inbound",
                  "transport_protocol_type":"v1","addr_relay_enabled":true,"addr_processed":1234,"addr_rate_limited":7}]
                """);
        }));
        table.Register("wallet", new RpcMethod("walletpassphrase", "Stand-in: returns what it was given.",
            [new RpcArg("passphrase", RpcArgType.Str, RpcArgFallback.Required, ""), new RpcArg("timeout", RpcArgType.Num, RpcArgFallback.Required, "")],
            [Any], "", call => new JsonArray(call.ArgStr("passphrase"), call.ArgInt64("timeout"))));
        table.Register("network", new RpcMethod("getaddrmaninfo", "Stand-in.", [], [Any], "", _ => JsonText.Parse("""
            {"ipv4":{"new":10,"tried":2,"total":12},"ipv6":{"new":1,"tried":0,"total":1},"all_networks":{"new":11,"tried":2,"total":13}}
            """)));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
