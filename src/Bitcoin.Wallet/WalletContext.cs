using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

/// <summary>
/// The wallets of a process and how they are made, loaded and unloaded (Core's <c>WalletContext</c> with the
/// functions of wallet.cpp and load.cpp around it: CreateWallet, LoadWallet, RestoreWallet, RemoveWallet,
/// VerifyWallets, LoadWallets, UnloadWallets). It reaches the node only through <see cref="Chain"/>.
/// </summary>
public sealed partial class WalletContext
{
    // Names being loaded now, per context (Core keeps a process-wide set; one context per process makes them equal,
    // and a per-context set keeps contexts in one test process independent).
    private readonly Lock _loadingLock = new();
    private readonly HashSet<string> _loading = new(StringComparer.Ordinal);
    private readonly Lock _walletsLock = new();
    private readonly List<DescriptorWallet> _wallets = [];
    private readonly List<Action<DescriptorWallet>> _loadHandlers = [];

    /// <summary>Creates the context of a process whose node is <paramref name="chain"/>.</summary>
    public WalletContext(IChain chain, ArgsManager args)
    {
        Chain = chain ?? throw new ArgumentNullException(nameof(chain));
        Args = args ?? throw new ArgumentNullException(nameof(args));
        ChainInfo = WalletChainInfo.FromArgs(args);
    }

    /// <summary>The node.</summary>
    public IChain Chain { get; }

    /// <summary>The options.</summary>
    public ArgsManager Args { get; }

    /// <summary>Chain facts (network, application id).</summary>
    public WalletChainInfo ChainInfo { get; }

    /// <summary>The wallet directory.</summary>
    public string WalletDir => WalletPaths.GetWalletDir(Args);

    /// <summary>The loaded wallets, in load order.</summary>
    public IReadOnlyList<DescriptorWallet> GetWallets()
    {
        lock (_walletsLock) return _wallets.ToList();
    }

    /// <summary>The loaded wallet named <paramref name="name"/>, or null.</summary>
    public DescriptorWallet? GetWallet(string name)
    {
        lock (_walletsLock) return _wallets.FirstOrDefault(w => w.Name == name);
    }

    /// <summary>The only loaded wallet, or null when there are none or several (<paramref name="count"/> tells which).</summary>
    public DescriptorWallet? GetDefaultWallet(out int count)
    {
        lock (_walletsLock)
        {
            count = _wallets.Count;
            return count == 1 ? _wallets[0] : null;
        }
    }

    /// <summary>Registers for every wallet loaded from now on; dispose to stop (Core's HandleLoadWallet).</summary>
    public IDisposable HandleLoadWallet(Action<DescriptorWallet> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_walletsLock) _loadHandlers.Add(handler);
        return new Registration(() =>
        {
            lock (_walletsLock) _loadHandlers.Remove(handler);
        });
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }

    private void NotifyWalletLoaded(DescriptorWallet wallet)
    {
        List<Action<DescriptorWallet>> handlers;
        lock (_walletsLock) handlers = _loadHandlers.ToList();
        foreach (var handler in handlers)
        {
            try
            {
                handler(wallet);
            }
            catch (Exception e)
            {
                Log.Warning($"Wallet load handler failed: {e.Message}");
            }
        }
    }

    private bool AddWallet(DescriptorWallet wallet)
    {
        lock (_walletsLock)
        {
            if (_wallets.Contains(wallet)) return false;
            _wallets.Add(wallet);
        }

        wallet.RaiseCanGetAddressesChanged();
        return true;
    }

    /// <summary>The options every wallet is loaded with; null with Core's message for a bad value.</summary>
    internal WalletOptions? ReadOptions(List<BilingualString> warnings, out string error)
    {
        FeeRate? relayMinFee = null;
        try
        {
            relayMinFee = Chain.RelayMinFee();
        }
        catch (InvalidOperationException)
        {
            // The node is still starting: the -maxtxfee bound is checked against the relay fee once it can answer.
        }

        return WalletOptions.FromArgs(Args, relayMinFee, warnings, out error);
    }

    /// <summary>
    /// Opens the database of wallet <paramref name="name"/> (Core's MakeWalletDatabase / MakeDatabase): null with
    /// Core's message and the matching status when the path is bad, the wallet is missing, in another format,
    /// already exists (with <see cref="DatabaseOptions.RequireCreate"/>), cannot be opened or does not verify.
    /// </summary>
    internal SqliteWalletDatabase? MakeWalletDatabase(string name, DatabaseOptions options, out DatabaseStatus status, out string error)
    {
        var walletPath = WalletPaths.GetWalletPath(WalletDir, name, out error);
        if (walletPath is null)
        {
            status = DatabaseStatus.FailedBadPath;
            return null;
        }

        return WalletDatabaseFactory.MakeDatabase(walletPath, options, ChainInfo, out status, out error);
    }

    /// <summary>Database options from the arguments (Core's ReadDatabaseArgs: -unsafesqlitesync).</summary>
    internal DatabaseOptions ReadDatabaseArgs() => new() { UseUnsafeSync = Args.GetBoolArg("-unsafesqlitesync", false) };

    // ---- settings.json "wallet" list ----

    /// <summary>Adds the wallet to settings.json's load-on-startup list (Core's AddWalletSetting).</summary>
    public bool AddWalletSetting(string name) => Chain.UpdateRwSetting("wallet", new SettingUpdate(value =>
    {
        if (!value.IsArray) value = SettingsValue.EmptyArray;
        if (value.Items.Any(v => v.IsString && v.GetString() == name)) return (value, SettingsAction.SkipWrite);
        return (SettingsValue.Array([.. value.Items, SettingsValue.FromString(name)]), SettingsAction.Write);
    }));

    /// <summary>Removes the wallet from settings.json's load-on-startup list (Core's RemoveWalletSetting).</summary>
    public bool RemoveWalletSetting(string name) => Chain.UpdateRwSetting("wallet", new SettingUpdate(value =>
    {
        if (!value.IsArray)
        {
            // An empty list stops the unnamed default wallet being loaded at start-up for compatibility.
            if (name.Length == 0 && value.IsNull) return (SettingsValue.EmptyArray, SettingsAction.Write);
            return (value, SettingsAction.SkipWrite);
        }

        var kept = value.Items.Where(v => !v.IsString || v.GetString() != name).ToList();
        if (kept.Count == value.Items.Count) return (value, SettingsAction.SkipWrite);
        return (SettingsValue.Array(kept), SettingsAction.Write);
    }));

    private void UpdateWalletSetting(string name, bool? loadOnStartup, List<BilingualString> warnings)
    {
        if (loadOnStartup is null) return;
        if (loadOnStartup.Value && !AddWalletSetting(name))
            warnings.Add(BilingualString.Untranslated("Wallet load on startup setting could not be updated, so wallet may not be loaded next node startup."));
        else if (!loadOnStartup.Value && !RemoveWalletSetting(name))
            warnings.Add(BilingualString.Untranslated("Wallet load on startup setting could not be updated, so wallet may still be loaded next node startup."));
    }

    private sealed class SettingUpdate(Func<SettingsValue, (SettingsValue, SettingsAction?)> update) : ISettingsUpdateCallback
    {
        public SettingsAction? Call(ref SettingsValue value)
        {
            var (updated, action) = update(value);
            value = updated;
            return action;
        }
    }
}
