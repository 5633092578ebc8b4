using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Context;
using Bitcoin.Node.Init.Daemon;

namespace Bitcoin.Node.Init;

/// <summary>
/// The body of bitcoind's <c>main</c> (Core's bitcoind.cpp): parse the arguments, answer <c>-help</c> and
/// <c>-version</c>, start the node (daemonizing for <c>-daemon</c>/<c>-daemonwait</c>), wait for a shutdown request,
/// shut down, and return the exit status: 0 after a clean run, 1 after a failed start or a fatal error.
/// </summary>
public static class NodeMain
{
    /// <summary>Runs the node with the command-line <paramref name="arguments"/> (without the program name).</summary>
    public static int Run(IReadOnlyList<string> arguments, NodeMainOptions options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        SetupEnvironment();
        ThreadNames.SetInternalName("init");

        var node = new NodeContext(new ArgsManager());
        Log.Sink = node.Logger;
        var daemonChannel = DaemonChannel.FromEnvironment();
        try
        {
            if (!ParseArgs(node, arguments, options))
                return 1;
            if (ProcessInitCommands(node.Args, options))
                return 0;

            if (!AppInit(node, arguments, options, daemonChannel) || !node.ShutdownSignal.Wait())
                node.ExitStatus = 1;
            NodeInit.Interrupt(node);
            options.StopIpc?.Invoke(node);
            NodeInit.Shutdown(node);
            return node.ExitStatus;
        }
        finally
        {
            daemonChannel?.Dispose();
        }
    }

    /// <summary>
    /// Registers the options, parses the command line and the config files, and builds the chain parameters, with
    /// Core's messages on failure (Core's <c>ParseArgs</c>).
    /// </summary>
    public static bool ParseArgs(NodeContext node, IReadOnlyList<string> arguments, NodeMainOptions options)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        var args = node.Args;
        options.SetupServerArgs(args);
        if (!args.ParseParameters(arguments, out var error))
            return InitMessages.Error($"Error parsing command line arguments: {error}");

        if (ConfigInit.InitConfig(args) is { } configError)
            return InitMessages.Error(configError.Message, configError.Details);

        try
        {
            node.ChainParams = NodeChainParams.Create(args, args.GetChainType());
        }
        catch (Exception e) when (e is FormatException or ArgsException)
        {
            return InitMessages.Error(e.Message);
        }

        // bitcoind takes no commands: a word on the command line is a mistake (often a missing dash).
        foreach (var argument in arguments)
        {
            if (!argument.StartsWith('-'))
                return InitMessages.Error($"Command line contains unexpected token '{argument}', see bitcoind -h for a list of options.");
        }

        return true;
    }

    /// <summary>
    /// Prints the version (and license) or the help text to stdout if <c>-version</c> or <c>-help</c> (<c>-h</c>, <c>-?</c>,
    /// <c>-help-debug</c>) was given; returns true if it did (the process then exits with status 0).
    /// </summary>
    public static bool ProcessInitCommands(ArgsManager args, NodeMainOptions options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        var version = args.GetBoolArg("-version", false);
        if (!ArgsHelp.HelpRequested(args) && !version)
            return false;

        var text = $"{ClientVersion.ClientName} daemon version {ClientVersion.FullVersion}";
        if (options.ExeName is { } exeName)
            text += " " + exeName;
        text += "\n";
        if (version)
        {
            text += ClientVersion.LicenseInfo;
        }
        else
        {
            text += "\n" + HelpIntroduction + "\nUsage: bitcoind [options]\n\n" + args.GetHelpMessage();
        }

        Console.Out.Write(text);
        Console.Out.Flush();
        return true;
    }

    private const string HelpIntroduction =
        "bitcoind is the Bitcoin node without a graphical interface. It follows the Bitcoin network, validates and\n" +
        "relays blocks and transactions, and serves them to applications through its JSON-RPC interface.\n\n" +
        "It can include a wallet, and it runs well in the background on a server.\n";

    /// <summary>
    /// Runs the start-up steps, daemonizing after the sanity checks for <c>-daemon</c>/<c>-daemonwait</c> (Core's
    /// <c>AppInit</c>). Unexpected exceptions are reported as Core reports them, without a stack trace.
    /// </summary>
    private static bool AppInit(NodeContext node, IReadOnlyList<string> arguments, NodeMainOptions options, DaemonChannel? daemonChannel)
    {
        var args = node.Args;
        var success = false;
        try
        {
            // bitcoind serves RPC unless told otherwise (the GUI does not).
            args.SoftSetBoolArg("-server", true);
            LoggingInit.SetLoggingOptions(args, node.Logger);
            LoggingInit.LogPackageVersion(ClientVersion.ClientName, ClientVersion.FullVersion);
            ParameterInteraction.Apply(args);
            if (options.WalletParameterInteraction is { } walletParameterInteraction && !walletParameterInteraction(args))
                return false;
            if (!NodeInit.AppInitBasicSetup(node) || !NodeInit.AppInitParameterInteraction(node) || !NodeInit.AppInitSanityChecks(node))
                return false;

            if (args.GetBoolArg("-daemon", false) || args.GetBoolArg("-daemonwait", false))
            {
                if (daemonChannel is null)
                    Daemonize(node, arguments); // does not return
                else if (!args.GetBoolArg("-daemonwait", false))
                    daemonChannel.Report(true); // -daemon: the parent may go as soon as we run in the background
            }

            if (!NodeInit.AppInitLockDirectories(node))
                return false;
            success = NodeInit.AppInitInterfaces(node) && NodeInit.AppInitMain(node, options);
        }
        catch (Exception e)
        {
            ReportException(e, "AppInit()");
        }
        finally
        {
            daemonChannel?.Report(success);
        }

        return success;
    }

    private static void Daemonize(NodeContext node, IReadOnlyList<string> arguments)
    {
        Console.Out.Write($"{ClientVersion.ClientName} starting\n");
        Console.Out.Flush();
        bool started;
        try
        {
            started = DaemonLauncher.StartAndWait(arguments);
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            var message = e is PlatformNotSupportedException ? e.Message : $"fork_daemon() failed: {e.Message}";
            InitMessages.Error(message);
            Environment.Exit(1);
            return;
        }

        if (!started)
        {
            var logName = Path.GetFileName(node.Logger.FilePath);
            Console.Error.Write($"Error during initialization - check {(logName.Length == 0 ? Logger.DefaultDebugLogFile : logName)} for details\n");
            Console.Error.Flush();
        }

        Environment.Exit(started ? 0 : 1);
    }

    /// <summary>
    /// Process-wide settings made before anything else (Core's <c>SetupEnvironment</c>): files and directories the node
    /// creates are private to its user (umask 077), since they hold keys, cookies and logs.
    /// </summary>
    private static void SetupEnvironment()
    {
        if (!OperatingSystem.IsWindows())
            Interop.LibC.Umask(0b000_111_111);
    }

    /// <summary>Reports an unexpected exception as Core's <c>PrintExceptionContinue</c>: to debug.log and stderr, no stack trace.</summary>
    internal static void ReportException(Exception e, string where)
    {
        var message = $"EXCEPTION: {e.GetType().Name}       \n{e.Message}       \nbitcoin in {where}       \n";
        Log.Warning("\n\n************************\n" + message);
        Console.Error.Write("\n\n************************\n" + message + "\n");
        Console.Error.Flush();
    }
}
