using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

// CONST_SCRIPTCODE (policy): Core fails at the first OP_CODESEPARATOR it reads in a legacy script, in an executed branch
// or not, so its error comes before any error later in the spend and after any earlier one (p2p_invalid_tx.py's
// NonStandardAndInvalid expects "Using OP_CODESEPARATOR in non-witness script" for the scriptSig 0 0 0 OP_CODESEPARATOR
// OP_RETURN, and a block reports OP_RETURN). Issue 8.
public class ConstScriptCodeTests
{
    private static ScriptVerifyError Verify(string scriptSigHex, string scriptPubKeyHex, ScriptVerifyFlags flags)
    {
        var spent = new TxOut(Money.Coins(1), Script.FromBytesUnsafe(Convert.FromHexString(scriptPubKeyHex)));
        var tx = Transaction.Create(Network.RegTest);
        tx.Inputs.Add(new TxIn(new OutPoint(new uint256(1), 0), Script.FromBytesUnsafe(Convert.FromHexString(scriptSigHex))));
        tx.Outputs.Add(new TxOut(Money.Coins(0.5m), Script.FromBytesUnsafe([0x51])));
        return ScriptVerifier.Verify(tx, 0, spent, flags, ScriptChecks.Precompute(tx, [spent]));
    }

    private static string PayToScriptHash(string redeemHex) =>
        Convert.ToHexString(Script.FromBytesUnsafe(Convert.FromHexString(redeemHex)).Hash.ScriptPubKey.ToBytes(true));

    private static string Push(string hex) => $"{hex.Length / 2:x2}{hex}";

    [Fact]
    public void SeparatorBeforeOpReturnIsReportedUnderPolicyAndOpReturnInBlocks()
    {
        Assert.Equal(ScriptVerifyError.OpCodeSeparator, Verify("000000ab6a", "51", ScriptChecks.Standard));
        Assert.Equal(ScriptVerifyError.OpReturn, Verify("000000ab6a", "51", ScriptFlags.Mandatory));
    }

    [Fact]
    public void AnErrorBeforeTheSeparatorIsReportedInstead() =>
        Assert.Equal(ScriptVerifyError.OpReturn, Verify("6aab", "51", ScriptChecks.Standard));

    [Fact]
    public void SeparatorInAnUnexecutedBranchStillFailsFirst()
    {
        // OP_0 OP_IF OP_CODESEPARATOR OP_ENDIF, then OP_1 (would succeed) or OP_RETURN (would fail later).
        Assert.Equal(ScriptVerifyError.OpCodeSeparator, Verify("0063ab6851", "51", ScriptChecks.Standard));
        Assert.Equal(ScriptVerifyError.OpCodeSeparator, Verify("0063ab686a", "51", ScriptChecks.Standard));
    }

    [Fact]
    public void SeparatorInTheSpentScriptFailsAfterTheScriptSig()
    {
        Assert.Equal(ScriptVerifyError.OpCodeSeparator, Verify("", "ab6a", ScriptChecks.Standard));
        Assert.Equal(ScriptVerifyError.OpReturn, Verify("6a", "ab6a", ScriptChecks.Standard));
    }

    [Fact]
    public void SeparatorInARedeemScriptFailsBeforeItsLaterError()
    {
        const string redeem = "51ab6a"; // OP_1 OP_CODESEPARATOR OP_RETURN
        Assert.Equal(ScriptVerifyError.OpCodeSeparator, Verify(Push(redeem), PayToScriptHash(redeem), ScriptChecks.Standard));
        Assert.Equal(ScriptVerifyError.OpReturn, Verify(Push(redeem), PayToScriptHash(redeem), ScriptFlags.Mandatory));
        // A redeem script that fails before its separator keeps its own error.
        const string early = "6aab51"; // OP_RETURN OP_CODESEPARATOR OP_1
        Assert.Equal(ScriptVerifyError.OpReturn, Verify(Push(early), PayToScriptHash(early), ScriptChecks.Standard));
    }

    [Fact]
    public void WithoutTheFlagTheSeparatorIsAllowed() =>
        Assert.Equal(ScriptVerifyError.Ok, Verify("00ab51", "51", ScriptFlags.Mandatory));
}
