namespace Bitcoin.Kernel.Policy;

/// <summary>Core's relay and mining policy defaults and limits (policy/policy.h, policy/packages.h, policy/truc_policy.h).</summary>
public static class PolicyConstants
{
    /// <summary>Largest weight of a standard transaction (MAX_STANDARD_TX_WEIGHT).</summary>
    public const int MaxStandardTxWeight = 400_000;

    /// <summary>Smallest non-witness size of a relayed transaction (MIN_STANDARD_TX_NONWITNESS_SIZE, CVE-2017-12842).</summary>
    public const int MinStandardTxNonWitnessSize = 65;

    /// <summary>Most sigops a standard P2SH redeem script may count (MAX_P2SH_SIGOPS).</summary>
    public const int MaxP2ShSigOps = 15;

    /// <summary>Largest sigop cost of a standard transaction (MAX_STANDARD_TX_SIGOPS_COST).</summary>
    public const int MaxStandardTxSigOpsCost = 80_000 / 5;

    /// <summary>Most potentially executed legacy sigops of a standard transaction (MAX_TX_LEGACY_SIGOPS, BIP54).</summary>
    public const int MaxTxLegacySigOps = 2_500;

    /// <summary>Default -incrementalrelayfee in satoshis per kvB.</summary>
    public const long DefaultIncrementalRelayFee = 100;

    /// <summary>Default -bytespersigop.</summary>
    public const int DefaultBytesPerSigOp = 20;

    /// <summary>Default -permitbaremultisig.</summary>
    public const bool DefaultPermitBareMultisig = true;

    /// <summary>Most stack items of a standard P2WSH spend (MAX_STANDARD_P2WSH_STACK_ITEMS).</summary>
    public const int MaxStandardP2WshStackItems = 100;

    /// <summary>Largest stack item of a standard P2WSH spend (MAX_STANDARD_P2WSH_STACK_ITEM_SIZE).</summary>
    public const int MaxStandardP2WshStackItemSize = 80;

    /// <summary>Largest stack item of a standard tapscript spend (MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE).</summary>
    public const int MaxStandardTapscriptStackItemSize = 80;

    /// <summary>Largest standard witness script (MAX_STANDARD_P2WSH_SCRIPT_SIZE).</summary>
    public const int MaxStandardP2WshScriptSize = 3600;

    /// <summary>Largest standard scriptSig (MAX_STANDARD_SCRIPTSIG_SIZE).</summary>
    public const int MaxStandardScriptSigSize = 1650;

    /// <summary>Default -dustrelayfee in satoshis per kvB (DUST_RELAY_TX_FEE).</summary>
    public const long DustRelayTxFee = 3000;

    /// <summary>Default -minrelaytxfee in satoshis per kvB (DEFAULT_MIN_RELAY_TX_FEE).</summary>
    public const long DefaultMinRelayTxFee = 100;

    /// <summary>Default and largest -limitclustercount (DEFAULT_CLUSTER_LIMIT, MAX_CLUSTER_COUNT_LIMIT).</summary>
    public const int DefaultClusterLimit = 64;

    /// <summary>Default -limitclustersize in kvB (DEFAULT_CLUSTER_SIZE_LIMIT_KVB).</summary>
    public const int DefaultClusterSizeLimitKvB = 101;

    /// <summary>Default -limitancestorcount (DEFAULT_ANCESTOR_LIMIT; only wallets use it now).</summary>
    public const int DefaultAncestorLimit = 25;

    /// <summary>Default -limitdescendantcount (DEFAULT_DESCENDANT_LIMIT; only wallets use it now).</summary>
    public const int DefaultDescendantLimit = 25;

    /// <summary>Default -datacarrier.</summary>
    public const bool DefaultAcceptDataCarrier = true;

    /// <summary>Default -datacarriersize: bytes of OP_RETURN outputs a standard transaction may carry (MAX_OP_RETURN_RELAY).</summary>
    public const int MaxOpReturnRelay = MaxStandardTxWeight / 4;

    /// <summary>Most dust outputs a transaction may have, as ephemeral dust (MAX_DUST_OUTPUTS_PER_TX).</summary>
    public const int MaxDustOutputsPerTx = 1;

    /// <summary>Lowest standard transaction version (TX_MIN_STANDARD_VERSION).</summary>
    public const int TxMinStandardVersion = 1;

    /// <summary>Highest standard transaction version (TX_MAX_STANDARD_VERSION).</summary>
    public const int TxMaxStandardVersion = 3;

    /// <summary>Most transactions in a package (MAX_PACKAGE_COUNT).</summary>
    public const int MaxPackageCount = 25;

    /// <summary>Largest total weight of a package (MAX_PACKAGE_WEIGHT).</summary>
    public const int MaxPackageWeight = 404_000;

    /// <summary>Most distinct clusters one replacement may conflict with (MAX_REPLACEMENT_CANDIDATES, rule 5).</summary>
    public const int MaxReplacementCandidates = 100;

    /// <summary>Default -maxmempool in MB.</summary>
    public const int DefaultMaxMempoolSizeMb = 300;

    /// <summary>Default -maxmempool in MB with -blocksonly.</summary>
    public const int DefaultBlocksOnlyMaxMempoolSizeMb = 5;

    /// <summary>Default -mempoolexpiry in hours.</summary>
    public const int DefaultMempoolExpiryHours = 336;

    /// <summary>Default -persistmempool.</summary>
    public const bool DefaultPersistMempool = true;

    /// <summary>Default for the sendrawtransaction/testmempoolaccept maxfeerate: 0.10 BTC/kvB.</summary>
    public const long DefaultMaxRawTxFeeRatePerKvB = 100_000_000 / 10;
}
