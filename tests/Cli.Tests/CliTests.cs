using System.Net;
using System.Net.Sockets;
using Bitcoin.Common.Rpc.Http;

namespace Cli.Tests;

/// <summary>The built bitcoin-cli against an in-process server: output, stderr format and exit statuses as Core's.</summary>
public class CliTests
{
    private static Task<CliRunner.Result> Cli(CliTestServer server, params string[] args)
        => CliRunner.RunAsync([.. server.BaseArgs, .. args]);

    [Fact]
    public async Task StringResultIsPrintedRaw()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "echo", "hello world");
        Assert.Equal((0, "[\n  \"hello world\"\n]\n", ""), (r.ExitCode, r.Stdout, r.Stderr));
        var help = await Cli(server, "help", "uptime");
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("uptime\n\nReturns how long", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonResultIsPrettyPrintedWithTwoSpaces()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "echojson", "{\"a\":[1,2.50]}", "true", "null");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("[\n  {\n    \"a\": [\n      1,\n      2.50\n    ]\n  },\n  true,\n  null\n]\n", r.Stdout);
    }

    [Fact]
    public async Task NullResultPrintsNothing()
    {
        await using var server = await CliTestServer.StartAsync();
        server.Table.Register("test", new Bitcoin.Common.Rpc.RpcMethod("nothing", "Returns null.", [], [], "", _ => null));
        var r = await Cli(server, "nothing");
        Assert.Equal((0, "", ""), (r.ExitCode, r.Stdout, r.Stderr));
    }

    [Fact]
    public async Task RpcErrorGoesToStderrAndSetsExitStatus()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "fail", "-8", "Invalid parameter, oops");
        Assert.Equal(8, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal("error code: -8\nerror message:\nInvalid parameter, oops\n", r.Stderr);

        var notFound = await Cli(server, "nosuchcommand");
        Assert.Equal(32601 & 0xff, notFound.ExitCode);
        Assert.Equal("error code: -32601\nerror message:\nMethod not found\n", notFound.Stderr);
    }

    [Fact]
    public async Task WalletNotSpecifiedErrorExplainsRpcWallet()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "fail", "-19", "Wallet file not specified (must request wallet RPC through /wallet/<filename> uri-path).");
        Assert.Equal(19, r.ExitCode);
        Assert.EndsWith(" Or for the CLI, specify the \"-rpcwallet=<walletname>\" option before the command (run \"bitcoin-cli -h\" for help or \"bitcoin-cli listwallets\" to see which wallets are currently loaded).\n", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongArgumentTypeShowsCoreMessage()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "generatetoaddress", "x", "addr");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: Error parsing JSON: x\n", r.Stderr);
        var typed = await Cli(server, "-named", "generatetoaddress", "nblocks=\"1\"", "address=a");
        Assert.Equal(3, typed.ExitCode);
        Assert.StartsWith("error code: -3\nerror message:\nWrong type passed:\n{\n    \"Position 1 (nblocks)\": \"JSON value of type string is not of expected type number\"\n}", typed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedArgumentsAreSentByName()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-named", "echo", "arg1=x", "arg3=y");
        Assert.Equal("[\n  null,\n  \"x\",\n  null,\n  \"y\"\n]\n", r.Stdout);
        var mixed = await Cli(server, "-named", "echojson", "1", "arg2=[3]");
        Assert.Equal("[\n  1,\n  null,\n  [\n    3\n  ]\n]\n", mixed.Stdout);
    }

    [Fact]
    public async Task StdinSuppliesMoreArguments()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await CliRunner.RunAsync([.. server.BaseArgs, "-stdin", "echo", "first"], stdin: "second line\nthird\n");
        Assert.Equal("[\n  \"first\",\n  \"second line\",\n  \"third\"\n]\n", r.Stdout);
    }

    [Fact]
    public async Task StdinRpcPassIsUsedAsPassword()
    {
        await using var server = await CliTestServer.StartAsync(o => o with { User = "alice", Password = "s3cret" });
        var ok = await CliRunner.RunAsync([.. server.BaseArgs, "-rpcuser=alice", "-stdinrpcpass", "whoami"], stdin: "s3cret\n");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("\"user\": \"alice\"", ok.Stdout);
        var bad = await CliRunner.RunAsync([.. server.BaseArgs, "-rpcuser=alice", "-stdinrpcpass", "whoami"], stdin: "wrong\n");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: Authorization failed: Incorrect rpcuser or rpcpassword were specified. Configuration file: (", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdinWalletPassphraseIsInsertedAfterTheCommand()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await CliRunner.RunAsync([.. server.BaseArgs, "-stdinwalletpassphrase", "walletpassphrase", "60"], stdin: "correct horse\n");
        Assert.Equal((0, "[\n  \"correct horse\",\n  60\n]\n"), (r.ExitCode, r.Stdout));
        var wrong = await CliRunner.RunAsync([.. server.BaseArgs, "-stdinwalletpassphrase", "echo"], stdin: "x\n");
        Assert.Equal((1, "error: -stdinwalletpassphrase is only applicable for walletpassphrase(change)\n"), (wrong.ExitCode, wrong.Stderr));
        var empty = await CliRunner.RunAsync([.. server.BaseArgs, "-stdinrpcpass", "echo"], stdin: "");
        Assert.Equal((1, "error: -stdinrpcpass specified but failed to read from standard input\n"), (empty.ExitCode, empty.Stderr));
    }

    [Fact]
    public async Task CookieFromTheNetworkDataDirAuthenticates()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "whoami");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"user\": \"__cookie__\"", r.Stdout);
    }

    [Fact]
    public async Task CookieProblemsAreExplained()
    {
        await using var server = await CliTestServer.StartAsync(o => o with { User = "u", Password = "p" });
        var missing = await Cli(server, "-rpccookiefile=does-not-exist", "echo");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Authorization failed: Failed to read cookie file and no rpcpassword was specified.", missing.Stderr);
        var disabled = await Cli(server, "-norpccookiefile", "echo");
        Assert.Contains("Cookie file was disabled via -norpccookiefile and no rpcpassword was specified.", disabled.Stderr);
        File.WriteAllText(Path.Combine(server.DataDir, "regtest", "fake"), "__cookie__:00");
        var invalid = await Cli(server, "-rpccookiefile=fake", "echo");
        Assert.Contains("Cookie file credentials were invalid and no rpcpassword was specified.", invalid.Stderr);
    }

    [Fact]
    public async Task RpcWalletSelectsTheWalletEndpoint()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-rpcwallet=my wallet", "whoami");
        Assert.Contains("\"wallet\": \"my wallet\"", r.Stdout);
    }

    [Fact]
    public async Task ConfigFileSuppliesCredentialsAndPort()
    {
        await using var server = await CliTestServer.StartAsync(o => o with { User = "conf", Password = "fromfile" });
        File.WriteAllText(Path.Combine(server.DataDir, "bitcoin.conf"), $"regtest=1\n[regtest]\nrpcuser=conf\nrpcpassword=fromfile\nrpcport={server.Port}\n");
        var r = await CliRunner.RunAsync([$"-datadir={server.DataDir}", "whoami"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"user\": \"conf\"", r.Stdout);
    }

    [Fact]
    public async Task UnreachableServerIsReported()
    {
        int port = FreePort();
        var r = await CliRunner.RunAsync(["-regtest", $"-rpcport={port}", "-rpcpassword=x", "echo"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: Error while attempting to communicate with server 127.0.0.1:{port} (Could not connect to the server)\n\n" +
                     "Make sure the bitcoind server is running and that you are connecting to the correct RPC port.\n" +
                     "Use \"bitcoin-cli -help\" for more info.\n", r.Stderr);
    }

    [Theory]
    [InlineData("-rpcport=notaport", "Invalid port provided in -rpcport: notaport")]
    [InlineData("-rpcport=0", "Invalid port provided in -rpcport: 0")]
    [InlineData("-rpcport=65536", "Invalid port provided in -rpcport: 65536")]
    [InlineData("-rpcconnect=127.0.0.1:notaport", "Invalid port provided in -rpcconnect: 127.0.0.1:notaport")]
    [InlineData("-rpcconnect=[::1]:0", "Invalid port provided in -rpcconnect: [::1]:0")]
    public async Task InvalidPortsAreRejected(string option, string message)
    {
        var r = await CliRunner.RunAsync(["-regtest", "-rpcpassword=x", option, "echo"]);
        Assert.Equal((1, $"error: {message}\n"), (r.ExitCode, r.Stderr));
    }

    [Fact]
    public async Task RpcWaitRetriesUntilWarmupEnds()
    {
        await using var server = await CliTestServer.StartAsync(finishWarmup: false);
        using var process = CliRunner.Start([.. server.BaseArgs, "-rpcwait", "echo", "ready"]);
        // The client has seen the -28 answer at least once before warm-up ends.
        await CliRunner.WaitUntil(() => server.Server.RequestsServed > 0);
        server.Table.SetWarmupFinished();
        var r = await CliRunner.Finish(process);
        Assert.Equal((0, "[\n  \"ready\"\n]\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task RpcWaitRetriesUntilTheServerListens()
    {
        int port = FreePort();
        var placeholder = new TcpListener(IPAddress.Loopback, port);
        placeholder.Start();
        using var process = CliRunner.Start(["-regtest", $"-rpcport={port}", "-rpcuser=u", "-rpcpassword=p", "-rpcwait", "echo", "up"]);
        // The first attempt reaches something that is not an RPC server yet and is dropped.
        using (var first = await placeholder.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromMinutes(2))) first.Client.Close();
        placeholder.Stop();
        await using var server = await CliTestServer.StartAsync(o => o with { Port = port, User = "u", Password = "p" });
        var r = await CliRunner.Finish(process);
        Assert.Equal((0, "[\n  \"up\"\n]\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task WithoutRpcWaitWarmupIsAnError()
    {
        await using var server = await CliTestServer.StartAsync(finishWarmup: false);
        server.Table.SetWarmupStatus("Loading wallet…");
        var r = await Cli(server, "echo");
        Assert.Equal(28, r.ExitCode);
        Assert.Equal("error code: -28\nerror message:\nLoading wallet…\n", r.Stderr);
    }

    [Fact]
    public async Task RpcWaitTimeoutGivesUp()
    {
        int port = FreePort();
        var r = await CliRunner.RunAsync(["-regtest", $"-rpcport={port}", "-rpcpassword=x", "-rpcwait", "-rpcwaittimeout=1", "echo"]);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"error: timeout on transient error: Error while attempting to communicate with server 127.0.0.1:{port} (Could not connect to the server)", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoSummarisesTheNode()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-getinfo", "-color=never");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            "Chain: regtest\nBlocks: 101\nHeaders: 101\n" +
            "Verification progress: \u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2592\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591\u2591 50.0000%\n" +
            "Difficulty: 4.656542373906925e-10\n\n" +
            "Network: in 1, out 2, total 3\nVersion: 300000\nTime offset (s): 0\n" +
            "Proxies: 127.0.0.1:9050 (ipv4, onion)\nMin tx relay fee rate (BTC/kvB): 0.00001000\n\n" +
            "Wallet: w1\nKeypool size: 1000\nBalance: 50.00000000\n\nWarnings: (none)\n", r.Stdout);
    }

    [Fact]
    public async Task GetInfoListsBalancesOfSeveralWallets()
    {
        await using var server = await CliTestServer.StartAsync();
        server.Wallets.Add("w2");
        var r = await Cli(server, "-getinfo", "-color=never");
        Assert.Contains("Balances\n50.00000000 w1\n2.00000000 w2\n\n".Replace("2.00000000 w2", " 2.00000000 w2"), r.Stdout);
        var args = await Cli(server, "-getinfo", "extra");
        Assert.Equal((1, "error: -getinfo takes no arguments\n"), (args.ExitCode, args.Stderr));
        var color = await Cli(server, "-getinfo", "-color=foo");
        Assert.Equal("error: Invalid value for -color option. Valid values: always, auto, never.\n", color.Stderr);
    }

    [Fact]
    public async Task GenerateMinesToANewAddress()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-generate", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\n  \"address\": \"bcrt1qs758ursh4q9z627kt3pp5yysm78ddny6txaqgw\",\n  \"blocks\": [\n    \"" + new string('a', 64) + "\",\n    \"" + new string('b', 64) + "\"\n  ]\n}\n", r.Stdout);
        Assert.Equal("error: the first argument (number of blocks to generate, default: 1) must be an integer value greater than zero\n", (await Cli(server, "-generate", "0")).Stderr);
        Assert.Equal("error: too many arguments (maximum 2 for nblocks and maxtries)\n", (await Cli(server, "-generate", "1", "2", "3")).Stderr);
        Assert.Equal("error: Error parsing JSON: foo\n", (await Cli(server, "-generate", "foo")).Stderr);
    }

    [Fact]
    public async Task GenerateWithSeveralWalletsNeedsRpcWallet()
    {
        await using var server = await CliTestServer.StartAsync();
        server.Wallets.Add("w2");
        var r = await Cli(server, "-generate");
        Assert.Equal(19, r.ExitCode);
        Assert.StartsWith("error code: -19\nerror message:\nMultiple wallets are loaded.", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli(server, "-rpcwallet=w2", "-generate")).ExitCode);
    }

    [Fact]
    public async Task AddrInfoCountsAddressesPerNetwork()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-addrinfo");
        Assert.Equal("{\n  \"addresses_known\": {\n    \"ipv4\": 12,\n    \"ipv6\": 1,\n    \"total\": 13\n  }\n}\n", r.Stdout);
    }

    [Fact]
    public async Task NetinfoCountsPeersPerNetwork()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-netinfo");
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n');
        Assert.EndsWith(" client " + lines[0].Split(" client ")[1], lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" regtest - server 70016/Satoshi:30.0.0/", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            "         ipv4    ipv6   onion     npr   total   block\n" +
            "in          1       0       0       0       1\n" +
            "out         0       0       0       1       1       1\n" +
            "total       1       0       0       1       2\n" +
            "\n" +
            "Local services: network, witness, network limited, p2p v2\n" +
            "\n" +
            "Local addresses\n" +
            "2001:db8::1     port  18444    score      4\n", string.Join('\n', lines[2..]));
    }

    [Fact]
    public async Task NetinfoLevelFourListsPeers()
    {
        await using var server = await CliTestServer.StartAsync();
        var r = await Cli(server, "-netinfo", "4");
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n');
        Assert.EndsWith(" regtest - server 70016/Satoshi:30.0.0/ - services nwl2", lines[0], StringComparison.Ordinal);
        Assert.Equal("<->   type   net   serv  v  mping   ping send recv  txn  blk  hb addrp addrl  age id address         version", lines[2]);
        Assert.Equal(" in         ipv4    nw2  1    200    250                       *  1234     7   10 12 10.0.0.5:50000  70016/Satoshi:29.0.0/", lines[3]);
        Assert.Equal("out  block   npr    nwl  2      1      1              *       .      .         10  0 127.0.0.1:18444 70016/Satoshi:30.0.0/", lines[4]);
        Assert.Equal("                               ms     ms  sec  sec  min  min                  min", lines[5]);
        var outonly = await Cli(server, "-netinfo", "1", "outonly");
        Assert.DoesNotContain("ipv4    nw2", outonly.Stdout);
    }

    [Fact]
    public async Task NetinfoArgumentsAreChecked()
    {
        await using var server = await CliTestServer.StartAsync();
        var help = await Cli(server, "-netinfo", "help");
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("-netinfo (level [outonly]) | help\n", help.Stdout, StringComparison.Ordinal);
        var bad = await Cli(server, "-netinfo", "x");
        Assert.Equal((1, "error: invalid -netinfo level argument: x\nFor more information, run: bitcoin-cli -netinfo help\n"), (bad.ExitCode, bad.Stderr));
        var outonly = await Cli(server, "-netinfo", "0", "o");
        Assert.StartsWith("error: invalid -netinfo outonly argument: o\nThe outonly argument is only valid for a level greater than 0", outonly.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyOneCliCommandMayBeGiven()
    {
        var r = await CliRunner.RunAsync(["-regtest", "-getinfo", "-generate"]);
        Assert.Equal((1, "error: Only one of -generate, -getinfo may be specified.\n"), (r.ExitCode, r.Stderr));
        var netinfo = await CliRunner.RunAsync(["-regtest", "-getinfo", "-netinfo"]);
        Assert.Equal("error: Only one of -getinfo, -netinfo may be specified.\n", netinfo.Stderr);
    }

    [Fact]
    public async Task NoArgumentsPrintUsageAndFail()
    {
        var r = await CliRunner.RunAsync([]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Usage: bitcoin-cli [options] <command> [params]", r.Stdout);
        Assert.Equal("Error: too few parameters\n", r.Stderr);
        var help = await CliRunner.RunAsync(["-help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("-rpcwallet=<walletname>", help.Stdout);
        var noCommand = await CliRunner.RunAsync(["-regtest"]);
        Assert.Equal((1, "error: too few parameters (need at least command)\n"), (noCommand.ExitCode, noCommand.Stderr));
    }

    [Fact]
    public async Task BadOptionsAreReportedBeforeConnecting()
    {
        var unknown = await CliRunner.RunAsync(["-nosuchoption", "echo"]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("Error parsing command line arguments: Invalid parameter -nosuchoption", unknown.Stderr, StringComparison.Ordinal);
        var datadir = await CliRunner.RunAsync(["-datadir=/nonexistent/dir", "echo"]);
        Assert.Equal((1, "Error: Specified data directory \"/nonexistent/dir\" does not exist.\n"), (datadir.ExitCode, datadir.Stderr));
        var ipc = await CliRunner.RunAsync(["-regtest", "-ipcconnect=unix", "echo"]);
        Assert.Equal(1, ipc.ExitCode);
        Assert.StartsWith("error: No such file or directory\n\nProbably bitcoin-node is not running", ipc.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionReportsTheNodesVersionAndTheLicense()
    {
        var r = await CliRunner.RunAsync(["-version"]);
        Assert.Equal((0, ""), (r.ExitCode, r.Stderr));
        // The same version as bitcoind's (it used to report the assembly's 1.0.0), then the license paragraphs.
        Assert.StartsWith("Bitcoin Core RPC client version v31.99.0\nCopyright (C) ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nDistributed under the MIT software license", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", r.Stdout, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
