namespace Bitcoin.Common.Addresses;

/// <summary>The output script templates Core's Solver recognises.</summary>
public enum TxoutType
{
    /// <summary>Anything else ("nonstandard").</summary>
    NonStandard,

    /// <summary>The pay-to-anchor output ("anchor").</summary>
    Anchor,

    /// <summary><c>&lt;key&gt; OP_CHECKSIG</c> ("pubkey").</summary>
    PubKey,

    /// <summary>P2PKH ("pubkeyhash").</summary>
    PubKeyHash,

    /// <summary>P2SH ("scripthash").</summary>
    ScriptHash,

    /// <summary>Bare multisig ("multisig").</summary>
    Multisig,

    /// <summary>OP_RETURN followed by pushes ("nulldata").</summary>
    NullData,

    /// <summary>P2WPKH ("witness_v0_keyhash").</summary>
    WitnessV0KeyHash,

    /// <summary>P2WSH ("witness_v0_scripthash").</summary>
    WitnessV0ScriptHash,

    /// <summary>P2TR ("witness_v1_taproot").</summary>
    WitnessV1Taproot,

    /// <summary>Any other witness program with version 1 to 16 ("witness_unknown").</summary>
    WitnessUnknown,
}
