using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Core's sigopcount_tests.cpp facts.</summary>
public class SigOpsTests
{
    private static readonly PubKey Key = new Key(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000007")).PubKey;
    private static readonly byte[] Dummy = new byte[20];
    private const ScriptVerifyFlags Flags = ScriptVerifyFlags.Witness | ScriptVerifyFlags.P2Sh;

    private static Script OneOfTwoVerify() =>
        new(OpcodeType.OP_1, Op.GetPushOp(Key.ToBytes()), Op.GetPushOp(Key.ToBytes()), OpcodeType.OP_2, OpcodeType.OP_CHECKMULTISIGVERIFY);

    private static (Transaction Spend, TxOut Spent) Build(Script scriptPubKey, Script scriptSig, WitScript witness)
    {
        var creation = Transaction.Create(Network.RegTest);
        creation.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        creation.Outputs.Add(new TxOut(Money.Coins(1), scriptPubKey));
        var spend = Transaction.Create(Network.RegTest);
        spend.Inputs.Add(new TxIn(new OutPoint(creation.GetHash(), 0), scriptSig) { WitScript = witness });
        spend.Outputs.Add(new TxOut(Money.Coins(1), Script.Empty));
        return (spend, creation.Outputs[0]);
    }

    [Fact]
    public void ScriptSigOpCountsAccurateAndLegacy()
    {
        Assert.Equal(0, SigOps.GetSigOpCount(Script.Empty, false));
        var s1 = new Script(OpcodeType.OP_1, Op.GetPushOp(Dummy), Op.GetPushOp(Dummy), OpcodeType.OP_2, OpcodeType.OP_CHECKMULTISIG);
        Assert.Equal(2, SigOps.GetSigOpCount(s1, true));
        s1 = new Script(s1.ToOps().Concat([OpcodeType.OP_IF, OpcodeType.OP_CHECKSIG, OpcodeType.OP_ENDIF]));
        Assert.Equal(3, SigOps.GetSigOpCount(s1, true));
        Assert.Equal(21, SigOps.GetSigOpCount(s1, false));

        var p2sh = s1.Hash.ScriptPubKey;
        var scriptSig = new Script(OpcodeType.OP_0, Op.GetPushOp(s1.ToBytes()));
        Assert.Equal(3, SigOps.GetP2ShSigOpCount(p2sh, scriptSig));

        var s2 = PayToMultiSigTemplate.Instance.GenerateScriptPubKey(1, Key, Key, Key);
        Assert.Equal(3, SigOps.GetSigOpCount(s2, true));
        Assert.Equal(20, SigOps.GetSigOpCount(s2, false));
        p2sh = s2.Hash.ScriptPubKey;
        Assert.Equal(0, SigOps.GetSigOpCount(p2sh, true));
        var scriptSig2 = new Script(OpcodeType.OP_1, Op.GetPushOp(Dummy), Op.GetPushOp(Dummy), Op.GetPushOp(s2.ToBytes()));
        Assert.Equal(3, SigOps.GetP2ShSigOpCount(p2sh, scriptSig2));
    }

    [Fact]
    public void BareMultisigCountsOnlyInTheCreatingTransaction()
    {
        var (spend, spent) = Build(OneOfTwoVerify(), new Script(OpcodeType.OP_0, OpcodeType.OP_0), WitScript.Empty);
        Assert.Equal(0, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));
        var creation = Transaction.Create(Network.RegTest);
        creation.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        creation.Outputs.Add(spent);
        Assert.Equal(20 * 4, SigOps.GetTransactionSigOpCost(creation, [new TxOut(Money.Zero, Script.Empty)], Flags));
    }

    [Fact]
    public void P2ShMultisigCountsAccuratelyTimesFourOnlyWithP2Sh()
    {
        var redeem = OneOfTwoVerify();
        var (spend, spent) = Build(redeem.Hash.ScriptPubKey, new Script(OpcodeType.OP_0, OpcodeType.OP_0, Op.GetPushOp(redeem.ToBytes())), WitScript.Empty);
        Assert.Equal(2 * 4, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));
        Assert.Equal(0, SigOps.GetTransactionSigOpCost(spend, [spent], ScriptVerifyFlags.None));
    }

    [Fact]
    public void WitnessSigOpsCountOnceAndOnlyForVersionZero()
    {
        var witness = new WitScript([[], []]);
        var p2wpkh = Key.WitHash.ScriptPubKey;
        var (spend, spent) = Build(p2wpkh, Script.Empty, witness);
        Assert.Equal(1, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));
        Assert.Equal(0, SigOps.GetTransactionSigOpCost(spend, [spent], Flags & ~ScriptVerifyFlags.Witness));

        // Witness version 1 with the same program: no sigops counted.
        var v1 = p2wpkh.ToBytes();
        v1[0] = 0x51;
        (spend, spent) = Build(Script.FromBytesUnsafe(v1), Script.Empty, witness);
        Assert.Equal(0, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));

        // P2SH-wrapped P2WPKH.
        (spend, spent) = Build(p2wpkh.Hash.ScriptPubKey, new Script(Op.GetPushOp(p2wpkh.ToBytes())), witness);
        Assert.Equal(1, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));
    }

    [Fact]
    public void P2WshMultisigCountsAccuratelyWithoutScaling()
    {
        var witnessScript = OneOfTwoVerify();
        var witness = new WitScript([[], [], witnessScript.ToBytes()]);
        var (spend, spent) = Build(witnessScript.WitHash.ScriptPubKey, Script.Empty, witness);
        Assert.Equal(2, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));
        Assert.Equal(0, SigOps.GetTransactionSigOpCost(spend, [spent], Flags & ~ScriptVerifyFlags.Witness));

        var redeem = witnessScript.WitHash.ScriptPubKey;
        (spend, spent) = Build(redeem.Hash.ScriptPubKey, new Script(Op.GetPushOp(redeem.ToBytes())), witness);
        Assert.Equal(2, SigOps.GetTransactionSigOpCost(spend, [spent], Flags));
        Assert.Equal(ScriptVerifyError.CheckMultiSigVerify,
            ScriptVerifier.Verify(spend, 0, spent, Flags, ScriptChecks.Precompute(spend, [spent])));
    }
}
