using Bitcoin.Common.Addresses;
using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Crypto;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

/// <summary>
/// A loaded descriptor wallet (Core's <c>CWallet</c>): its descriptors and keys, transactions, outputs, address book,
/// locked coins and encryption, kept in memory and in its SQLite file, and kept in step with the node through
/// <see cref="IChain"/> notifications. It reaches the node only through <see cref="Chain"/>.
/// </summary>
/// <remarks>
/// <para>Thread safety: members take <see cref="SyncRoot"/> (Core's cs_wallet, re-entrant) themselves. To read
/// several collections consistently (<see cref="Transactions"/>, <see cref="Txos"/>, ...) hold it yourself:
/// <c>lock (wallet.SyncRoot) { ... }</c>. Never wait for chain notifications while holding it.</para>
/// <para>Made by <c>WalletContext</c> (create, load, restore); see src/Bitcoin.Wallet/README.md.</para>
/// </remarks>
public sealed partial class DescriptorWallet : IChainNotifications, IWalletStorage
{
    /// <summary>The version number written as the <c>version</c> record (Core's CLIENT_VERSION of the release followed).</summary>
    public const int ClientVersion = 319900;

    /// <summary>Core's TIMESTAMP_WINDOW: block times may be off by this much, so rescans start this long before a key's birth.</summary>
    public const long TimestampWindow = 2 * 60 * 60;

    /// <summary>Coinbase outputs mature after this many confirmations (Core's COINBASE_MATURITY).</summary>
    public const int CoinbaseMaturity = 100;

    private readonly Lock _lock = new();
    private readonly Dictionary<uint256, WalletTransaction> _transactions = [];
    private readonly SortedSet<WalletTransaction> _ordered = new(OrderComparer.Instance);
    private readonly Dictionary<OutPoint, List<uint256>> _txSpends = [];
    private readonly Dictionary<OutPoint, WalletTxo> _txos = [];
    private readonly Dictionary<OutPoint, bool> _lockedCoins = [];
    private readonly Dictionary<TxDestination, AddressBookData> _addressBook = [];
    private ulong _flags;
    private long _orderPosNext;
    private uint256 _lastBlockProcessed = uint256.Zero;
    private int _lastBlockProcessedHeight = -1;
    private long _birthTime = long.MaxValue;

    internal DescriptorWallet(string name, SqliteWalletDatabase database, IChain? chain, WalletChainInfo chainInfo, WalletOptions options)
    {
        Name = name;
        Database = database;
        Chain = chain;
        ChainInfo = chainInfo;
        Options = options;
    }

    /// <summary>The wallet's name: its path relative to the wallet directory ("" for the default wallet).</summary>
    public string Name { get; }

    /// <summary>The name for messages: "default wallet" for "", else the name (Core's DisplayName).</summary>
    public string DisplayName => Name.Length == 0 ? "default wallet" : Name;

    /// <summary>The node, or null for a wallet opened without one (tools, tests).</summary>
    public IChain? Chain { get; private set; }

    /// <summary>The node; throws if the wallet has none.</summary>
    public IChain RequireChain() => Chain ?? throw new InvalidOperationException("The wallet is not attached to a chain");

    /// <summary>Chain facts (network, test chain).</summary>
    public WalletChainInfo ChainInfo { get; }

    /// <summary>The network for addresses and keys.</summary>
    public Network Network => ChainInfo.Network;

    /// <summary>The settings from the options.</summary>
    public WalletOptions Options { get; internal set; }

    /// <summary>The wallet's lock (Core's cs_wallet); re-entrant.</summary>
    public Lock SyncRoot => _lock;

    internal SqliteWalletDatabase Database { get; }

    SqliteWalletDatabase IWalletStorage.Database => Database;

    string IWalletStorage.LogName => DisplayName;

    /// <summary>Writes a line to the log prefixed with the wallet's name (Core's WalletLogPrintf).</summary>
    public void LogPrint(string message) => Log.Info($"[{DisplayName}] {message}");

    // ---- flags ----

    /// <summary>The wallet flags.</summary>
    public WalletFlags Flags => (WalletFlags)Volatile.Read(ref _flags);

    /// <summary>True if <paramref name="flag"/> is set.</summary>
    public bool IsWalletFlagSet(WalletFlags flag) => (Volatile.Read(ref _flags) & (ulong)flag) != 0;

    /// <summary>Sets flags and writes them.</summary>
    public void SetWalletFlag(WalletFlags flag)
    {
        lock (_lock)
        {
            _flags |= (ulong)flag;
            if (!new WalletBatch(Database).WriteWalletFlags(_flags))
                throw new InvalidOperationException("SetWalletFlag: writing wallet flags failed");
        }
    }

    /// <summary>Clears a flag and writes the flags.</summary>
    public void UnsetWalletFlag(WalletFlags flag) => UnsetWalletFlagWithDb(new WalletBatch(Database), flag);

    internal void UnsetWalletFlagWithDb(WalletBatch batch, WalletFlags flag)
    {
        lock (_lock)
        {
            _flags &= ~(ulong)flag;
            if (!batch.WriteWalletFlags(_flags))
                throw new InvalidOperationException("UnsetWalletFlag: writing wallet flags failed");
        }
    }

    void IWalletStorage.UnsetBlankWalletFlag(WalletBatch batch) => UnsetWalletFlagWithDb(batch, WalletFlags.BlankWallet);

    /// <summary>Flags Core knows; unknown flags at or above bit 32 make a wallet unloadable.</summary>
    public const ulong KnownWalletFlags = (ulong)(WalletFlags.AvoidReuse | WalletFlags.BlankWallet | WalletFlags.KeyOriginMetadata |
        WalletFlags.LastHardenedXpubCached | WalletFlags.DisablePrivateKeys | WalletFlags.Descriptors | WalletFlags.ExternalSigner);

    /// <summary>Flags setwalletflag may change.</summary>
    public const ulong MutableWalletFlags = (ulong)WalletFlags.AvoidReuse;

    /// <summary>Accepts stored flags unless they hold unknown non-tolerable ones (Core's LoadWalletFlags).</summary>
    internal bool LoadWalletFlags(ulong flags)
    {
        if (((flags & KnownWalletFlags) >> 32) != (flags >> 32)) return false;
        _flags = flags;
        return true;
    }

    /// <summary>Sets and writes the flags of a new wallet (Core's InitWalletFlags).</summary>
    internal void InitWalletFlags(ulong flags)
    {
        if (!new WalletBatch(Database).WriteWalletFlags(flags))
            throw new InvalidOperationException("InitWalletFlags: writing wallet flags failed");
        LoadWalletFlags(flags);
    }

    // ---- chain position ----

    /// <summary>The last block whose notification the wallet processed (zero before any).</summary>
    public uint256 LastBlockHash
    {
        get
        {
            lock (_lock) return _lastBlockProcessed;
        }
    }

    /// <summary>The height of <see cref="LastBlockHash"/>, or -1.</summary>
    public int LastBlockHeight
    {
        get
        {
            lock (_lock) return _lastBlockProcessedHeight;
        }
    }

    internal void SetLastBlockProcessedInMem(int height, uint256 hash)
    {
        lock (_lock)
        {
            _lastBlockProcessed = hash;
            _lastBlockProcessedHeight = height;
        }
    }

    /// <summary>Sets the last processed block and writes the locator (Core's SetLastBlockProcessed).</summary>
    internal void SetLastBlockProcessed(int height, uint256 hash)
    {
        lock (_lock)
        {
            SetLastBlockProcessedInMem(height, hash);
            WriteBestBlock();
        }
    }

    /// <summary>Writes the locator of the last processed block as "bestblock_nomerkle" (Core's WriteBestBlock).</summary>
    public void WriteBestBlock()
    {
        lock (_lock)
        {
            if (_lastBlockProcessed == uint256.Zero || Chain is null) return;
            Chain.FindBlock(_lastBlockProcessed, new FoundBlockRequest { WantLocator = true }, out var found);
            if (found.Locator is { } locator && locator.Blocks.Count > 0)
                new WalletBatch(Database).WriteBestBlock(locator);
        }
    }

    /// <summary>The earliest key creation or transaction time (rescans start there); long.MaxValue when unknown.</summary>
    public long BirthTime => Interlocked.Read(ref _birthTime);

    internal void MaybeUpdateBirthTime(long time)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _birthTime);
            if (time >= current) return;
        }
        while (Interlocked.CompareExchange(ref _birthTime, time, current) != current);
    }

    /// <summary>Waits until the wallet has processed the notifications of the node's current tip (Core's BlockUntilSyncedToCurrentChain).</summary>
    public void BlockUntilSyncedToCurrentChain()
    {
        if (Chain is null) return;
        Chain.WaitForNotificationsIfTipChanged(LastBlockHash);
    }

    private sealed class OrderComparer : IComparer<WalletTransaction>
    {
        public static readonly OrderComparer Instance = new();

        public int Compare(WalletTransaction? x, WalletTransaction? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            int c = x!.OrderPos.CompareTo(y!.OrderPos);
            return c != 0 ? c : x.TxId.CompareTo(y.TxId);
        }
    }
}
