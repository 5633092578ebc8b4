using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Policy;

// Facts of Core's transaction_tests (test_IsStandard, dust thresholds) and policy.cpp.
public class StandardPolicyTests
{
    private static readonly TxFeeRate DustRelay = TxFeeRate.FromSatoshisPerKvB(PolicyConstants.DustRelayTxFee);

    [Fact]
    public void DustThresholdsAreCoresAtTheDefaultRate()
    {
        Assert.Equal(546, StandardPolicy.GetDustThreshold(new TxOut(Money.Zero, new Key().PubKey.Hash.ScriptPubKey), DustRelay));
        Assert.Equal(294, StandardPolicy.GetDustThreshold(new TxOut(Money.Zero, new Key().PubKey.WitHash.ScriptPubKey), DustRelay));
        Assert.Equal(330, StandardPolicy.GetDustThreshold(new TxOut(Money.Zero, new Key().PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86)), DustRelay));
        // Unspendable outputs are never dust.
        Assert.Equal(0, StandardPolicy.GetDustThreshold(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN)), DustRelay));
    }

    [Fact]
    public void StandardPaymentPasses() => AssertStandard(Payment(), null);

    [Fact]
    public void VersionsOutsideOneToThreeAreNonStandard()
    {
        var tx = Payment();
        tx.Version = 4;
        AssertStandard(tx, "version");
        tx.Version = 0;
        AssertStandard(tx, "version");
        tx.Version = 3;
        AssertStandard(tx, null);
    }

    [Fact]
    public void OneDustOutputIsAllowedTwoAreNot()
    {
        var tx = Payment();
        tx.Outputs[0].Value = Money.Satoshis(293);
        AssertStandard(tx, null);
        tx.Outputs.Add(new TxOut(Money.Satoshis(1), new Key().PubKey.WitHash.ScriptPubKey));
        AssertStandard(tx, "dust");
    }

    [Fact]
    public void DataCarrierBytesAddUpAcrossOutputs()
    {
        var tx = Payment();
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(new byte[40]))));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(new byte[40]))));
        // Each script is 42 bytes: 84 in all.
        Assert.True(StandardPolicy.IsStandardTx(tx, 84, true, DustRelay, out _));
        Assert.False(StandardPolicy.IsStandardTx(tx, 83, true, DustRelay, out var reason));
        Assert.Equal("datacarrier", reason);
        Assert.False(StandardPolicy.IsStandardTx(tx, null, true, DustRelay, out reason));
        Assert.Equal("datacarrier", reason);
    }

    [Fact]
    public void BareMultisigUpToThreeKeysIsStandardUnlessDisabled()
    {
        var keys = Enumerable.Range(0, 3).Select(_ => new Key().PubKey).ToArray();
        var tx = Payment();
        tx.Outputs.Add(new TxOut(Money.Coins(1), PayToMultiSigTemplate.Instance.GenerateScriptPubKey(1, keys)));
        AssertStandard(tx, null);
        Assert.False(StandardPolicy.IsStandardTx(tx, PolicyConstants.MaxOpReturnRelay, false, DustRelay, out var reason));
        Assert.Equal("bare-multisig", reason);

        var fourKeys = Enumerable.Range(0, 4).Select(_ => new Key().PubKey).ToArray();
        tx.Outputs[^1] = new TxOut(Money.Coins(1), PayToMultiSigTemplate.Instance.GenerateScriptPubKey(1, fourKeys));
        AssertStandard(tx, "scriptpubkey");
    }

    [Fact]
    public void ScriptSigMustBePushOnlyAndSmall()
    {
        var tx = Payment();
        tx.Inputs[0].ScriptSig = new Script(OpcodeType.OP_DUP);
        AssertStandard(tx, "scriptsig-not-pushonly");
        tx.Inputs[0].ScriptSig = new Script(Op.GetPushOp(new byte[520]), Op.GetPushOp(new byte[520]), Op.GetPushOp(new byte[520]), Op.GetPushOp(new byte[100]));
        AssertStandard(tx, "scriptsig-size");
    }

    [Fact]
    public void SigOpAdjustedSizeUsesBytesPerSigOp()
    {
        Assert.Equal(250, StandardPolicy.GetVirtualTransactionSize(1000, 0, 20));
        Assert.Equal(500, StandardPolicy.GetVirtualTransactionSize(1000, 100, 20));
        Assert.Equal(2000, StandardPolicy.GetSigOpsAdjustedWeight(1000, 100, 20));
    }

    private static void AssertStandard(Transaction tx, string? expectedReason)
    {
        bool standard = StandardPolicy.IsStandardTx(tx, PolicyConstants.MaxOpReturnRelay, true, DustRelay, out var reason);
        if (expectedReason is null)
        {
            Assert.True(standard, reason);
        }
        else
        {
            Assert.False(standard);
            Assert.Equal(expectedReason, reason);
        }
    }

    private static Transaction Payment()
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Version = 2;
        tx.Inputs.Add(new TxIn(new OutPoint(new uint256(RandomUtils.GetBytes(32)), 0)));
        tx.Outputs.Add(new TxOut(Money.Coins(1), new Key().PubKey.WitHash.ScriptPubKey));
        return tx;
    }
}
