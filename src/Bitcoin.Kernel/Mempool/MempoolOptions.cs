using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Validation;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// How a <see cref="TxMemPool"/> behaves (Core's MemPoolOptions), filled in by the node from its arguments. Defaults
/// are Core's.
/// </summary>
public sealed record MempoolOptions
{
    /// <summary>-checkmempool: run the consistency check on one in this many changes (0: never).</summary>
    public int CheckRatio { get; init; }

    /// <summary>-maxmempool in bytes.</summary>
    public long MaxSizeBytes { get; init; } = PolicyConstants.DefaultMaxMempoolSizeMb * 1_000_000L;

    /// <summary>-mempoolexpiry: how long a transaction may stay.</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromHours(PolicyConstants.DefaultMempoolExpiryHours);

    /// <summary>-incrementalrelayfee.</summary>
    public TxFeeRate IncrementalRelayFeeRate { get; init; } = TxFeeRate.FromSatoshisPerKvB(PolicyConstants.DefaultIncrementalRelayFee);

    /// <summary>-minrelaytxfee: rates below it count as no fee.</summary>
    public TxFeeRate MinRelayFeeRate { get; init; } = TxFeeRate.FromSatoshisPerKvB(PolicyConstants.DefaultMinRelayTxFee);

    /// <summary>-dustrelayfee.</summary>
    public TxFeeRate DustRelayFeeRate { get; init; } = TxFeeRate.FromSatoshisPerKvB(PolicyConstants.DustRelayTxFee);

    /// <summary>-datacarriersize with -datacarrier; null when data carrier outputs are not standard at all.</summary>
    public int? MaxDatacarrierBytes { get; init; } = PolicyConstants.MaxOpReturnRelay;

    /// <summary>-permitbaremultisig.</summary>
    public bool PermitBareMultisig { get; init; } = PolicyConstants.DefaultPermitBareMultisig;

    /// <summary>False with -acceptnonstdtxn (test chains only).</summary>
    public bool RequireStandard { get; init; } = true;

    /// <summary>-persistmempoolv1: write mempool.dat in the old format without obfuscation.</summary>
    public bool PersistV1Dat { get; init; }

    /// <summary>-bytespersigop.</summary>
    public int BytesPerSigOp { get; init; } = PolicyConstants.DefaultBytesPerSigOp;

    /// <summary>Cluster limits.</summary>
    public MempoolLimits Limits { get; init; } = new();

    /// <summary>Where transaction added/removed events go; null for none.</summary>
    public ValidationSignals? Signals { get; init; }

    /// <summary>The clock (mock time in tests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Core's check when creating the mempool: null when the options are usable, else the error
    /// ("-maxmempool must be at least N MB" when the size limit is below 40 largest clusters).
    /// </summary>
    public string? Check()
    {
        long clusterLimitBytes = Limits.ClusterSizeVBytes * 40;
        if (MaxSizeBytes < 0 || (MaxSizeBytes > 0 && MaxSizeBytes < clusterLimitBytes))
            return $"-maxmempool must be at least {(long)Math.Ceiling(clusterLimitBytes / 1_000_000.0)} MB";
        return null;
    }
}
