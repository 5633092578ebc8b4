namespace Bitcoin.Kernel.Consensus;

/// <summary>Why a script failed, in Core's order (script/script_error.h). <see cref="ScriptVerifyErrors"/> gives Core's names and messages.</summary>
public enum ScriptVerifyError
{
    /// <summary>No error.</summary>
    Ok,

    /// <summary>unknown error.</summary>
    UnknownError,

    /// <summary>Script evaluated without error but finished with a false/empty top stack element.</summary>
    EvalFalse,

    /// <summary>OP_RETURN was encountered.</summary>
    OpReturn,

    /// <summary>Script number overflowed or is non-minimally encoded.</summary>
    ScriptNum,

    /// <summary>Script is too big.</summary>
    ScriptSize,

    /// <summary>Push value size limit exceeded.</summary>
    PushSize,

    /// <summary>Operation limit exceeded.</summary>
    OpCount,

    /// <summary>Stack size limit exceeded.</summary>
    StackSize,

    /// <summary>Signature count negative or greater than pubkey count.</summary>
    SigCount,

    /// <summary>Pubkey count negative or limit exceeded.</summary>
    PubKeyCount,

    /// <summary>Script failed an OP_VERIFY operation.</summary>
    Verify,

    /// <summary>Script failed an OP_EQUALVERIFY operation.</summary>
    EqualVerify,

    /// <summary>Script failed an OP_CHECKMULTISIGVERIFY operation.</summary>
    CheckMultiSigVerify,

    /// <summary>Script failed an OP_CHECKSIGVERIFY operation.</summary>
    CheckSigVerify,

    /// <summary>Script failed an OP_NUMEQUALVERIFY operation.</summary>
    NumEqualVerify,

    /// <summary>Opcode missing or not understood.</summary>
    BadOpcode,

    /// <summary>Attempted to use a disabled opcode.</summary>
    DisabledOpcode,

    /// <summary>Operation not valid with the current stack size.</summary>
    InvalidStackOperation,

    /// <summary>Operation not valid with the current altstack size.</summary>
    InvalidAltStackOperation,

    /// <summary>Invalid OP_IF construction.</summary>
    UnbalancedConditional,

    /// <summary>Negative locktime.</summary>
    NegativeLockTime,

    /// <summary>Locktime requirement not satisfied.</summary>
    UnsatisfiedLockTime,

    /// <summary>Signature hash type missing or not understood.</summary>
    SigHashType,

    /// <summary>Non-canonical DER signature.</summary>
    SigDer,

    /// <summary>Data push larger than necessary.</summary>
    MinimalData,

    /// <summary>Only push operators allowed in signatures.</summary>
    SigPushOnly,

    /// <summary>Non-canonical signature: S value is unnecessarily high.</summary>
    SigHighS,

    /// <summary>Dummy CHECKMULTISIG argument must be zero.</summary>
    SigNullDummy,

    /// <summary>Public key is neither compressed or uncompressed.</summary>
    PubKeyType,

    /// <summary>Stack size must be exactly one after execution.</summary>
    CleanStack,

    /// <summary>OP_IF/NOTIF argument must be minimal.</summary>
    MinimalIf,

    /// <summary>Signature must be zero for failed CHECK(MULTI)SIG operation.</summary>
    SigNullFail,

    /// <summary>NOPx reserved for soft-fork upgrades.</summary>
    DiscourageUpgradableNops,

    /// <summary>Witness version reserved for soft-fork upgrades.</summary>
    DiscourageUpgradableWitnessProgram,

    /// <summary>Taproot version reserved for soft-fork upgrades.</summary>
    DiscourageUpgradableTaprootVersion,

    /// <summary>OP_SUCCESSx reserved for soft-fork upgrades.</summary>
    DiscourageOpSuccess,

    /// <summary>Public key version reserved for soft-fork upgrades.</summary>
    DiscourageUpgradablePubKeyType,

    /// <summary>Witness program has incorrect length.</summary>
    WitnessProgramWrongLength,

    /// <summary>Witness program was passed an empty witness.</summary>
    WitnessProgramWitnessEmpty,

    /// <summary>Witness program hash mismatch.</summary>
    WitnessProgramMismatch,

    /// <summary>Witness requires empty scriptSig.</summary>
    WitnessMalleated,

    /// <summary>Witness requires only-redeemscript scriptSig.</summary>
    WitnessMalleatedP2Sh,

    /// <summary>Witness provided for non-witness script.</summary>
    WitnessUnexpected,

    /// <summary>Using non-compressed keys in segwit.</summary>
    WitnessPubKeyType,

    /// <summary>Invalid Schnorr signature size.</summary>
    SchnorrSigSize,

    /// <summary>Invalid Schnorr signature hash type.</summary>
    SchnorrSigHashType,

    /// <summary>Invalid Schnorr signature.</summary>
    SchnorrSig,

    /// <summary>Invalid Taproot control block size.</summary>
    TaprootWrongControlSize,

    /// <summary>Too much signature validation relative to witness weight.</summary>
    TapscriptValidationWeight,

    /// <summary>OP_CHECKMULTISIG(VERIFY) is not available in tapscript.</summary>
    TapscriptCheckMultiSig,

    /// <summary>OP_IF/NOTIF argument must be minimal in tapscript.</summary>
    TapscriptMinimalIf,

    /// <summary>Empty public key in tapscript.</summary>
    TapscriptEmptyPubKey,

    /// <summary>Using OP_CODESEPARATOR in non-witness script.</summary>
    OpCodeSeparator,

    /// <summary>Signature is found in scriptCode.</summary>
    SigFindAndDelete,
}
