using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Where NBitcoin's interpreter departs from Core's consensus, the wrapper restores Core's verdict.</summary>
public class TapscriptConsensusTests
{
    private static readonly Key InternalKey = new(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000001"));

    private static ScriptVerifyError SpendTapscript(byte[] tapscript, params byte[][] stack)
    {
        var leaf = new TapScript(Script.FromBytesUnsafe(tapscript), TapLeafVersion.C0).LeafHash;
        var internalKey = InternalKey.PubKey.TaprootInternalKey;
        var output = internalKey.GetTaprootFullPubKey(leaf);
        var control = new byte[33];
        control[0] = (byte)(0xc0 | (output.OutputKeyParity ? 1 : 0));
        internalKey.ToBytes().CopyTo(control, 1);
        var spent = new TxOut(Money.Coins(1), output.ScriptPubKey);
        var tx = Transaction.Create(Network.RegTest);
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)) { WitScript = new WitScript([.. stack, tapscript, control]) });
        tx.Outputs.Add(new TxOut(Money.Coins(1), Script.Empty));
        return ScriptVerifier.Verify(tx, 0, spent, ScriptFlags.Mandatory, ScriptChecks.Precompute(tx, [spent]));
    }

    [Fact]
    public void ExecutedCheckMultiSigFailsATapscript()
    {
        // 0 0 0 CHECKMULTISIG: a valid 0-of-0 multisig in legacy script, forbidden in tapscript (BIP342).
        Assert.Equal(ScriptVerifyError.TapscriptCheckMultiSig, SpendTapscript([0x00, 0x00, 0x00, 0xae]));
        Assert.Equal(ScriptVerifyError.TapscriptCheckMultiSig, SpendTapscript([0x00, 0x00, 0x00, 0xaf, 0x51]));
    }

    [Fact]
    public void UnexecutedCheckMultiSigIsAllowedInATapscript()
    {
        // 0 IF CHECKMULTISIG ENDIF 1
        Assert.Equal(ScriptVerifyError.Ok, SpendTapscript([0x00, 0x63, 0xae, 0x68, 0x51]));
    }

    [Fact]
    public void TapscriptMinimalIfAndEmptyPubKeyUseCoresErrors()
    {
        Assert.Equal(ScriptVerifyError.TapscriptMinimalIf, SpendTapscript([0x63, 0x51, 0x68], [0x02]));
        Assert.Equal(ScriptVerifyError.TapscriptEmptyPubKey, SpendTapscript([0x00, 0xac], [0x01]));
    }
}
