namespace Bitcoin.Kernel.Chain;

/// <summary>
/// Soft forks whose activation height is hard-coded (BIP90), as Core's Consensus::BuriedDeployment. Rules enforced
/// from genesis (P2SH, witness and taproot script rules) are not listed.
/// </summary>
public enum BuriedDeployment
{
    /// <summary>BIP34: the coinbase starts with the block height ("bip34").</summary>
    HeightInCoinbase,

    /// <summary>BIP65: OP_CHECKLOCKTIMEVERIFY ("bip65").</summary>
    CheckLockTimeVerify,

    /// <summary>BIP66: strict DER signatures ("bip66").</summary>
    DerSig,

    /// <summary>BIP68/112/113: relative lock-time, OP_CHECKSEQUENCEVERIFY, median time past ("csv").</summary>
    Csv,

    /// <summary>BIP141/143/147: segregated witness commitments and NULLDUMMY ("segwit").</summary>
    Segwit,
}
