using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Init;
using Bitcoin.Wallet.Interfaces;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The wallet component of a bitcoin-wallet process, however the process reached its node: the process's arguments
/// (registered wallet, chain and logging options; values from the node's <see cref="GlobalArgs"/> or the process's
/// own command line), its debug.log, and wallet loaders made on an <see cref="IChain"/>. A spawned process gets the
/// chain from the node's makeWalletLoader call; a process attaching by itself (<c>-ipcconnect</c>) gets it from the
/// node's Init (<see cref="IInit.MakeChain"/>) and drives the loader through <see cref="IChainClient"/>'s steps.
/// </summary>
internal sealed class WalletProcess
{
    private bool _logging;

    private WalletProcess(ArgsManager args) => Args = args;

    /// <summary>The process's arguments.</summary>
    public ArgsManager Args { get; }

    /// <summary>
    /// The options a wallet process reads registered on a fresh <see cref="ArgsManager"/>: the wallet's own (so their
    /// network-only flags apply as in the node), chain selection and logging. Options registered only by the node
    /// are accepted too: they arrive with the node's settings and are simply not read here.
    /// </summary>
    public static ArgsManager MakeArgs()
    {
        var args = new ArgsManager();
        args.SetDefaultFlags(ArgFlags.AllowAny);
        WalletArgs.Register(args);
        ChainArgs.Register(args);
        LoggingInit.AddLoggingArgs(args);
        args.AddArg("-datadir=<dir>", "Use <dir> as the data directory", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        return args;
    }

    /// <summary>
    /// A wallet process with arguments of its own (<paramref name="args"/> made by <see cref="MakeArgs"/>, parsed and
    /// with the chain selected by the caller), as a process attaching to a running node with <c>-ipcconnect</c> has.
    /// Logging is started by the caller (<see cref="StartLogging"/>).
    /// </summary>
    public static WalletProcess FromArgs(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new WalletProcess(args);
    }

    /// <summary>
    /// A wallet process reading the node's arguments (Core reads <c>GlobalArgs</c> into gArgs and selects the chain),
    /// logging into the node's debug.log. Throws <see cref="ArgsException"/> when they name no valid chain.
    /// </summary>
    public static WalletProcess FromGlobalArgs(GlobalArgs globalArgs)
    {
        ArgumentNullException.ThrowIfNull(globalArgs);
        var args = MakeArgs();
        globalArgs.ApplyTo(args);
        var process = new WalletProcess(args);
        process.StartLogging(sharedWithNode: true);
        return process;
    }

    /// <summary>
    /// Starts logging with the node's options (file, categories, levels, timestamps, thread names), so wallet lines
    /// read as the node's. <paramref name="sharedWithNode"/>: the file is the node's debug.log, which is only appended
    /// to (opened O_APPEND by the logger), never shrunk here, and nothing goes to the console (the node has it).
    /// </summary>
    public void StartLogging(bool sharedWithNode)
    {
        if (_logging)
            return;
        var logger = Logger.Instance;
        Log.Sink = logger;
        LoggingInit.SetLoggingOptions(Args, logger);
        if (sharedWithNode)
            logger.PrintToConsole = false;
        // Bad levels or categories stopped the node's own start-up already; here they are only reported.
        if (LoggingInit.SetLoggingLevel(Args, logger) is { } levelError)
            Log.Warning(levelError);
        if (LoggingInit.SetLoggingCategories(Args, logger) is { } categoryError)
            Log.Warning(categoryError);
        if (!logger.StartLogging())
            Console.Error.Write($"Error: Could not open debug log file {logger.FilePath}\n");
        _logging = true;
    }

    /// <summary>A wallet loader working through <paramref name="chain"/> with this process's arguments.</summary>
    public IWalletLoader MakeWalletLoader(IChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return WalletInterfaces.MakeWalletLoader(chain, Args);
    }

    /// <summary>Flushes and closes the log (the loaders were stopped already).</summary>
    public void Shutdown()
    {
        if (!_logging)
            return;
        Log.Info("Wallet process exiting");
        Logger.Instance.Close();
        _logging = false;
    }
}
