using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Psbt;
using NBitcoin;

namespace Bitcoin.Common.Tests.Psbt;

/// <summary>Core's rpc_psbt.json: BIP 174 / BIP 370 vectors and the role examples, run through our PSBT code.</summary>
public sealed class PsbtCoreVectorTests
{
    [Fact]
    public void EveryInvalidVectorFailsToDecode()
    {
        int n = 0;
        foreach (var text in PsbtTestData.Strings("invalid"))
        {
            Assert.False(PsbtEncoding.TryDecodeBase64(text, out _, out var error), text);
            Assert.NotEmpty(error);
            n++;
        }
        Assert.Equal(63, n);
    }

    [Fact]
    public void InvalidVectorsFailWithCoresMessage()
    {
        foreach (var pair in PsbtTestData.Vectors["invalid_with_msg"]!.AsArray())
        {
            string text = pair![0]!.GetValue<string>(), message = pair[1]!.GetValue<string>();
            Assert.False(PsbtEncoding.TryDecodeBase64(text, out _, out var error));
            Assert.StartsWith(message, error, StringComparison.Ordinal);
            Assert.EndsWith(": iostream error", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryValidVectorDecodesAndReencodesToTheSameBytes()
    {
        int n = 0, identical = 0;
        foreach (var text in PsbtTestData.Strings("valid"))
        {
            Assert.True(PsbtEncoding.TryDecodeBase64(text, out var psbt, out var error), error);
            string again = PsbtEncoding.ToBase64(psbt);
            if (again == text)
            {
                identical++;
            }
            else
            {
                // Core writes non-witness UTXOs without their witnesses (TX_NO_WITNESS), so only a PSBT carrying a
                // witness there may change; the result must then be stable.
                Assert.Contains(psbt.Inputs, i => i.NonWitnessUtxo is { } prev && prev.Inputs.Any(x => x.WitScript.PushCount > 0));
                Assert.True(PsbtEncoding.TryDecodeBase64(again, out var reread, out error), error);
                Assert.Equal(again, PsbtEncoding.ToBase64(reread));
            }
            // The JSON of decodepsbt must be computable for every valid PSBT.
            PsbtJson.Decode(psbt, Network.RegTest);
            n++;
        }
        Assert.Equal(48, n);
        Assert.True(identical >= 40, $"only {identical} of {n} vectors re-encode to the same bytes");
    }

    [Fact]
    public void CreatorMakesTheExpectedPsbt()
    {
        foreach (var creator in PsbtTestData.Vectors["creator"]!.AsArray())
        {
            var tx = RawTransactionConstruction.ConstructTransaction(creator!["inputs"], creator["outputs"], null, replaceable: false, 2, Network.RegTest);
            var psbt = new PartiallySignedTransaction(tx, (uint)creator["version"]!.GetValue<int>());
            Assert.Equal(creator["result"]!.GetValue<string>(), PsbtEncoding.ToBase64(psbt));
        }
    }

    [Fact]
    public void SignerAddsTheExpectedSignatures()
    {
        foreach (var signer in PsbtTestData.Vectors["signer"]!.AsArray())
        {
            var provider = new FlatSigningProvider();
            foreach (var wif in signer!["privkeys"]!.AsArray())
            {
                var key = Key.Parse(wif!.GetValue<string>(), Network.RegTest);
                provider.Keys[key.PubKey.Hash] = key;
                provider.PubKeys[key.PubKey.Hash] = key.PubKey;
            }
            Assert.True(PsbtEncoding.TryDecodeBase64(signer["psbt"]!.GetValue<string>(), out var psbt, out var error), error);
            var txData = PsbtOperations.PrecomputeData(psbt);
            for (int i = 0; i < psbt.Inputs.Count; i++)
                PsbtOperations.SignInput(provider, psbt, i, txData, new PsbtFillOptions { SighashType = 1, Finalize = true });
            Assert.Equal(signer["result"]!.GetValue<string>(), PsbtEncoding.ToBase64(psbt));
        }
    }

    [Fact]
    public void CombinerMergesSignatures()
    {
        foreach (var combiner in PsbtTestData.Vectors["combiner"]!.AsArray())
        {
            var psbts = combiner!["combine"]!.AsArray().Select(Decode).ToList();
            var combined = PsbtOperations.Combine(psbts);
            Assert.NotNull(combined);
            Assert.Equal(combiner["result"]!.GetValue<string>(), PsbtEncoding.ToBase64(combined));
        }
    }

    [Fact]
    public void FinalizerMakesFinalScripts()
    {
        foreach (var finalizer in PsbtTestData.Vectors["finalizer"]!.AsArray())
        {
            var psbt = Decode(finalizer!["finalize"]);
            Assert.True(PsbtOperations.Finalize(psbt));
            Assert.Equal(finalizer["result"]!.GetValue<string>(), PsbtEncoding.ToBase64(psbt));
        }
    }

    [Fact]
    public void ExtractorMakesTheNetworkTransaction()
    {
        foreach (var extractor in PsbtTestData.Vectors["extractor"]!.AsArray())
        {
            var psbt = Decode(extractor!["extract"]);
            var tx = PsbtOperations.FinalizeAndExtract(psbt);
            Assert.NotNull(tx);
            Assert.Equal(extractor["result"]!.GetValue<string>(), TransactionDecoding.EncodeHexTx(tx));
        }
    }

    private static PartiallySignedTransaction Decode(System.Text.Json.Nodes.JsonNode? node)
    {
        Assert.True(PsbtEncoding.TryDecodeBase64(node!.GetValue<string>(), out var psbt, out var error), error);
        return psbt;
    }
}
