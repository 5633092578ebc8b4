using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;

namespace Apps.bitcoin_node;

/// <summary>
/// bitcoin-node's wallet loader (Core's <c>BitcoinNodeInit::makeWalletLoader</c>): spawns bitcoin-wallet, hands it
/// the node's chain and arguments, and stands for the loader it made as the node's chain client. The node drives it
/// through the usual steps (register RPCs, verify, load, start, stop), which cross to the wallet process.
/// <para>If the wallet process dies, the node goes on; wallet RPCs answer <see cref="WalletRpcCommand.DisconnectedMessage"/>
/// while a new process is spawned, given the same steps again and the names of the wallets that were loaded, so it
/// reloads them and catches up with the chain through the chain interface.</para>
/// </summary>
internal sealed partial class WalletProcessLoader : IWalletLoader
{
    private static readonly HashSet<string> s_walletSetChanges = new(StringComparer.Ordinal)
    {
        "createwallet", "loadwallet", "unloadwallet", "restorewallet", "migratewallet",
    };

    private readonly Lock _lock = new();
    private readonly ArgsManager _args;
    private readonly WalletRpcCommands _rpcCommands;
    private readonly WalletProcessChain _chain;
    private WalletChild? _child;
    private IReadOnlyList<string> _loadedWallets = [];
    private bool _rpcsRegistered;
    private bool _loaded;
    private bool _started;
    private long? _mockTime;
    private bool _stopping;
    private Thread? _respawnThread;
    private readonly ManualResetEventSlim _stopSignal = new();

    /// <summary>Spawns the first wallet process (failing start-up if it cannot be started).</summary>
    public WalletProcessLoader(IChain nodeChain, ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(nodeChain);
        ArgumentNullException.ThrowIfNull(args);
        _args = args;
        _rpcCommands = new WalletRpcCommands(nodeChain) { CommandCompleted = OnCommandCompleted };
        _chain = new WalletProcessChain(nodeChain, _rpcCommands);
        Attach(WalletChild.Spawn(_chain, Bitcoin.Interfaces.GlobalArgs.From(args)));
    }

    /// <summary>The wallet process now connected, or null while it is being replaced.</summary>
    public int? WalletProcessId
    {
        get
        {
            lock (_lock)
                return _child?.Process.Pid;
        }
    }

    /// <inheritdoc/>
    public void RegisterRpcs()
    {
        _rpcsRegistered = true;
        Current().Loader.RegisterRpcs();
    }

    /// <inheritdoc/>
    public bool Verify() => Current().Loader.Verify();

    /// <inheritdoc/>
    public bool Load()
    {
        if (!Current().Loader.Load())
            return false;
        _loaded = true;
        RememberLoadedWallets();
        return true;
    }

    /// <inheritdoc/>
    public void Start()
    {
        _started = true;
        Current().Loader.Start();
    }

    /// <summary>Stops the wallet process's wallets (flushing them); no new process is spawned after this.</summary>
    public void Stop()
    {
        WalletChild? child;
        lock (_lock)
        {
            _stopping = true;
            child = _child;
        }

        _stopSignal.Set();
        try
        {
            child?.Loader.Stop();
        }
        catch (Capnp.Rpc.RpcException e)
        {
            // The process died as the node was stopping: its wallets are as it left them (each write is a transaction).
            Log.Warning($"Wallet process {WalletChild.ExeName} did not stop cleanly: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void SetMockTime(long time)
    {
        _mockTime = time;
        _child?.Loader.SetMockTime(time);
    }

    /// <inheritdoc/>
    public void SchedulerMockForward(long deltaSeconds) => Current().Loader.SchedulerMockForward(deltaSeconds);

    /// <summary>Releases the wallet process (it exits and is reaped), then removes the wallet commands from the node.</summary>
    public void Dispose()
    {
        WalletChild? child;
        Thread? respawn;
        lock (_lock)
        {
            _stopping = true;
            child = _child;
            _child = null;
            respawn = _respawnThread;
        }

        _stopSignal.Set();
        respawn?.Join();
        child?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rpcCommands.Dispose();
        _stopSignal.Dispose();
    }

    private WalletChild Current()
    {
        lock (_lock)
            return _child ?? throw new InvalidOperationException(WalletRpcCommand.DisconnectedMessage);
    }

    private void OnCommandCompleted(string method)
    {
        if (s_walletSetChanges.Contains(method))
            RememberLoadedWallets();
    }

    /// <summary>Notes the names of the loaded wallets, to reload them in a new process if this one dies.</summary>
    private void RememberLoadedWallets()
    {
        var child = _child;
        if (child is null)
            return;
        try
        {
            var names = new List<string>();
            foreach (var wallet in child.Loader.GetWallets())
            {
                using (wallet as IDisposable)
                    names.Add(wallet.GetWalletName());
            }

            lock (_lock)
            {
                if (_child == child)
                    _loadedWallets = names;
            }
        }
        catch (Capnp.Rpc.RpcException)
        {
            // The process went away meanwhile; the names noted before stand.
        }
    }
}
