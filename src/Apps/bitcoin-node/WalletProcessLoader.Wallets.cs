using Bitcoin.Interfaces;

namespace Apps.bitcoin_node;

// What a GUI asks of the wallet loader: answered by the wallet process now connected; while it is being replaced
// these throw InvalidOperationException with WalletRpcCommand.DisconnectedMessage.
internal sealed partial class WalletProcessLoader
{
    /// <inheritdoc/>
    public InterfaceResult<IWallet> CreateWallet(string name, string passphrase, ulong walletCreationFlags, out IReadOnlyList<BilingualString> warnings)
    {
        var result = Current().Loader.CreateWallet(name, passphrase, walletCreationFlags, out warnings);
        RememberLoadedWallets();
        return result;
    }

    /// <inheritdoc/>
    public InterfaceResult<IWallet> LoadWallet(string name, out IReadOnlyList<BilingualString> warnings)
    {
        var result = Current().Loader.LoadWallet(name, out warnings);
        RememberLoadedWallets();
        return result;
    }

    /// <inheritdoc/>
    public string GetWalletDir() => Current().Loader.GetWalletDir();

    /// <inheritdoc/>
    public InterfaceResult<IWallet?> RestoreWallet(string backupFile, string walletName, out IReadOnlyList<BilingualString> warnings, bool loadAfterRestore)
    {
        var result = Current().Loader.RestoreWallet(backupFile, walletName, out warnings, loadAfterRestore);
        RememberLoadedWallets();
        return result;
    }

    /// <inheritdoc/>
    public InterfaceResult<WalletMigrationResult> MigrateWallet(string name, string passphrase, bool loadWallet) =>
        Current().Loader.MigrateWallet(name, passphrase, loadWallet);

    /// <inheritdoc/>
    public bool IsEncrypted(string walletName) => Current().Loader.IsEncrypted(walletName);

    /// <inheritdoc/>
    public IReadOnlyList<WalletDirEntry> ListWalletDir() => Current().Loader.ListWalletDir();

    /// <inheritdoc/>
    public IReadOnlyList<IWallet> GetWallets() => Current().Loader.GetWallets();

    /// <inheritdoc/>
    public IHandler HandleLoadWallet(ILoadWalletCallback callback) => Current().Loader.HandleLoadWallet(callback);
}
