using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Util;

namespace Apps.bitcoin_wallet;

/// <summary>
/// bitcoin-wallet started from a command line (not by a node): Core's wallet tool front end — its options, usage,
/// <c>-help</c> and <c>-version</c>. The offline commands (info, create, dump, createfromdump) are not part of this
/// build yet; asking for one says so instead of pretending.
/// </summary>
internal static class WalletToolMain
{
    public static int Run(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr)
    {
        var args = new ArgsManager();
        ArgsHelp.SetupHelpOptions(args);
        ChainArgs.Register(args);
        args.AddArg("-version", "Print version and exit", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-datadir=<dir>", "Specify data directory", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        args.AddArg("-wallet=<wallet-name>", "Specify wallet name", ArgFlags.AllowAny | ArgFlags.NetworkOnly, OptionsCategory.Options);
        args.AddArg("-debug=<category>", "Output debugging information (default: 0).", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-printtoconsole", "Send trace/debug info to console (default: 1 when no -debug is true, 0 otherwise).", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-dumpfile=<file name>", "The file 'dump' writes the wallet's records to, and 'createfromdump' reads them from.", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.CommandOptions);
        args.AddCommand("info", "Show a wallet's information");
        args.AddCommand("create", "Create a new descriptor wallet file");
        args.AddCommand("dump", "Print every key-value record of a wallet", ["-dumpfile"]);
        args.AddCommand("createfromdump", "Create a new wallet file from dumped records", ["-dumpfile"]);
        args.AddArg("-ipcfd=<n>", "Serve a node's IPC connection on descriptor <n> (how bitcoin-node starts its wallet process; exactly \"-ipcfd <n>\")", ArgFlags.AllowAny, OptionsCategory.Ipc);

        if (!args.ParseParameters(arguments, out var error))
        {
            stderr.Write($"Error parsing command line arguments: {error}\n");
            return 1;
        }

        var missing = arguments.Count == 0;
        var version = args.GetBoolArg("-version", false);
        if (missing || ArgsHelp.HelpRequested(args) || version)
        {
            var usage = $"{ClientVersion.ClientName} bitcoin-wallet utility version {ClientVersion.FullVersion}\n";
            usage += version ? ClientVersion.LicenseInfo : "\n" + Introduction + "\n" + args.GetHelpMessage();
            stdout.Write(usage);
            if (missing)
            {
                stderr.Write("Error: too few parameters\n");
                return 1;
            }

            return 0;
        }

        if (args.GetCommand() is not { } command)
        {
            stderr.Write("No method provided. Run `bitcoin-wallet -help` for valid methods.\n");
            return 1;
        }

        if (command.Args.Count != 0)
        {
            stderr.Write($"Error: Additional arguments provided ({string.Join(", ", command.Args)}). Methods do not take arguments. Please refer to `-help`.\n");
            return 1;
        }

        stderr.Write($"Error: the offline wallet command '{command.Command}' is not available in this build. " +
                     "Use the wallet RPCs of bitcoind or bitcoin-node (which runs bitcoin-wallet as its wallet process).\n");
        return 1;
    }

    private const string Introduction =
        "bitcoin-wallet runs the wallet of a multiprocess node: bitcoin-node starts it as its wallet process\n" +
        "(bitcoin-wallet -ipcfd <n>) and serves its RPCs. As an offline tool it acts on wallet files in the data\n" +
        "directory, chosen with -datadir, -wallet and the chain selection options.\n\n" +
        "Usage: bitcoin-wallet [options] <command>\n";
}
