using Bitcoin.Interfaces;
using Bitcoin.Wallet.Storage;

namespace Bitcoin.Wallet;

public sealed partial class WalletContext
{
    /// <summary>
    /// Loads an existing wallet (Core's LoadWallet): "Wallet already loading." if another load of the name runs, else
    /// "Wallet file verification failed. ..." or "Wallet loading failed. ..." with the reason. With
    /// <paramref name="loadOnStartup"/> the settings.json list is updated.
    /// </summary>
    public DescriptorWallet? LoadWallet(string name, bool? loadOnStartup, out DatabaseStatus status, out string error, List<BilingualString> warnings)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(warnings);
        lock (_loadingLock)
        {
            if (!_loading.Add(name))
            {
                error = "Wallet already loading.";
                status = DatabaseStatus.FailedLoad;
                return null;
            }
        }

        try
        {
            var options = ReadDatabaseArgs() with { RequireExisting = true };
            var database = MakeWalletDatabase(name, options, out status, out error);
            if (database is null)
            {
                error = "Wallet file verification failed. " + error;
                return null;
            }

            Chain.InitMessage("Loading wallet…");
            var walletOptions = ReadOptions(warnings, out error);
            DescriptorWallet? wallet = walletOptions is null
                ? null
                : DescriptorWallet.LoadExisting(name, database, Chain, ChainInfo, walletOptions, out error, warnings);
            if (wallet is null)
            {
                database.Dispose();
                error = "Wallet loading failed. " + error;
                status = DatabaseStatus.FailedLoad;
                return null;
            }

            NotifyWalletLoaded(wallet);
            AddWallet(wallet);
            wallet.PostInitProcess();
            UpdateWalletSetting(name, loadOnStartup, warnings);
            return wallet;
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
            status = DatabaseStatus.FailedLoad;
            return null;
        }
        finally
        {
            lock (_loadingLock) _loading.Remove(name);
        }
    }

    /// <summary>
    /// Creates a descriptor wallet (Core's CreateWallet): refuses an empty name, a passphrase with private keys
    /// disabled, an existing database; encrypts it when <paramref name="passphrase"/> is not empty.
    /// </summary>
    public DescriptorWallet? CreateWallet(string name, bool? loadOnStartup, ulong creationFlags, string passphrase, out DatabaseStatus status, out string error,
        List<BilingualString> warnings)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(warnings);
        if (name.Length == 0)
        {
            error = "Wallet name cannot be empty";
            status = DatabaseStatus.FailedNewUnnamed;
            return null;
        }

        bool bornEncrypted = passphrase.Length > 0;
        creationFlags |= (ulong)WalletFlags.Descriptors;
        if ((creationFlags & (ulong)WalletFlags.ExternalSigner) != 0 && (creationFlags & (ulong)WalletFlags.DisablePrivateKeys) == 0)
        {
            error = "Private keys must be disabled when using an external signer";
            status = DatabaseStatus.FailedCreate;
            return null;
        }

        if (bornEncrypted && (creationFlags & (ulong)WalletFlags.DisablePrivateKeys) != 0)
        {
            error = "Passphrase provided but private keys are disabled. A passphrase is only used to encrypt private keys, so cannot be used for wallets with private keys disabled.";
            status = DatabaseStatus.FailedCreate;
            return null;
        }

        if ((creationFlags & (ulong)WalletFlags.ExternalSigner) != 0)
        {
            error = "Compiled without external signing support (required for external signing)";
            status = DatabaseStatus.FailedCreate;
            return null;
        }

        var options = ReadDatabaseArgs() with { RequireCreate = true };
        var database = MakeWalletDatabase(name, options, out status, out error);
        if (database is null)
        {
            error = "Wallet file verification failed. " + error;
            status = DatabaseStatus.FailedVerify;
            return null;
        }

        Chain.InitMessage("Creating wallet…");
        var walletOptions = ReadOptions(warnings, out error);
        DescriptorWallet? wallet;
        try
        {
            wallet = walletOptions is null
                ? null
                : DescriptorWallet.CreateNew(name, database, Chain, ChainInfo, walletOptions, creationFlags, bornEncrypted, out error, warnings);
        }
        catch (InvalidOperationException e)
        {
            wallet = null;
            error = e.Message;
        }

        if (wallet is null)
        {
            database.Dispose();
            error = "Wallet creation failed. " + error;
            status = DatabaseStatus.FailedCreate;
            return null;
        }

        if (bornEncrypted && !wallet.EncryptWallet(passphrase))
        {
            wallet.DisconnectChainNotifications();
            database.Dispose();
            error = "Error: Wallet created but failed to encrypt.";
            status = DatabaseStatus.FailedEncrypt;
            return null;
        }

        wallet.LogStats();
        NotifyWalletLoaded(wallet);
        AddWallet(wallet);
        wallet.PostInitProcess();
        UpdateWalletSetting(name, loadOnStartup, warnings);
        status = DatabaseStatus.Success;
        return wallet;
    }

    /// <summary>
    /// Restores a backup as wallet <paramref name="name"/> (Core's RestoreWallet): copies it to
    /// &lt;walletdir&gt;/name/wallet.dat, never over an existing wallet, and loads it; the copy (and a directory made
    /// for it) is removed if loading fails.
    /// </summary>
    public DescriptorWallet? RestoreWallet(string backupFile, string name, bool? loadOnStartup, out DatabaseStatus status, out string error,
        List<BilingualString> warnings, bool loadAfterRestore = true)
    {
        status = DatabaseStatus.Success;
        error = "";
        if (name.Length == 0)
        {
            error = "Wallet name cannot be empty";
            status = DatabaseStatus.FailedNewUnnamed;
            return null;
        }

        var walletPath = Path.IsPathRooted(name) ? name : Path.Combine(WalletDir, name);
        var walletFile = WalletPaths.DataFile(walletPath);
        bool copied = false, createdDirectory = false;
        DescriptorWallet? wallet = null;
        try
        {
            if (!File.Exists(backupFile))
            {
                error = "Backup file does not exist";
                status = DatabaseStatus.FailedInvalidBackupFile;
                return null;
            }

            if (File.Exists(walletPath))
            {
                error = $"Failed to restore wallet. Database file exists '{walletPath}'.";
                status = DatabaseStatus.FailedAlreadyExists;
                return null;
            }

            if (Directory.Exists(walletPath))
            {
                if (File.Exists(walletFile))
                {
                    error = $"Failed to restore wallet. Database file exists in '{walletFile}'.";
                    status = DatabaseStatus.FailedAlreadyExists;
                    return null;
                }
            }
            else
            {
                Directory.CreateDirectory(walletPath);
                createdDirectory = true;
            }

            File.Copy(backupFile, walletFile, overwrite: false);
            copied = true;
            if (loadAfterRestore) wallet = LoadWallet(name, loadOnStartup, out status, out error, warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (error.Length > 0) error += "\n";
            error += $"Unexpected exception: {e.Message}";
            status = DatabaseStatus.FailedLoad;
        }

        if (loadAfterRestore && wallet is null)
        {
            try
            {
                if (copied) File.Delete(walletFile);
                if (createdDirectory && Directory.Exists(walletPath) && !Directory.EnumerateFileSystemEntries(walletPath).Any())
                    Directory.Delete(walletPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Common.Logging.Log.Warning($"Could not remove the restored wallet file after a failed load: {e.Message}");
            }
        }

        return wallet;
    }

    /// <summary>
    /// Unloads a wallet (Core's RemoveWallet): saves its locator, stops its notifications, removes it from the list,
    /// tells its unload subscribers and updates settings.json when <paramref name="loadOnStartup"/> is given. The file
    /// is closed once no call uses it (<see cref="WaitForDeleteWallet"/>).
    /// </summary>
    public bool RemoveWallet(DescriptorWallet wallet, bool? loadOnStartup, List<BilingualString> warnings)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        // Both steps call the chain. In a wallet process whose node has gone away they fail; the wallet is still
        // removed and closed (its last locator written while processing blocks stays), so unloading never stops half-way.
        TryWithChain(wallet, "save its best block", wallet.WriteBestBlock);
        TryWithChain(wallet, "disconnect its chain notifications", wallet.DisconnectChainNotifications);
        lock (_walletsLock)
        {
            if (!_wallets.Remove(wallet)) return false;
        }

        wallet.RaiseUnloaded();
        UpdateWalletSetting(wallet.Name, loadOnStartup, warnings);
        return true;
    }

    private static void TryWithChain(DescriptorWallet wallet, string step, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // The exception type is the transport's (the chain is a proxy when the node is another process).
            Common.Logging.Log.Warning($"Unloading wallet \"{wallet.Name}\": could not {step}, the chain is unavailable: {e.Message}");
        }
    }

    /// <summary>Waits until no call uses the removed wallet, then closes its file (Core's WaitForDeleteWallet).</summary>
    public static void WaitForDeleteWallet(DescriptorWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        wallet.WaitForReleaseAndClose();
    }

    /// <summary>
    /// Checks -walletdir and every wallet to load before loading (Core's VerifyWallets); false after reporting an
    /// error through <see cref="IChain.InitError"/>.
    /// </summary>
    public bool VerifyWallets()
    {
        if (Args.IsArgSet("-walletdir"))
        {
            var walletDir = Args.GetPathArg("-walletdir");
            if (!Directory.Exists(walletDir) && !File.Exists(walletDir))
            {
                Chain.InitError(BilingualString.Untranslated($"Specified -walletdir \"{walletDir}\" does not exist"));
                return false;
            }

            if (!Directory.Exists(walletDir))
            {
                Chain.InitError(BilingualString.Untranslated($"Specified -walletdir \"{walletDir}\" is not a directory"));
                return false;
            }

            if (!Path.IsPathRooted(Args.GetArg("-walletdir", "")))
            {
                Chain.InitError(BilingualString.Untranslated($"Specified -walletdir \"{walletDir}\" is a relative path"));
                return false;
            }

            Args.ForceSetArg("-walletdir", Path.GetFullPath(walletDir).TrimEnd('/'));
        }

        Common.Logging.Log.Info($"Using wallet directory {WalletDir}");
        Common.Logging.Log.Info($"Using SQLite Version {SqliteWalletDatabase.SqliteVersion}");
        Chain.InitMessage("Verifying wallet(s)…");

        // An unnamed top-level wallet is loaded by default, for compatibility, unless -wallet says otherwise.
        if (!Args.IsArgSet("-wallet"))
        {
            var probe = ReadDatabaseArgs() with { RequireExisting = true, Verify = false };
            if (MakeWalletDatabase("", probe, out _, out _) is { } found)
            {
                found.Dispose();
                Chain.OverwriteRwSetting("wallet", Common.Settings.SettingsValue.Array(Common.Settings.SettingsValue.FromString("")), SettingsAction.SkipWrite);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in Chain.GetSettingsList("wallet"))
        {
            if (!setting.IsString)
            {
                Chain.InitError(BilingualString.Untranslated("Invalid value detected for '-wallet' or '-nowallet'. '-wallet' requires a string value, while '-nowallet' accepts only '1' to disable all wallets"));
                return false;
            }

            var name = setting.GetString();
            var path = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(WalletDir, name));
            if (!seen.Add(path))
            {
                Chain.InitWarning(BilingualString.Untranslated($"Ignoring duplicate -wallet {name}."));
                continue;
            }

            var options = ReadDatabaseArgs() with { RequireExisting = true, Verify = true };
            var database = MakeWalletDatabase(name, options, out var status, out var error);
            if (database is not null)
            {
                database.Dispose();
                continue;
            }

            if (status == DatabaseStatus.FailedNotFound)
            {
                Chain.InitWarning(BilingualString.Untranslated($"Skipping -wallet path that doesn't exist. {error}"));
            }
            else if (status != DatabaseStatus.FailedLegacyDisabled)
            {
                Chain.InitError(BilingualString.Untranslated(error));
                return false;
            }
        }

        return true;
    }

    /// <summary>Loads the wallets named by -wallet and settings.json (Core's LoadWallets); false after reporting an error.</summary>
    public bool LoadWallets()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in Chain.GetSettingsList("wallet"))
        {
            if (!setting.IsString)
            {
                Chain.InitError(BilingualString.Untranslated("Invalid value detected for '-wallet' or '-nowallet'. '-wallet' requires a string value, while '-nowallet' accepts only '1' to disable all wallets"));
                return false;
            }

            var name = setting.GetString();
            if (!seen.Add(name)) continue;
            var options = ReadDatabaseArgs() with { RequireExisting = true, Verify = false };
            var database = MakeWalletDatabase(name, options, out var status, out var error);
            if (database is null)
            {
                if (status == DatabaseStatus.FailedNotFound) continue;
                if (status == DatabaseStatus.FailedLegacyDisabled)
                {
                    Chain.InitWarning(BilingualString.Untranslated(error));
                    continue;
                }

                Chain.InitError(BilingualString.Untranslated(error));
                return false;
            }

            Chain.InitMessage("Loading wallet…");
            var warnings = new List<BilingualString>();
            var walletOptions = ReadOptions(warnings, out error);
            DescriptorWallet? wallet = null;
            try
            {
                if (walletOptions is not null)
                    wallet = DescriptorWallet.LoadExisting(name, database, Chain, ChainInfo, walletOptions, out error, warnings);
            }
            catch (InvalidOperationException e)
            {
                error = e.Message;
            }

            if (warnings.Count > 0)
                Chain.InitWarning(BilingualString.Untranslated(string.Join("\n", warnings.Select(w => w.Original))));
            if (wallet is null)
            {
                database.Dispose();
                Chain.InitError(BilingualString.Untranslated(error));
                return false;
            }

            NotifyWalletLoaded(wallet);
            AddWallet(wallet);
        }

        return true;
    }

    /// <summary>Finishes start-up: resubmits unconfirmed transactions and learns the mempool (Core's StartWallets), and starts periodic rebroadcast.</summary>
    public void StartWallets()
    {
        foreach (var wallet in GetWallets()) wallet.PostInitProcess();
        StartResendTimer();
    }

    /// <summary>
    /// Why wallet <paramref name="name"/> cannot be migrated to descriptors (Core's MigrateLegacyToDescriptor): a
    /// loaded or SQLite wallet is already a descriptor wallet, and this node reads no Berkeley DB (legacy) wallets, so
    /// migration always fails with one of those messages or the reason the file could not be opened.
    /// </summary>
    public string MigrationError(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        const string alreadyDescriptor = "Error: This wallet is already a descriptor wallet";
        if (GetWallet(name) is not null) return alreadyDescriptor;
        var database = MakeWalletDatabase(name, ReadDatabaseArgs() with { RequireExisting = true, Verify = false }, out var status, out var error);
        if (database is not null)
        {
            database.Dispose();
            return alreadyDescriptor;
        }

        return status == DatabaseStatus.FailedLegacyDisabled
            ? "Error: This node cannot read legacy (Berkeley DB) wallets; migrate the wallet with Bitcoin Core"
            : error;
    }

    /// <summary>
    /// True if wallet <paramref name="name"/> is encrypted: a loaded wallet by its keys, otherwise by the file's master
    /// key records; false for wallets that cannot be opened (Core's WalletLoader::isEncrypted).
    /// </summary>
    public bool IsEncrypted(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (GetWallet(name) is { } loaded) return loaded.HasEncryptionKeys();
        using var database = MakeWalletDatabase(name, ReadDatabaseArgs() with { RequireExisting = true, Verify = false }, out _, out _);
        return database is not null && new WalletBatch(database).IsEncrypted();
    }

    /// <summary>Unloads every wallet, last first, and closes their files (Core's UnloadWallets).</summary>
    public void UnloadWallets()
    {
        StopResendTimer();
        var wallets = GetWallets().ToList();
        while (wallets.Count > 0)
        {
            var wallet = wallets[^1];
            wallets.RemoveAt(wallets.Count - 1);
            RemoveWallet(wallet, loadOnStartup: null, []);
            WaitForDeleteWallet(wallet);
        }
    }
}
