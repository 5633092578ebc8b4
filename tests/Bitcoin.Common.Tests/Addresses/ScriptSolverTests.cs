using System.Security.Cryptography;
using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Addresses;

/// <summary>Core's Solver, ExtractDestination and GetScriptFor* (script_standard_tests.cpp).</summary>
public class ScriptSolverTests
{
    private static readonly PubKey[] PubKeys = Enumerable.Range(1, 3).Select(i => new Key(Enumerable.Repeat((byte)(0x10 + i), 32).ToArray()).PubKey).ToArray();
    private static readonly byte[] Anchor = [0x4e, 0x73];

    private static Script S(params object[] parts)
    {
        var ops = new List<Op>();
        foreach (var part in parts)
        {
            ops.Add(part switch
            {
                OpcodeType op => op,
                byte[] data => Op.GetPushOp(data),
                PubKey key => Op.GetPushOp(key.ToBytes()),
                _ => throw new ArgumentException(part.GetType().Name),
            });
        }
        return new Script(ops);
    }

    private static byte[] Sha256(Script s) => SHA256.HashData(s.ToBytes(true));

    [Fact]
    public void SolverRecognisesEveryStandardType()
    {
        Assert.Equal(TxoutType.PubKey, ScriptSolver.Solve(S(PubKeys[0], OpcodeType.OP_CHECKSIG), out var solutions));
        Assert.Equal([PubKeys[0].ToBytes()], solutions);

        var p2pkh = S(OpcodeType.OP_DUP, OpcodeType.OP_HASH160, PubKeys[0].Hash.ToBytes(), OpcodeType.OP_EQUALVERIFY, OpcodeType.OP_CHECKSIG);
        Assert.Equal(TxoutType.PubKeyHash, ScriptSolver.Solve(p2pkh, out solutions));
        Assert.Equal([PubKeys[0].Hash.ToBytes()], solutions);

        Assert.Equal(TxoutType.ScriptHash, ScriptSolver.Solve(S(OpcodeType.OP_HASH160, p2pkh.Hash.ToBytes(), OpcodeType.OP_EQUAL), out solutions));
        Assert.Equal([p2pkh.Hash.ToBytes()], solutions);

        Assert.Equal(TxoutType.Multisig, ScriptSolver.Solve(S(OpcodeType.OP_1, PubKeys[0], PubKeys[1], OpcodeType.OP_2, OpcodeType.OP_CHECKMULTISIG), out solutions));
        Assert.Equal([[1], PubKeys[0].ToBytes(), PubKeys[1].ToBytes(), [2]], solutions);
        Assert.Equal(TxoutType.Multisig, ScriptSolver.Solve(S(OpcodeType.OP_2, PubKeys[0], PubKeys[1], PubKeys[2], OpcodeType.OP_3, OpcodeType.OP_CHECKMULTISIG), out solutions));
        Assert.Equal([[2], PubKeys[0].ToBytes(), PubKeys[1].ToBytes(), PubKeys[2].ToBytes(), [3]], solutions);

        Assert.Equal(TxoutType.NullData, ScriptSolver.Solve(S(OpcodeType.OP_RETURN, new byte[] { 0 }, new byte[] { 75 }, new byte[] { 255 }), out solutions));
        Assert.Empty(solutions);

        Assert.Equal(TxoutType.WitnessV0KeyHash, ScriptSolver.Solve(S(OpcodeType.OP_0, PubKeys[0].Hash.ToBytes()), out solutions));
        Assert.Equal([PubKeys[0].Hash.ToBytes()], solutions);

        Assert.Equal(TxoutType.WitnessV0ScriptHash, ScriptSolver.Solve(S(OpcodeType.OP_0, Sha256(p2pkh)), out solutions));
        Assert.Equal([Sha256(p2pkh)], solutions);

        Assert.Equal(TxoutType.WitnessV1Taproot, ScriptSolver.Solve(S(OpcodeType.OP_1, new byte[32]), out solutions));
        Assert.Equal([new byte[32]], solutions);

        byte[] one = uint256.One.ToBytes();
        Assert.Equal(TxoutType.WitnessUnknown, ScriptSolver.Solve(S(OpcodeType.OP_16, one), out solutions));
        Assert.Equal([[16], one], solutions);

        Assert.Equal(TxoutType.Anchor, ScriptSolver.Solve(S(OpcodeType.OP_1, Anchor), out solutions));
        Assert.Empty(solutions);

        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_9, OpcodeType.OP_ADD, OpcodeType.OP_11, OpcodeType.OP_EQUAL), out _));
    }

    [Fact]
    public void SolverRejectsMalformedTemplates()
    {
        var key = PubKeys[0];
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(Enumerable.Repeat((byte)1, 30).ToArray(), OpcodeType.OP_CHECKSIG), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_DUP, OpcodeType.OP_HASH160, key, OpcodeType.OP_EQUALVERIFY, OpcodeType.OP_CHECKSIG), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_HASH160, Enumerable.Repeat((byte)1, 21).ToArray(), OpcodeType.OP_EQUAL), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_0, key, OpcodeType.OP_1, OpcodeType.OP_CHECKMULTISIG), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_2, key, OpcodeType.OP_1, OpcodeType.OP_CHECKMULTISIG), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_1, key, OpcodeType.OP_2, OpcodeType.OP_CHECKMULTISIG), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_1, OpcodeType.OP_1, OpcodeType.OP_CHECKMULTISIG), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_RETURN, new byte[] { 75 }, OpcodeType.OP_ADD), out _));
        Assert.Equal(TxoutType.NonStandard, ScriptSolver.Solve(S(OpcodeType.OP_0, Enumerable.Repeat((byte)1, 19).ToArray()), out _));
        Assert.Equal(TxoutType.WitnessUnknown, ScriptSolver.Solve(S(OpcodeType.OP_1, Enumerable.Repeat((byte)1, 31).ToArray()), out _));
        Assert.Equal(TxoutType.WitnessUnknown, ScriptSolver.Solve(S(OpcodeType.OP_1, Enumerable.Repeat((byte)1, 33).ToArray()), out _));
        Assert.Equal(TxoutType.WitnessUnknown, ScriptSolver.Solve(S(OpcodeType.OP_2, Anchor), out _));
        Assert.Equal(TxoutType.WitnessUnknown, ScriptSolver.Solve(S(OpcodeType.OP_1, new byte[] { 0xff, 0xff }), out _));
    }

    [Fact]
    public void ExtractDestinationMatchesCore()
    {
        var key = PubKeys[0];
        Assert.False(ScriptSolver.TryExtractDestination(S(key, OpcodeType.OP_CHECKSIG), out var dest));
        Assert.Equal(new PubKeyDestination(key), dest);

        var p2pkh = S(OpcodeType.OP_DUP, OpcodeType.OP_HASH160, key.Hash.ToBytes(), OpcodeType.OP_EQUALVERIFY, OpcodeType.OP_CHECKSIG);
        Assert.True(ScriptSolver.TryExtractDestination(p2pkh, out dest));
        Assert.Equal(new PubKeyHashDestination(key.Hash), dest);

        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_HASH160, p2pkh.Hash.ToBytes(), OpcodeType.OP_EQUAL), out dest));
        Assert.Equal(ScriptHashDestination.ForScript(p2pkh), dest);

        Assert.False(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_1, key, OpcodeType.OP_1, OpcodeType.OP_CHECKMULTISIG), out _));
        Assert.False(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_RETURN, new byte[] { 75 }), out _));

        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_0, key.Hash.ToBytes()), out dest));
        Assert.Equal(new WitnessV0KeyHashDestination(key.Hash), dest);

        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_0, Sha256(p2pkh)), out dest));
        Assert.Equal(WitnessV0ScriptHashDestination.ForScript(p2pkh), dest);

        byte[] xonly = key.ToBytes()[1..];
        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_1, xonly), out dest));
        Assert.Equal(new WitnessV1TaprootDestination(xonly), dest);

        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_1, Anchor), out dest));
        Assert.IsType<PayToAnchorDestination>(dest);

        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_1, key), out dest));
        Assert.Equal(new WitnessUnknownDestination(1, key.ToBytes()), dest);
        Assert.True(ScriptSolver.TryExtractDestination(S(OpcodeType.OP_2, xonly), out dest));
        Assert.Equal(new WitnessUnknownDestination(2, xonly), dest);
    }

    [Fact]
    public void ScriptsForDestinationsMatchCore()
    {
        var p2pkh = S(OpcodeType.OP_DUP, OpcodeType.OP_HASH160, PubKeys[0].Hash.ToBytes(), OpcodeType.OP_EQUALVERIFY, OpcodeType.OP_CHECKSIG);
        Assert.Equal(p2pkh, new PubKeyHashDestination(PubKeys[0].Hash).ToScript());
        Assert.Equal(S(OpcodeType.OP_HASH160, p2pkh.Hash.ToBytes(), OpcodeType.OP_EQUAL), ScriptHashDestination.ForScript(p2pkh).ToScript());
        Assert.Equal(Script.Empty, new NoDestination().ToScript());
        Assert.False(new NoDestination().IsValid);
        Assert.Equal(S(PubKeys[0], OpcodeType.OP_CHECKSIG), ScriptSolver.GetScriptForRawPubKey(PubKeys[0]));
        Assert.Equal(S(OpcodeType.OP_2, PubKeys[0], PubKeys[1], PubKeys[2], OpcodeType.OP_3, OpcodeType.OP_CHECKMULTISIG), ScriptSolver.GetScriptForMultisig(2, PubKeys));
        Assert.Equal(S(OpcodeType.OP_0, PubKeys[0].Hash.ToBytes()), new WitnessV0KeyHashDestination(PubKeys[0].Hash).ToScript());

        var witnessScript = S(OpcodeType.OP_1, PubKeys[0], OpcodeType.OP_1, OpcodeType.OP_CHECKMULTISIG);
        Assert.Equal(S(OpcodeType.OP_0, Sha256(witnessScript)), WitnessV0ScriptHashDestination.ForScript(witnessScript).ToScript());
        byte[] xonly = PubKeys[0].ToBytes()[1..];
        Assert.Equal(S(OpcodeType.OP_1, xonly), new WitnessV1TaprootDestination(xonly).ToScript());
        Assert.Equal(S(OpcodeType.OP_1, Anchor), new PayToAnchorDestination().ToScript());
    }

    [Theory]
    [InlineData(TxoutType.NonStandard, "nonstandard")]
    [InlineData(TxoutType.Anchor, "anchor")]
    [InlineData(TxoutType.PubKey, "pubkey")]
    [InlineData(TxoutType.PubKeyHash, "pubkeyhash")]
    [InlineData(TxoutType.ScriptHash, "scripthash")]
    [InlineData(TxoutType.Multisig, "multisig")]
    [InlineData(TxoutType.NullData, "nulldata")]
    [InlineData(TxoutType.WitnessV0KeyHash, "witness_v0_keyhash")]
    [InlineData(TxoutType.WitnessV0ScriptHash, "witness_v0_scripthash")]
    [InlineData(TxoutType.WitnessV1Taproot, "witness_v1_taproot")]
    [InlineData(TxoutType.WitnessUnknown, "witness_unknown")]
    public void TypeNamesAreCores(TxoutType type, string name) => Assert.Equal(name, ScriptSolver.GetTxnOutputType(type));
}
