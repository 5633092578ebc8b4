namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Script verification flags with Core's bit positions (script/interpreter.h). Every flag is a soft fork: scripts
/// valid under (A | B) are a subset of those valid under A. Names on the wire and in test vectors are Core's
/// (see <see cref="ScriptFlagNames"/>).
/// </summary>
[Flags]
public enum ScriptVerifyFlags : ulong
{
    /// <summary>No checks beyond the base rules.</summary>
    None = 0,

    /// <summary>Evaluate P2SH subscripts (BIP16).</summary>
    P2Sh = 1UL << 0,

    /// <summary>Passing a non-strict-DER signature or an undefined hashtype/pubkey encoding to a checksig fails.</summary>
    StrictEnc = 1UL << 1,

    /// <summary>Passing a non-strict-DER signature to a checksig fails (BIP66).</summary>
    DerSig = 1UL << 2,

    /// <summary>Signatures must have S at most half the curve order (BIP146).</summary>
    LowS = 1UL << 3,

    /// <summary>The dummy element of CHECKMULTISIG must be empty (BIP147).</summary>
    NullDummy = 1UL << 4,

    /// <summary>scriptSig may contain only pushes.</summary>
    SigPushOnly = 1UL << 5,

    /// <summary>Pushes and numbers must be minimally encoded.</summary>
    MinimalData = 1UL << 6,

    /// <summary>Executing NOP1 and NOP4-NOP10 fails (policy).</summary>
    DiscourageUpgradableNops = 1UL << 7,

    /// <summary>Exactly one stack element must remain after evaluation.</summary>
    CleanStack = 1UL << 8,

    /// <summary>OP_CHECKLOCKTIMEVERIFY (BIP65).</summary>
    CheckLockTimeVerify = 1UL << 9,

    /// <summary>OP_CHECKSEQUENCEVERIFY (BIP112).</summary>
    CheckSequenceVerify = 1UL << 10,

    /// <summary>Segregated witness (BIP141/143).</summary>
    Witness = 1UL << 11,

    /// <summary>Spending an unknown witness version fails (policy).</summary>
    DiscourageUpgradableWitnessProgram = 1UL << 12,

    /// <summary>The argument of OP_IF/NOTIF in witness v0 must be empty or exactly 0x01.</summary>
    MinimalIf = 1UL << 13,

    /// <summary>A failed signature check must have an empty signature.</summary>
    NullFail = 1UL << 14,

    /// <summary>Public keys in segwit v0 scripts must be compressed.</summary>
    WitnessPubKeyType = 1UL << 15,

    /// <summary>OP_CODESEPARATOR and FindAndDelete fail in non-segwit scripts.</summary>
    ConstScriptCode = 1UL << 16,

    /// <summary>Taproot and tapscript (BIP341/342).</summary>
    Taproot = 1UL << 17,

    /// <summary>Unknown taproot leaf versions fail (policy).</summary>
    DiscourageUpgradableTaprootVersion = 1UL << 18,

    /// <summary>OP_SUCCESSx opcodes fail (policy).</summary>
    DiscourageOpSuccess = 1UL << 19,

    /// <summary>Unknown tapscript public key types fail (policy).</summary>
    DiscourageUpgradablePubKeyType = 1UL << 20,
}
