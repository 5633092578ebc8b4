using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Psbt;
using NBitcoin;

namespace Bitcoin.Common.Tests.Psbt;

/// <summary>Core's psbt_tests.cpp update_psbt_output_*: UpdatePSBTOutput fills scripts and key paths from a provider.</summary>
public sealed class PsbtOutputUpdateTests
{
    [Theory]
    [InlineData("pkh(<KEY>)", false)]
    [InlineData("pkh(<KEY>)", true)]
    [InlineData("wpkh(<KEY>)", false)]
    [InlineData("wpkh(<KEY>)", true)]
    public void KeyPathsAreFilledWithoutScripts(string descriptor, bool hasInput)
    {
        var (pubkey, output) = Update(descriptor, hasInput);
        Assert.True(output.HdKeypaths.ContainsKey(pubkey));
        Assert.Equal(0, output.RedeemScript.Length);
        Assert.Equal(0, output.WitnessScript.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RedeemScriptIsFilledForP2shP2wpkh(bool hasInput)
    {
        var (pubkey, output) = Update("sh(wpkh(<KEY>))", hasInput);
        Assert.Equal(pubkey.WitHash.ScriptPubKey, output.RedeemScript);
        Assert.True(output.HdKeypaths.ContainsKey(pubkey));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WitnessScriptIsFilledForP2wsh(bool hasInput)
    {
        var (pubkey, output) = Update("wsh(pk(<KEY>))", hasInput);
        Assert.Equal(new Script(Op.GetPushOp(pubkey.ToBytes()), OpcodeType.OP_CHECKSIG), output.WitnessScript);
        Assert.True(output.HdKeypaths.ContainsKey(pubkey));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MiniscriptWithTimelockGetsItsWitnessScript(bool hasInput)
    {
        var (pubkey, output, spk) = UpdateWithScript("wsh(and_v(v:pk(<KEY>),older(144)))", hasInput);
        Assert.Equal(spk, output.WitnessScript.WitHash.ScriptPubKey);
        Assert.True(output.HdKeypaths.ContainsKey(pubkey));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TaprootKeysGetTaprootPathsOnly(bool hasInput)
    {
        var (pubkey, output) = Update("rawtr(<KEY>)", hasInput);
        Assert.True(output.TapBip32Paths.ContainsKey(new XOnlyPubKey(pubkey)));
        Assert.Empty(output.HdKeypaths);
    }

    private static (PubKey, PsbtOutput) Update(string descriptor, bool hasInput)
    {
        var (pk, output, _) = UpdateWithScript(descriptor, hasInput);
        return (pk, output);
    }

    private static (PubKey, PsbtOutput, Script) UpdateWithScript(string descriptor, bool hasInput)
    {
        var key = new Key();
        var provider = new FlatSigningProvider();
        provider.Keys[key.PubKey.Hash] = key;
        var text = descriptor.Replace("<KEY>", key.PubKey.ToHex(), StringComparison.Ordinal);
        var parsed = Descriptor.Parse(text, Network.RegTest, provider, requireChecksum: false);
        Assert.True(parsed[0].Expand(0, provider, out var scripts, provider));
        Assert.Single(scripts);
        var tx = Network.RegTest.CreateTransaction();
        if (hasInput) tx.Inputs.Add(new TxIn());
        tx.Outputs.Add(new TxOut(Money.Zero, scripts[0]));
        var psbt = new PartiallySignedTransaction(tx);
        PsbtOperations.UpdateOutput(provider, psbt, 0);
        return (key.PubKey, psbt.Outputs[0], scripts[0]);
    }
}
