using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Args;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Client;
using Bitcoin.Common.Rpc.Http;
using Bitcoin.Common.Util;

namespace Apps.bitcoin_cli;

/// <summary>The bitcoin-cli program (Core's AppInitRPC and CommandLineRPC).</summary>
internal sealed class CliApp
{
    private readonly ArgsManager _args = new();
    private readonly TextReader _stdin;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    private CliApp(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        _stdin = stdin;
        _stdout = stdout;
        _stderr = stderr;
        _args.ErrorOutput = stderr;
    }

    public static async Task<int> RunAsync(string[] argv, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var app = new CliApp(stdin, stdout, stderr);
        int? init = app.Init(argv);
        if (init is { } exit) return exit;
        return await app.CommandLineRpcAsync(argv).ConfigureAwait(false);
    }

    /// <summary>Parses options and reads bitcoin.conf; an exit status when the program should stop here.</summary>
    private int? Init(string[] argv)
    {
        CliOptions.Register(_args);
        if (!_args.ParseParameters(argv, out string error))
        {
            _stderr.Write($"Error parsing command line arguments: {error}\n");
            return 1;
        }
        if (argv.Length < 1 || ArgsHelp.HelpRequested(_args) || _args.GetBoolArg("-version", false))
        {
            string usage = $"{ClientVersion.ClientName} RPC client version {ClientVersion.FullVersion}\n";
            if (_args.GetBoolArg("-version", false))
            {
                usage += ClientVersion.LicenseInfo;
            }
            else
            {
                usage += "\n" +
                    "bitcoin-cli sends commands to a " + RpcClientIdentity.ClientName + " RPC server from the command line.\n" +
                    "\nIt can query the node, manage wallets, create and broadcast transactions, and control the server.\n" +
                    "\nThe \"help\" command lists every command; \"help <command>\" explains one. With -named, arguments are given as\n" +
                    "name=value pairs, so optional ones before them need not be written out.\n" +
                    "\n" +
                    "Usage: bitcoin-cli [options] <command> [params]\n" +
                    "or:    bitcoin-cli [options] -named <command> [name=value]...\n" +
                    "or:    bitcoin-cli [options] help\n" +
                    "or:    bitcoin-cli [options] help <command>\n" +
                    "\n";
                usage += "\n" + _args.GetHelpMessage();
            }
            _stdout.Write(usage);
            if (argv.Length < 1)
            {
                _stderr.Write("Error: too few parameters\n");
                return 1;
            }
            return 0;
        }
        if (!DataDirectory.CheckDataDirOption(_args))
        {
            _stderr.Write($"Error: Specified data directory \"{_args.GetArg("-datadir", "")}\" does not exist.\n");
            return 1;
        }
        try
        {
            if (!_args.ReadConfigFiles(out error, ignoreInvalidKeys: true))
            {
                _stderr.Write($"Error reading configuration file: {error}\n");
                return 1;
            }
            _args.SelectChain(_args.GetChainType());
        }
        catch (ArgsException e)
        {
            _stderr.Write($"Error: {e.Message}\n");
            return 1;
        }
        return null;
    }

    private async Task<int> CommandLineRpcAsync(string[] argv)
    {
        string output = "";
        int status = 0;
        try
        {
            // Everything after the options: the command and its arguments.
            var args = argv.SkipWhile(a => a.Length > 0 && a[0] == '-').ToList();

            if (_args.GetBoolArg("-stdinrpcpass", false))
            {
                string? password = ConsoleInput.ReadSecretLine(_stdin, _stderr, "RPC password> ")
                    ?? throw new InvalidOperationException("-stdinrpcpass specified but failed to read from standard input");
                if (ConsoleInput.IsTerminal) _stdout.Write('\n');
                _args.ForceSetArg("-rpcpassword", password);
            }
            if (_args.GetBoolArg("-stdinwalletpassphrase", false))
            {
                if (args.Count < 1 || !args[0].StartsWith("walletpassphrase", StringComparison.Ordinal))
                    throw new InvalidOperationException("-stdinwalletpassphrase is only applicable for walletpassphrase(change)");
                string? passphrase = ConsoleInput.ReadSecretLine(_stdin, _stderr, "Wallet passphrase> ")
                    ?? throw new InvalidOperationException("-stdinwalletpassphrase specified but failed to read from standard input");
                if (ConsoleInput.IsTerminal) _stdout.Write('\n');
                args.Insert(1, passphrase);
            }
            if (_args.GetBoolArg("-stdin", false))
            {
                while (_stdin.ReadLine() is { } line) args.Add(line);
                if (ConsoleInput.IsTerminal) _stdout.Write('\n');
            }

            var given = CliOptions.CliCommands.Where(_args.IsArgSet).Order(StringComparer.Ordinal).ToList();
            if (given.Count > 1) throw new InvalidOperationException($"Only one of {string.Join(", ", given)} may be specified.");

            IRequestHandler? handler;
            string method = "";
            if (_args.GetBoolArg("-getinfo", false))
            {
                handler = new GetInfoRequestHandler();
            }
            else if (_args.GetBoolArg("-netinfo", false))
            {
                if (args.Count > 0 && args[0] is "h" or "help")
                {
                    _stdout.Write(NetinfoRequestHandler.Help + "\n");
                    return 0;
                }
                handler = new NetinfoRequestHandler(_args.Chain, () => DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            }
            else if (_args.GetBoolArg("-generate", false))
            {
                handler = null;
                var newAddress = await ConnectAndCallAsync(new DefaultRequestHandler(false, CliOptions.DefaultRpcId), "getnewaddress", [], RpcWalletName()).ConfigureAwait(false);
                var error = newAddress.Find("error");
                if (error.IsNull())
                {
                    SetGenerateToAddressArgs(newAddress.Find("result").GetStr(), args);
                    handler = new GenerateToAddressRequestHandler();
                }
                else
                {
                    (output, status) = FormatError(error);
                }
            }
            else if (_args.GetBoolArg("-addrinfo", false))
            {
                handler = new AddrInfoRequestHandler();
            }
            else
            {
                handler = new DefaultRequestHandler(_args.GetBoolArg("-named", false), _args.GetArg("-rpcid", CliOptions.DefaultRpcId));
                if (args.Count < 1) throw new InvalidOperationException("too few parameters (need at least command)");
                method = args[0];
                args.RemoveAt(0);
            }

            if (status == 0 && handler is not null)
            {
                string? walletName = RpcWalletName();
                var reply = await ConnectAndCallAsync(handler, method, args, walletName).ConfigureAwait(false);
                var result = reply.Find("result").Detached();
                var error = reply.Find("error");
                if (error.IsNull())
                {
                    if (_args.GetBoolArg("-getinfo", false) && result is JsonObject info)
                    {
                        if (walletName is null) await AddWalletBalancesAsync(info).ConfigureAwait(false);
                        result = GetInfoFormatter.Format(info, Colorize());
                    }
                    if (!result.IsNull()) output = result.IsStr() ? result.GetStr() : JsonText.Write(result, 2);
                }
                else
                {
                    (output, status) = FormatError(error);
                }
            }
        }
        catch (RpcException e)
        {
            // Raised before sending when the server would refuse the request anyway; reported as the server would.
            (output, status) = FormatError(e.ToJson());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output = "error: " + e.Message;
            status = 1;
        }

        if (output.Length > 0) (status == 0 ? _stdout : _stderr).Write(output + "\n");
        return status;
    }

    /// <summary>Core's ParseError: "error code: N" and "error message:" lines, exit status |N|.</summary>
    private static (string Output, int Status) FormatError(JsonNode? error)
    {
        string text = "";
        if (error is JsonObject obj)
        {
            var code = obj.Find("code");
            var message = obj.Find("message");
            if (!code.IsNull()) text = "error code: " + code.GetValStr() + "\n";
            if (message.IsStr()) text += "error message:\n" + message.GetStr();
            if (code.IsNum() && code.GetInt32() == (int)RpcErrorCode.WalletNotSpecified)
            {
                text += " Or for the CLI, specify the \"-rpcwallet=<walletname>\" option before the command";
                text += " (run \"bitcoin-cli -h\" for help or \"bitcoin-cli listwallets\" to see which wallets are currently loaded).";
            }
        }
        else
        {
            text = "error: " + JsonText.Write(error);
        }
        return (text, Math.Abs(error.Find("code").GetInt32()));
    }

    private string? RpcWalletName() => _args.IsArgNegated("-rpcwallet") ? null : _args.GetArg("-rpcwallet");

    private bool Colorize()
    {
        bool colorize = !OperatingSystem.IsWindows() && !Console.IsOutputRedirected && ReferenceEquals(_stdout, Console.Out);
        string color = _args.GetArg("-color", CliOptions.DefaultColor);
        return color switch
        {
            "always" => true,
            "never" => false,
            "auto" => colorize,
            _ => throw new InvalidOperationException("Invalid value for -color option. Valid values: always, auto, never."),
        };
    }

    private static void SetGenerateToAddressArgs(string address, List<string> args)
    {
        if (args.Count > 2) throw new InvalidOperationException("too many arguments (maximum 2 for nblocks and maxtries)");
        if (args.Count == 0) args.Add(CliOptions.DefaultBlocks);
        else if (args[0] == "0")
            throw new InvalidOperationException($"the first argument (number of blocks to generate, default: {CliOptions.DefaultBlocks}) must be an integer value greater than zero");
        args.Insert(1, address);
    }

    /// <summary>With several wallets loaded, adds each one's trusted balance to the -getinfo result.</summary>
    private async Task AddWalletBalancesAsync(JsonObject result)
    {
        var handler = new DefaultRequestHandler(false, CliOptions.DefaultRpcId);
        var list = await ConnectAndCallAsync(handler, "listwallets", [], null).ConfigureAwait(false);
        if (!list.Find("error").IsNull()) return;
        var wallets = list.Find("result");
        if (wallets.Size() <= 1) return;
        var balances = new JsonObject();
        foreach (var wallet in wallets.GetArr())
        {
            string name = wallet.GetStr();
            var reply = await ConnectAndCallAsync(handler, "getbalances", [], name).ConfigureAwait(false);
            balances[name] = reply.Find("result").Find("mine").Find("trusted").Detached();
        }
        result["balances"] = balances;
    }

    /// <summary>Calls the server, retrying every second with -rpcwait while it is unreachable or warming up (Core's ConnectAndCallRPC).</summary>
    private async Task<JsonObject> ConnectAndCallAsync(IRequestHandler handler, string method, IReadOnlyList<string> args, string? wallet)
    {
        bool wait = _args.GetBoolArg("-rpcwait", false);
        long waitTimeout = _args.GetIntArg("-rpcwaittimeout", CliOptions.DefaultWaitClientTimeout);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(waitTimeout, 0));
        string endpoint = wallet is null ? "/" : "/wallet/" + Uri.EscapeDataString(wallet);
        string user = _args.GetArg("-rpcuser", "");
        while (true)
        {
            try
            {
                var response = IpcRpcCall.TryCall(_args, handler, method, args, endpoint, user)
                    ?? await CallRpcAsync(handler, method, args, endpoint, user).ConfigureAwait(false);
                if (wait)
                {
                    var error = response.Find("error");
                    if (!error.IsNull() && error.Find("code").GetInt32() == (int)RpcErrorCode.InWarmup)
                        throw new CliConnectionException("server in warmup");
                }
                return response;
            }
            catch (CliConnectionException e)
            {
                if (!wait) throw new InvalidOperationException(e.Message, e);
                if (waitTimeout > 0 && DateTime.UtcNow >= deadline)
                    throw new InvalidOperationException($"timeout on transient error: {e.Message}", e);
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonObject> CallRpcAsync(IRequestHandler handler, string method, IReadOnlyList<string> args, string endpoint, string user)
    {
        // Port: -rpcport, else a port in -rpcconnect, else the chain's default.
        ushort port = _args.BaseParams.RpcPort;
        string connect = _args.GetArg("-rpcconnect", CliOptions.DefaultRpcConnect);
        ushort connectPort = 0;
        if (!HostPort.TrySplit(connect, ref connectPort, out string host))
            throw new InvalidOperationException($"Invalid port provided in -rpcconnect: {connect}");
        if (connectPort != 0) port = connectPort;
        if (_args.GetArg("-rpcport") is { } rpcPortText)
        {
            if (!ushort.TryParse(rpcPortText, NumberStyles.None, CultureInfo.InvariantCulture, out ushort rpcPort) || rpcPort == 0)
                throw new InvalidOperationException($"Invalid port provided in -rpcport: {rpcPortText}");
            port = rpcPort;
            if (connectPort != 0) _stderr.Write($"Warning: Port specified in both -rpcconnect and -rpcport. Using -rpcport {port}\n");
        }

        long timeoutSeconds = _args.GetIntArg("-rpcclienttimeout", CliOptions.DefaultHttpClientTimeout);
        var timeout = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : Timeout.InfiniteTimeSpan;

        string credentials;
        RpcAuthCookieResult? cookieResult = null;
        string password = _args.GetArg("-rpcpassword", "");
        if (password.Length == 0)
        {
            string cookieArg = _args.GetPathArg("-rpccookiefile", RpcAuthCookie.DefaultFileName);
            string? cookiePath = cookieArg.Length == 0 ? null : DataDirectory.AbsPathForConfigVal(_args, cookieArg);
            cookieResult = RpcAuthCookie.TryRead(cookiePath, out credentials);
        }
        else
        {
            credentials = user + ":" + password;
        }

        var request = handler.PrepareRequest(method, args);
        var client = new RpcHttpClient(host, port, timeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(365 * 5) : timeout);
        var (status, body) = await client.PostAsync(endpoint, credentials, request).ConfigureAwait(false);

        if (status == 401)
        {
            string message = "Authorization failed: " + cookieResult switch
            {
                RpcAuthCookieResult.Error => "Failed to read cookie file and no rpcpassword was specified.",
                RpcAuthCookieResult.Disabled => "Cookie file was disabled via -norpccookiefile and no rpcpassword was specified.",
                RpcAuthCookieResult.Ok => "Cookie file credentials were invalid and no rpcpassword was specified.",
                _ => "Incorrect rpcuser or rpcpassword were specified.",
            };
            message += $" Configuration file: ({_args.GetConfigFilePath()})";
            throw new InvalidOperationException(message);
        }
        if (status == 503) throw new InvalidOperationException($"Server response: {body}");
        if (status >= 400 && status != 400 && status != 404 && status != 500)
            throw new InvalidOperationException($"server returned HTTP error {status}");
        if (body.Length == 0) throw new InvalidOperationException("no response from server");

        if (!JsonText.TryParse(body, out var parsed)) throw new InvalidOperationException("couldn't parse reply from server");
        var reply = handler.ProcessReply(parsed!);
        if (reply.Count == 0) throw new InvalidOperationException("expected reply to have result, error and id properties");
        return reply;
    }
}
