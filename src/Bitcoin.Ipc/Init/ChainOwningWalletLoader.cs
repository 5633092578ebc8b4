using Bitcoin.Interfaces;
using Capnp.Rpc;
using Multiprocess;

namespace Bitcoin.Ipc;

/// <summary>
/// A wallet loader served to the process that made it over IPC, holding that process's chain proxy: disposing it
/// disposes the loader first (which stops and flushes the wallets, still able to reach the chain if the peer is
/// there) and then releases the chain. When the peer has gone, the loader's last calls to the chain fail; the
/// wallets are still unloaded and flushed, and the failure is logged rather than thrown into the connection's
/// teardown.
/// </summary>
internal sealed class ChainOwningWalletLoader(IWalletLoader inner, IChain chain) : IWalletLoader
{
    private int _disposed;

    /// <inheritdoc/>
    public void RegisterRpcs() => inner.RegisterRpcs();

    /// <inheritdoc/>
    public bool Verify() => inner.Verify();

    /// <inheritdoc/>
    public bool Load() => inner.Load();

    /// <inheritdoc/>
    public void Start() => inner.Start();

    /// <inheritdoc/>
    public void Stop() => inner.Stop();

    /// <inheritdoc/>
    public void SetMockTime(long time) => inner.SetMockTime(time);

    /// <inheritdoc/>
    public void SchedulerMockForward(long deltaSeconds) => inner.SchedulerMockForward(deltaSeconds);

    /// <inheritdoc/>
    public InterfaceResult<IWallet> CreateWallet(string name, string passphrase, ulong walletCreationFlags, out IReadOnlyList<BilingualString> warnings) =>
        inner.CreateWallet(name, passphrase, walletCreationFlags, out warnings);

    /// <inheritdoc/>
    public InterfaceResult<IWallet> LoadWallet(string name, out IReadOnlyList<BilingualString> warnings) => inner.LoadWallet(name, out warnings);

    /// <inheritdoc/>
    public string GetWalletDir() => inner.GetWalletDir();

    /// <inheritdoc/>
    public InterfaceResult<IWallet?> RestoreWallet(string backupFile, string walletName, out IReadOnlyList<BilingualString> warnings, bool loadAfterRestore) =>
        inner.RestoreWallet(backupFile, walletName, out warnings, loadAfterRestore);

    /// <inheritdoc/>
    public InterfaceResult<WalletMigrationResult> MigrateWallet(string name, string passphrase, bool loadWallet) =>
        inner.MigrateWallet(name, passphrase, loadWallet);

    /// <inheritdoc/>
    public bool IsEncrypted(string walletName) => inner.IsEncrypted(walletName);

    /// <inheritdoc/>
    public IReadOnlyList<WalletDirEntry> ListWalletDir() => inner.ListWalletDir();

    /// <inheritdoc/>
    public IReadOnlyList<IWallet> GetWallets() => inner.GetWallets();

    /// <inheritdoc/>
    public IHandler HandleLoadWallet(ILoadWalletCallback callback) => inner.HandleLoadWallet(callback);

    /// <summary>Disposes the loader, then releases the chain; once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            inner.Dispose();
        }
        catch (RpcException e)
        {
            // The node went away while the wallets were stopping: what could be flushed locally was.
            Common.Logging.Log.Warning($"Wallet loader stopped without the node: {e.Message}");
        }
        finally
        {
            (chain as IDisposable)?.Dispose();
        }
    }
}
