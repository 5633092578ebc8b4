using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;

namespace Apps.bitcoin_cli;

/// <summary>The options bitcoin-cli accepts (Core's SetupCliArgs), with their defaults.</summary>
internal static class CliOptions
{
    public const string DefaultRpcConnect = "127.0.0.1";
    public const string DefaultRpcId = "1";
    public const int DefaultHttpClientTimeout = 900;
    public const int DefaultWaitClientTimeout = 0;
    public const string DefaultBlocks = "1";
    public const int DefaultMaxTries = 1_000_000;
    public const string DefaultColor = "auto";

    /// <summary>The options of the "CLI commands" group; at most one may be given.</summary>
    public static readonly string[] CliCommands = ["-addrinfo", "-generate", "-getinfo", "-netinfo"];

    public static void Register(ArgsManager args)
    {
        ArgsHelp.SetupHelpOptions(args);
        var main = BaseChainParams.For(ChainType.Main);
        var test = BaseChainParams.For(ChainType.Testnet);
        var test4 = BaseChainParams.For(ChainType.Testnet4);
        var signet = BaseChainParams.For(ChainType.Signet);
        var regtest = BaseChainParams.For(ChainType.Regtest);

        args.AddArg("-version", "Print the version and exit", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-conf=<file>", $"Configuration file; a relative path is taken inside the data directory (default: {ArgsManager.BitcoinConfFilename})", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-datadir=<dir>", "Data directory", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        args.AddArg("-generate",
            $"Mine blocks to a new address of the wallet: runs getnewaddress, then generatetoaddress. Optional numbers after it are the block count " +
            $"(default: {DefaultBlocks}) and the maximum tries (default: {DefaultMaxTries}), as generatetoaddress takes them. Example: bitcoin-cli -generate 4 1000",
            ArgFlags.AllowAny, OptionsCategory.CliCommands);
        args.AddArg("-addrinfo", "Show how many addresses the node knows, per network and in total.", ArgFlags.AllowAny, OptionsCategory.CliCommands);
        args.AddArg("-getinfo", "Show a summary of the server's state. It is put together from several separate requests, so its parts may describe slightly different moments.", ArgFlags.AllowAny, OptionsCategory.CliCommands);
        args.AddArg("-netinfo", $"Show a dashboard of the server's peer connections. An optional level from 0 to {NetinfoRequestHandler.MaxLevel} adds a peer list (default: 0); with a level above 0, \"outonly\" (or \"o\") lists outbound peers only. \"help\" (or \"h\") explains it in detail.", ArgFlags.AllowAny, OptionsCategory.CliCommands);
        ChainArgs.Register(args);
        args.AddArg("-color=<when>", $"When to color the output of -getinfo (default: {DefaultColor}): always, auto (when stdout is a terminal, not on Windows) or never.", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        args.AddArg("-named", "Pass arguments by name (name=value) instead of by position (default: false)", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcid=<id>", $"The JSON-RPC request id to send (default: {DefaultRpcId})", ArgFlags.AllowAny | ArgFlags.DisallowNegation | ArgFlags.DisallowElision, OptionsCategory.Options);
        args.AddArg("-rpcclienttimeout=<n>", $"Seconds to wait for an HTTP answer, 0 for no limit (default: {DefaultHttpClientTimeout})", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcconnect=<ip>", $"Address of the server (default: {DefaultRpcConnect})", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpccookiefile=<loc>", "Cookie file to authenticate with; a relative path is taken inside the network's data directory (default: data dir)", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcpassword=<pw>", "Password for JSON-RPC", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcport=<port>", $"Port of the server (default: {main.RpcPort}, testnet: {test.RpcPort}, testnet4: {test4.RpcPort}, signet: {signet.RpcPort}, regtest: {regtest.RpcPort})", ArgFlags.AllowAny | ArgFlags.NetworkOnly, OptionsCategory.Options);
        args.AddArg("-rpcuser=<user>", "User name for JSON-RPC", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcwait", "Wait until the server is up and done starting", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-rpcwaittimeout=<n>", $"Seconds -rpcwait waits at most, 0 for no limit (default: {DefaultWaitClientTimeout})", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        args.AddArg("-rpcwallet=<walletname>", "Send the command to this wallet (the name the server loaded it with); uses the endpoint http://127.0.0.1:8332/wallet/<walletname>", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-stdin", "Read more arguments from standard input, one per line until end of input (better for secrets such as passphrases). With -stdinrpcpass, the first line is the RPC password.", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-stdinrpcpass", "Read the RPC password from the first line of standard input. With -stdinwalletpassphrase, the wallet passphrase is on the second line.", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-ipcconnect=<address>", "Talk to bitcoin-node over IPC instead of HTTP: 'auto' tries <datadir>/node.sock and falls back to HTTP, 'unix' or 'unix:<path>' insists on a socket (a relative path is inside the network data directory), 'tcp:<host>:<port>' on a TCP listener (authenticated with -ipcauth or the node's <datadir>/.ipccookie); -noipcconnect never tries. (default: auto)", ArgFlags.AllowAny, OptionsCategory.Ipc);
        args.AddArg("-ipcauth=<secret>", "The secret for -ipcconnect=tcp:..., as given to bitcoin-node's -ipcauth (default: read from <datadir>/.ipccookie)", ArgFlags.AllowAny | ArgFlags.Sensitive, OptionsCategory.Ipc);
        args.AddArg("-stdinwalletpassphrase", "Read the wallet passphrase from a line of standard input (for walletpassphrase and walletpassphrasechange).", ArgFlags.AllowAny, OptionsCategory.Options);
    }
}
