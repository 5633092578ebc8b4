namespace Bitcoin.Common.Logging;

/// <summary>Debug categories as Core's BCLog::LogFlags; <c>-debug=&lt;name&gt;</c> uses the lower-case names.</summary>
[Flags]
public enum LogCategory : ulong
{
    None = 0,
    Net = 1UL << 0,
    Tor = 1UL << 1,
    Mempool = 1UL << 2,
    Http = 1UL << 3,
    Bench = 1UL << 4,
    Zmq = 1UL << 5,
    WalletDb = 1UL << 6,
    Rpc = 1UL << 7,
    EstimateFee = 1UL << 8,
    AddrMan = 1UL << 9,
    SelectCoins = 1UL << 10,
    Reindex = 1UL << 11,
    CmpctBlock = 1UL << 12,
    Rand = 1UL << 13,
    Prune = 1UL << 14,
    Proxy = 1UL << 15,
    MempoolRej = 1UL << 16,
    CoinDb = 1UL << 18,
    Qt = 1UL << 19,
    LevelDb = 1UL << 20,
    Validation = 1UL << 21,
    I2p = 1UL << 22,
    Ipc = 1UL << 23,
    Lock = 1UL << 24,
    BlockStorage = 1UL << 25,
    TxReconciliation = 1UL << 26,
    Scan = 1UL << 27,
    TxPackages = 1UL << 28,
    Kernel = 1UL << 29,
    PrivateBroadcast = 1UL << 30,
    All = ~0UL,
}
