using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>Core's ScriptErrorString for NBitcoin's script errors.</summary>
public static class ScriptErrors
{
    /// <summary>The text Core shows for a script error (as in signrawtransaction results and reject reasons).</summary>
    public static string ToCoreString(ScriptError error) => error switch
    {
        ScriptError.OK => "No error",
        ScriptError.EvalFalse => "Script evaluated without error but finished with a false/empty top stack element",
        ScriptError.Verify => "Script failed an OP_VERIFY operation",
        ScriptError.EqualVerify => "Script failed an OP_EQUALVERIFY operation",
        ScriptError.CheckMultiSigVerify => "Script failed an OP_CHECKMULTISIGVERIFY operation",
        ScriptError.CheckSigVerify => "Script failed an OP_CHECKSIGVERIFY operation",
        ScriptError.NumEqualVerify => "Script failed an OP_NUMEQUALVERIFY operation",
        ScriptError.ScriptSize => "Script is too big",
        ScriptError.PushSize => "Push value size limit exceeded",
        ScriptError.OpCount => "Operation limit exceeded",
        ScriptError.StackSize => "Stack size limit exceeded",
        ScriptError.SigCount => "Signature count negative or greater than pubkey count",
        ScriptError.PubkeyCount => "Pubkey count negative or limit exceeded",
        ScriptError.BadOpCode => "Opcode missing or not understood",
        ScriptError.DisabledOpCode => "Attempted to use a disabled opcode",
        ScriptError.InvalidStackOperation => "Operation not valid with the current stack size",
        ScriptError.InvalidAltStackOperation => "Operation not valid with the current altstack size",
        ScriptError.OpReturn => "OP_RETURN was encountered",
        ScriptError.UnbalancedConditional => "Invalid OP_IF construction",
        ScriptError.NegativeLockTime => "Negative locktime",
        ScriptError.UnsatisfiedLockTime => "Locktime requirement not satisfied",
        ScriptError.SigHashType => "Signature hash type missing or not understood",
        ScriptError.SigDer => "Non-canonical DER signature",
        ScriptError.MinimalData => "Data push larger than necessary",
        ScriptError.SigPushOnly => "Only push operators allowed in signatures",
        ScriptError.SigHighS => "Non-canonical signature: S value is unnecessarily high",
        ScriptError.SigNullDummy => "Dummy CHECKMULTISIG argument must be zero",
        ScriptError.MinimalIf => "OP_IF/NOTIF argument must be minimal",
        ScriptError.NullFail => "Signature must be zero for failed CHECK(MULTI)SIG operation",
        ScriptError.DiscourageUpgradableNops => "NOPx reserved for soft-fork upgrades",
        ScriptError.DiscourageUpgradableWitnessProgram => "Witness version reserved for soft-fork upgrades",
        ScriptError.DiscourageUpgradableTaprootVersion => "Taproot version reserved for soft-fork upgrades",
        ScriptError.DiscourageOpSuccess => "OP_SUCCESSx reserved for soft-fork upgrades",
        ScriptError.DiscourageUpgradablePubKeyType => "Public key version reserved for soft-fork upgrades",
        ScriptError.PubKeyType => "Public key is neither compressed or uncompressed",
        ScriptError.CleanStack => "Stack size must be exactly one after execution",
        ScriptError.WitnessProgramWrongLength => "Witness program has incorrect length",
        ScriptError.WitnessProgramEmpty => "Witness program was passed an empty witness",
        ScriptError.WitnessProgramMissmatch => "Witness program hash mismatch",
        ScriptError.WitnessMalleated => "Witness requires empty scriptSig",
        ScriptError.WitnessMalleatedP2SH => "Witness requires only-redeemscript scriptSig",
        ScriptError.WitnessUnexpected => "Witness provided for non-witness script",
        ScriptError.WitnessPubkeyType => "Using non-compressed keys in segwit",
        ScriptError.SchnorrSigSize => "Invalid Schnorr signature size",
        ScriptError.SchnorrSigHashType => "Invalid Schnorr signature hash type",
        ScriptError.SchnorrSig => "Invalid Schnorr signature",
        ScriptError.TaprootWrongControlSize => "Invalid Taproot control block size",
        ScriptError.TapscriptValidationWeight => "Too much signature validation relative to witness weight",
        ScriptError.TapscriptCheckMultiSig => "OP_CHECKMULTISIG(VERIFY) is not available in tapscript",
        _ => "unknown error",
    };
}
