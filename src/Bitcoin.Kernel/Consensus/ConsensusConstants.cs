namespace Bitcoin.Kernel.Consensus;

/// <summary>Fixed consensus limits, as Core's consensus/consensus.h, consensus/amount.h and chain.h.</summary>
public static class ConsensusConstants
{
    /// <summary>Satoshis in one bitcoin.</summary>
    public const long Coin = 100_000_000;

    /// <summary>No amount larger than this (in satoshis) is valid.</summary>
    public const long MaxMoney = 21_000_000 * Coin;

    /// <summary>The maximum allowed size for a serialized block, in bytes (only for buffer size limits).</summary>
    public const int MaxBlockSerializedSize = 4_000_000;

    /// <summary>The maximum allowed weight for a block (BIP141).</summary>
    public const int MaxBlockWeight = 4_000_000;

    /// <summary>The maximum allowed number of signature check operations in a block, weighted (BIP141).</summary>
    public const int MaxBlockSigOpsCost = 80_000;

    /// <summary>Coinbase outputs can be spent only after this many blocks (including the one that created them).</summary>
    public const int CoinbaseMaturity = 100;

    /// <summary>Witness data is discounted by this factor in weight.</summary>
    public const int WitnessScaleFactor = 4;

    /// <summary>The smallest weight a transaction can have (60 bytes stripped, as Core's MIN_TRANSACTION_WEIGHT).</summary>
    public const int MinTransactionWeight = WitnessScaleFactor * 60;

    /// <summary>The smallest weight a serializable transaction can have (10 bytes stripped).</summary>
    public const int MinSerializableTransactionWeight = WitnessScaleFactor * 10;

    /// <summary>Maximum amount of time a block timestamp may be ahead of the node's adjusted time, in seconds.</summary>
    public const long MaxFutureBlockTime = 2 * 60 * 60;

    /// <summary>Maximum gap between node time and block time used for the "catching up" checks (Core's TIMESTAMP_WINDOW).</summary>
    public const long TimestampWindow = MaxFutureBlockTime;

    /// <summary>Maximum a block timestamp may be before its predecessor's on chains enforcing BIP94 at a retarget boundary.</summary>
    public const long MaxTimewarp = 600;

    /// <summary>Flag for lock-time checks: enforce BIP68 sequence locks.</summary>
    public const int LockTimeVerifySequence = 1 << 0;

    /// <summary>Locktimes below this are block heights, at or above are UNIX times.</summary>
    public const uint LockTimeThreshold = 500_000_000;

    /// <summary>Coinbase scriptSig length bounds.</summary>
    public const int MinCoinbaseScriptSigSize = 2;

    /// <summary>Coinbase scriptSig length bounds.</summary>
    public const int MaxCoinbaseScriptSigSize = 100;

    /// <summary>Height from which BIP34 no longer implies BIP30, because earlier coinbases may commit to this height.</summary>
    public const int Bip34ImpliesBip30Limit = 1_983_702;

    /// <summary>True when an amount is within [0, <see cref="MaxMoney"/>].</summary>
    public static bool MoneyRange(long amount) => amount >= 0 && amount <= MaxMoney;
}
