using System.Diagnostics;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    private IHandler? _notificationsHandler;
    private int _users;
    private readonly ManualResetEventSlim _released = new(true);

    /// <summary>
    /// Makes a new wallet in <paramref name="database"/> (Core's CWallet::CreateNew): version and flags records, keys
    /// unless blank, watch-only or <paramref name="bornEncrypted"/> (keys are made after encryption then), the chain
    /// tip as its best block, then attached to the chain. Null with Core's message on failure.
    /// </summary>
    internal static DescriptorWallet? CreateNew(string name, SqliteWalletDatabase database, IChain? chain, WalletChainInfo chainInfo,
        WalletOptions options, ulong creationFlags, bool bornEncrypted, out string error, List<BilingualString> warnings)
    {
        error = "";
        var start = Stopwatch.GetTimestamp();
        var wallet = new DescriptorWallet(name, database, chain, chainInfo, options);
        if (!new WalletBatch(database).WriteVersion(ClientVersion))
        {
            error = $"Error creating {database.Filename}: Could not write version metadata.";
            return null;
        }

        lock (wallet._lock)
        {
            wallet.InitWalletFlags(creationFlags | (ulong)WalletFlags.LastHardenedXpubCached);
            if (!bornEncrypted) wallet.SetupWalletGeneration();
            if (chain?.GetHeight() is { } tipHeight)
                wallet.SetLastBlockProcessed(tipHeight, chain.GetBlockHash(tipHeight));
        }

        wallet.LogPrint($"Wallet completed creation in {(long)Stopwatch.GetElapsedTime(start).TotalMilliseconds,15}ms");
        wallet.TopUpKeyPool();
        if (chain is not null && !AttachChain(wallet, chain, rescanRequired: false, out error, warnings))
        {
            wallet.DisconnectChainNotifications();
            return null;
        }

        return wallet;
    }

    /// <summary>
    /// Loads a wallet from <paramref name="database"/> (Core's CWallet::LoadExisting): reads every record, tops up the
    /// key pool and attaches to the chain (rescanning what it missed). Null with Core's message on failure; the file
    /// is left untouched when it is damaged.
    /// </summary>
    internal static DescriptorWallet? LoadExisting(string name, SqliteWalletDatabase database, IChain? chain, WalletChainInfo chainInfo,
        WalletOptions options, out string error, List<BilingualString> warnings)
    {
        error = "";
        var start = Stopwatch.GetTimestamp();
        var wallet = new DescriptorWallet(name, database, chain, chainInfo, options);
        var loadResult = wallet.PopulateWalletFromDb(out error, warnings);
        bool rescanRequired = loadResult == DbErrors.NeedRescan;
        if (loadResult is not (DbErrors.LoadOk or DbErrors.NonCriticalError or DbErrors.NeedRescan))
            return null;

        if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys) && wallet.GetActiveScriptPubKeyMans().Any(s => s.HavePrivateKeys))
            warnings.Add(BilingualString.Untranslated($"Warning: Private keys detected in wallet {{{database.Filename}}} with disabled private keys"));

        wallet.LogPrint($"Wallet completed loading in {(long)Stopwatch.GetElapsedTime(start).TotalMilliseconds,15}ms");
        wallet.TopUpKeyPool();
        if (chain is not null && !AttachChain(wallet, chain, rescanRequired, out error, warnings))
        {
            wallet.DisconnectChainNotifications();
            return null;
        }

        wallet.LogStats();
        return wallet;
    }

    internal void LogStats()
    {
        lock (_lock)
        {
            LogPrint($"setKeyPool.size() = {GetKeyPoolSize()}");
            LogPrint($"mapWallet.size() = {_transactions.Count}");
            LogPrint($"m_address_book.size() = {_addressBook.Count}");
        }
    }

    /// <summary>
    /// Connects the wallet to the chain (Core's AttachChain): refuses a wallet of another chain (unless
    /// -walletcrosschain), subscribes to notifications first (so nothing is missed), then rescans from the fork
    /// point of its saved locator — or from its birth time — to the tip, saving progress as it goes.
    /// </summary>
    internal static bool AttachChain(DescriptorWallet wallet, IChain chain, bool rescanRequired, out string error, List<BilingualString> warnings)
    {
        error = "";
        lock (wallet._lock)
        {
            wallet.Chain = chain;
            var batch = new WalletBatch(wallet.Database);
            if (!wallet.Options.CrossChain)
            {
                var saved = batch.ReadBestBlock();
                if (saved is { Blocks.Count: > 0 } && chain.GetHeight() is not null && chain.GetBlockHash(0) != saved.Blocks[^1])
                {
                    error = "Wallet files should not be reused across chains. Restart bitcoind with -walletcrosschain to override.";
                    return false;
                }
            }

            // Subscribe before rescanning: blocks connected meanwhile queue up behind this lock and are processed after.
            wallet._notificationsHandler = chain.HandleNotifications(wallet);
            int rescanHeight = 0;
            if (!rescanRequired && batch.ReadBestBlock() is { } locator && chain.FindLocatorFork(locator) is { } fork)
                rescanHeight = fork;

            var tipHeight = chain.GetHeight();
            if (tipHeight is { } h) wallet.SetLastBlockProcessedInMem(h, chain.GetBlockHash(h));
            else wallet.SetLastBlockProcessedInMem(-1, uint256.Zero);

            if (tipHeight is { } tip && tip != rescanHeight)
            {
                // Blocks older than the wallet's birth (less the timestamp window) cannot hold its transactions; when no
                // block is recent enough (a blank wallet's birth is unknown) there is nothing to scan.
                long birth = wallet.BirthTime;
                rescanHeight = chain.FindFirstBlockWithTimeAndHeight(birth - TimestampWindow, rescanHeight, new FoundBlockRequest { WantHeight = true }, out var first)
                    ? first.Height
                    : tip;

                if (chain.HavePruned() || chain.HasAssumedValidChain())
                {
                    int blockHeight = tip;
                    while (blockHeight > 0 && chain.HaveBlockOnDisk(blockHeight - 1) && rescanHeight != blockHeight) --blockHeight;
                    if (rescanHeight != blockHeight)
                    {
                        error = chain.HavePruned()
                            ? "Prune: last wallet synchronisation goes beyond pruned data. You need to -reindex (download the whole blockchain again in case of a pruned node)"
                            : "Error loading wallet. Wallet requires blocks to be downloaded, and software does not currently support loading wallets while blocks are being downloaded out of order when using assumeutxo snapshots. Wallet should be able to load successfully after node sync reaches height " + blockHeight;
                        return false;
                    }
                }

                if (tip != rescanHeight)
                {
                    chain.InitMessage("Rescanning…");
                    wallet.LogPrint($"Rescanning last {tip - rescanHeight} blocks (from block {rescanHeight})...");
                    using var reservation = wallet.ReserveRescan();
                    if (reservation is null)
                    {
                        error = "Failed to acquire rescan reserver during wallet initialization";
                        return false;
                    }

                    var result = wallet.ScanForWalletTransactions(chain.GetBlockHash(rescanHeight), rescanHeight, null, saveProgress: true);
                    if (result.Status != ScanStatus.Success)
                    {
                        error = "Failed to rescan the wallet during initialization";
                        return false;
                    }

                    wallet.SetLastBlockProcessed(result.LastScannedHeight ?? rescanHeight, result.LastScannedBlock ?? chain.GetBlockHash(rescanHeight));
                }
            }
        }

        return true;
    }

    /// <summary>After loading: hand unconfirmed wallet transactions to the mempool and learn the mempool's state (Core's postInitProcess).</summary>
    internal void PostInitProcess()
    {
        ResubmitWalletTransactions(TxBroadcastMethod.MempoolNoBroadcast, force: true);
        lock (_lock) Chain?.RequestMempoolTransactions(this);
    }

    /// <summary>Stops chain notifications and waits for those already queued (Core's DisconnectChainNotifications).</summary>
    internal void DisconnectChainNotifications()
    {
        var handler = Interlocked.Exchange(ref _notificationsHandler, null);
        if (handler is null) return;
        handler.Disconnect();
        Chain?.WaitForNotifications();
        handler.Dispose();
    }

    /// <summary>Marks the wallet in use (an RPC call); unloading waits until every use is disposed.</summary>
    public IDisposable BeginUse()
    {
        lock (_released)
        {
            _users++;
            _released.Reset();
        }

        return new Use(this);
    }

    private sealed class Use(DescriptorWallet wallet) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            lock (wallet._released)
            {
                if (--wallet._users == 0) wallet._released.Set();
            }
        }
    }

    /// <summary>Waits until no call uses the wallet (Core's WaitForDeleteWallet), then closes its file.</summary>
    internal void WaitForReleaseAndClose()
    {
        _released.Wait();
        lock (_relockLock) CancelRelock();
        LogPrint($"Releasing wallet {DisplayName}..");
        Database.Dispose();
    }

    /// <summary>
    /// Copies the wallet database to the file <paramref name="destination"/> after saving the locator (Core's
    /// BackupWallet with SQLite's online backup). False for a directory (SQLite cannot open one as a database) and for
    /// the wallet's own file (Core's backup fails there on the wallet's exclusive lock).
    /// </summary>
    public bool BackupWallet(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteBestBlock();
        if (Directory.Exists(destination)) return false;
        if (Path.GetFullPath(destination) == Path.GetFullPath(Database.FilePath)) return false;
        return Database.Backup(destination);
    }
}
