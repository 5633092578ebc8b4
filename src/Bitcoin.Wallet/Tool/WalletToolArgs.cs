using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;

namespace Bitcoin.Wallet.Tool;

/// <summary>The options and commands of the offline wallet tool (Core's <c>SetupWalletToolArgs</c>).</summary>
public static class WalletToolArgs
{
    /// <summary>
    /// Registers -help, the chain selection options, -version, -datadir, -wallet, -debug, -printtoconsole, -dumpfile
    /// (valid with dump and createfromdump only) and the commands info, create, dump and createfromdump.
    /// </summary>
    public static void Register(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgsHelp.SetupHelpOptions(args);
        ChainArgs.Register(args);
        args.AddArg("-version", "Print the version and exit", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-datadir=<dir>", "The data directory whose wallets the command acts on", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        args.AddArg("-wallet=<wallet-name>", "The wallet's name: its directory (or, for old wallets, its file) in the wallet directory", ArgFlags.AllowAny | ArgFlags.NetworkOnly, OptionsCategory.Options);
        args.AddArg("-debug=<category>", "With a true value, send the log to the console too, as -printtoconsole (default: 0)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-printtoconsole", "Send the log to the console; there is no log file (default: 1 if -debug is true, else 0)", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-dumpfile=<file name>", "The file 'dump' writes the wallet's records to, and 'createfromdump' reads them from.", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.CommandOptions);
        args.AddCommand("info", "Show a wallet's information");
        args.AddCommand("create", "Create a new descriptor wallet file");
        args.AddCommand("dump", "Write every key-value record of a wallet to the -dumpfile", ["-dumpfile"]);
        args.AddCommand("createfromdump", "Create a new wallet file from dumped records", ["-dumpfile"]);
    }
}
