using Bitcoin.Common.Args;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Interfaces.Internal;
using Bitcoin.Wallet.Rpc;
using Bitcoin.Wallet.Storage;

namespace Bitcoin.Wallet.Interfaces;

/// <summary>
/// The wallet as a chain client of the node (Core's wallet/interfaces.cpp WalletLoaderImpl): registers the wallet
/// RPCs through <see cref="IChain.HandleRpc"/>, verifies, loads, starts and unloads the wallets of -wallet and
/// settings.json, and creates, loads and restores wallets for a GUI. Disposing it unloads every wallet.
/// </summary>
internal sealed class WalletLoaderImpl : IWalletLoader
{
    private readonly List<IHandler> _rpcHandlers = [];
    private bool _stopped;

    public WalletLoaderImpl(IChain chain, ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(args);
        Context = new WalletContext(chain, args);
    }

    /// <summary>The wallets of this process (Core's WalletLoader::context()).</summary>
    public WalletContext Context { get; }

    /// <inheritdoc/>
    public void RegisterRpcs()
    {
        // Aliases share an id so help lists each command once; every wallet command is its own, so ids are positions.
        long uniqueId = 0;
        foreach (var (category, method) in WalletRpcCommands.GetCommands())
        {
            var argNames = method.GetArgNames().Select(a => new RpcArgName(a.Names, a.NamedOnly)).ToList();
            var command = new RpcCommandInfo(category, method.Name, new WalletRpcActor(Context, method), argNames, uniqueId++);
            _rpcHandlers.Add(Context.Chain.HandleRpc(command));
        }
    }

    /// <inheritdoc/>
    public bool Verify() => Context.VerifyWallets();

    /// <inheritdoc/>
    public bool Load() => Context.LoadWallets();

    /// <inheritdoc/>
    public void Start() => Context.StartWallets();

    /// <inheritdoc/>
    public void Stop()
    {
        _stopped = true;
        Context.UnloadWallets();
    }

    /// <inheritdoc/>
    public void SetMockTime(long time) => Context.SetMockTime(time);

    /// <inheritdoc/>
    public void SchedulerMockForward(long deltaSeconds) => Context.MockForward(deltaSeconds);

    /// <inheritdoc/>
    public InterfaceResult<IWallet> CreateWallet(string name, string passphrase, ulong walletCreationFlags, out IReadOnlyList<BilingualString> warnings)
    {
        var list = new List<BilingualString>();
        warnings = list;
        var wallet = Context.CreateWallet(name, loadOnStartup: true, walletCreationFlags, passphrase, out _, out var error, list);
        return wallet is null ? InterfaceResult<IWallet>.Failure(error) : InterfaceResult<IWallet>.Success(MakeWallet(wallet));
    }

    /// <inheritdoc/>
    public InterfaceResult<IWallet> LoadWallet(string name, out IReadOnlyList<BilingualString> warnings)
    {
        var list = new List<BilingualString>();
        warnings = list;
        var wallet = Context.LoadWallet(name, loadOnStartup: true, out _, out var error, list);
        return wallet is null ? InterfaceResult<IWallet>.Failure(error) : InterfaceResult<IWallet>.Success(MakeWallet(wallet));
    }

    /// <inheritdoc/>
    public string GetWalletDir() => Context.WalletDir;

    /// <inheritdoc/>
    public InterfaceResult<IWallet?> RestoreWallet(string backupFile, string walletName, out IReadOnlyList<BilingualString> warnings, bool loadAfterRestore)
    {
        var list = new List<BilingualString>();
        warnings = list;
        var wallet = Context.RestoreWallet(backupFile, walletName, loadOnStartup: true, out _, out var error, list, loadAfterRestore);
        // Without loading, success is an empty error and no wallet.
        if (error.Length > 0) return InterfaceResult<IWallet?>.Failure(error);
        return InterfaceResult<IWallet?>.Success(wallet is null ? null : MakeWallet(wallet));
    }

    /// <inheritdoc/>
    public InterfaceResult<WalletMigrationResult> MigrateWallet(string name, string passphrase, bool loadWallet) =>
        InterfaceResult<WalletMigrationResult>.Failure(Context.MigrationError(name));

    /// <inheritdoc/>
    public bool IsEncrypted(string walletName) => Context.IsEncrypted(walletName);

    /// <inheritdoc/>
    public IReadOnlyList<WalletDirEntry> ListWalletDir() =>
        [.. WalletPaths.ListDatabases(Context.WalletDir, Context.ChainInfo.MessageStart).Select(d => new WalletDirEntry(d.Name, d.Format))];

    /// <inheritdoc/>
    public IReadOnlyList<IWallet> GetWallets() => [.. Context.GetWallets().Select(MakeWallet)];

    /// <inheritdoc/>
    public IHandler HandleLoadWallet(ILoadWalletCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var registration = Context.HandleLoadWallet(wallet => callback.Call(MakeWallet(wallet)));
        return new ActionHandler(registration.Dispose);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Core's destructor stops the loader (a second stop finds no wallets); the RPC commands leave the node's table.
        if (!_stopped) Stop();
        foreach (var handler in _rpcHandlers) handler.Disconnect();
        _rpcHandlers.Clear();
    }

    private IWallet MakeWallet(DescriptorWallet wallet) => new WalletImpl(Context, wallet);
}
