namespace Bitcoin.Interfaces;

/// <summary>
/// The wallet component as the node starts it, plus what the GUI needs to create and load wallets (Core's
/// <c>interfaces::WalletLoader</c>, the IPC <c>WalletLoader</c>, which extends <c>ChainClient</c>). Made with the
/// node's <see cref="IChain"/>; reaches the node only through it.
/// </summary>
public interface IWalletLoader : IChainClient
{
    /// <summary>
    /// Creates a descriptor wallet named <paramref name="name"/> in the wallet directory (encrypted when
    /// <paramref name="passphrase"/> is not empty) and loads it. <paramref name="walletCreationFlags"/> are Core's
    /// wallet flags (disable_private_keys 1&lt;&lt;32, blank 1&lt;&lt;33, descriptors 1&lt;&lt;34, avoid_reuse 1).
    /// Fails with Core's messages ("Wallet name cannot be empty", "Failed to create database path '...'. Database
    /// already exists.", ...).
    /// </summary>
    InterfaceResult<IWallet> CreateWallet(string name, string passphrase, ulong walletCreationFlags, out IReadOnlyList<BilingualString> warnings);

    /// <summary>Loads an existing wallet; fails with Core's messages ("Wallet file verification failed. ...", "Wallet \"x\" is already loaded.", ...).</summary>
    InterfaceResult<IWallet> LoadWallet(string name, out IReadOnlyList<BilingualString> warnings);

    /// <summary>The wallet directory (-walletdir, else &lt;datadir&gt;/wallets if it exists, else the datadir); "" if -walletdir is not a directory.</summary>
    string GetWalletDir();

    /// <summary>
    /// Copies <paramref name="backupFile"/> to &lt;walletdir&gt;/<paramref name="walletName"/>/wallet.dat (never over an
    /// existing wallet) and, if <paramref name="loadAfterRestore"/>, loads it; the copy is removed if loading fails.
    /// On success without loading the value is null.
    /// </summary>
    InterfaceResult<IWallet?> RestoreWallet(string backupFile, string walletName, out IReadOnlyList<BilingualString> warnings, bool loadAfterRestore);

    /// <summary>Migrates a legacy (BDB) wallet to descriptors; this node cannot read legacy wallets, so it fails with the reason.</summary>
    InterfaceResult<WalletMigrationResult> MigrateWallet(string name, string passphrase, bool loadWallet);

    /// <summary>True if the wallet <paramref name="walletName"/> (loaded or not) stores encryption keys.</summary>
    bool IsEncrypted(string walletName);

    /// <summary>The wallets found in the wallet directory, with their formats.</summary>
    IReadOnlyList<WalletDirEntry> ListWalletDir();

    /// <summary>The loaded wallets.</summary>
    IReadOnlyList<IWallet> GetWallets();

    /// <summary>Registers for every wallet loaded from now on (start-up, RPC, GUI).</summary>
    IHandler HandleLoadWallet(ILoadWalletCallback callback);
}
