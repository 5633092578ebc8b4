using Bitcoin.Common.Args;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Util;
using Bitcoin.Wallet.Tool;

namespace Apps.bitcoin_wallet;

/// <summary>
/// bitcoin-wallet started from a command line (not by a node): Core's wallet tool front end (bitcoin-wallet.cpp) — its
/// options, usage, <c>-help</c>, <c>-version</c>, data directory and chain checks — handing the command (info, create,
/// dump, createfromdump) to <see cref="WalletTool"/>. Exit code 0 on success, 1 on any error, as Core's.
/// </summary>
internal static class WalletToolMain
{
    public static int Run(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr)
    {
        var args = new ArgsManager();
        WalletToolArgs.Register(args);
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

        // As Core, -debug alone (without -printtoconsole) also sends the log to the console.
        if (args.GetBoolArg("-printtoconsole", args.GetBoolArg("-debug", false)))
            StartConsoleLogging();

        if (!DataDirectory.CheckDataDirOption(args))
        {
            stderr.Write($"Error: Specified data directory \"{args.GetArg("-datadir", "")}\" does not exist.\n");
            return 1;
        }

        try
        {
            args.SelectChain(args.GetChainType());
        }
        catch (ArgsException e)
        {
            ReportException(e, "WalletAppInit()", stderr);
            return 1;
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

        try
        {
            return WalletTool.Execute(args, command.Command, stdout, stderr) ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            ReportException(e, "bitcoin-wallet", stderr);
            return 1;
        }
        finally
        {
            Logger.Instance.Close();
        }
    }

    // The log goes to the console only: the tool writes no debug.log (Core's tool never opens one).
    private static void StartConsoleLogging()
    {
        var logger = Logger.Instance;
        logger.PrintToFile = false;
        logger.PrintToConsole = true;
        Log.Sink = logger;
        logger.StartLogging();
    }

    // Core's PrintExceptionContinue: the exception's type and message framed by asterisks, no stack trace.
    private static void ReportException(Exception e, string where, TextWriter stderr)
    {
        var message = $"EXCEPTION: {e.GetType().Name}       \n{e.Message}       \nbitcoin in {where}       \n";
        Log.Warning("\n\n************************\n" + message);
        stderr.Write("\n\n************************\n" + message + "\n");
    }

    private const string Introduction =
        "bitcoin-wallet runs the wallet of a multiprocess node: bitcoin-node starts it as its wallet process\n" +
        "(bitcoin-wallet -ipcfd <n>) and serves its RPCs. As an offline tool it acts on wallet files without a node:\n" +
        "by default the wallets of the main chain's wallet directory in the default data directory; -datadir,\n" +
        "-wallet and the chain selection options choose another.\n\n" +
        "Usage: bitcoin-wallet [options] <command>\n";
}
