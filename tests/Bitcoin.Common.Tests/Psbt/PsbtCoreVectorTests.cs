using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Psbt;
using NBitcoin;

namespace Bitcoin.Common.Tests.Psbt;

/// <summary>The BIP 174 / BIP 370 vectors and role examples Core's rpc_psbt.py uses (Psbt/Data), run through our PSBT code.</summary>
public sealed class PsbtCoreVectorTests
{
    [Fact]
    public void EveryInvalidVectorFailsToDecode()
    {
        int n = 0;
        foreach (var text in PsbtTestData.Rejected)
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
        foreach (var (text, message) in PsbtTestData.RejectedWithReasons)
        {
            Assert.False(PsbtEncoding.TryDecodeBase64(text, out _, out var error));
            Assert.StartsWith(message, error, StringComparison.Ordinal);
            Assert.EndsWith(": iostream error", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryValidVectorDecodesAndReencodesToTheSameBytes()
    {
        int n = 0, identical = 0;
        foreach (var text in PsbtTestData.Accepted)
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
        foreach (var creator in PsbtTestData.Role("create"))
        {
            var tx = RawTransactionConstruction.ConstructTransaction(creator["inputs"], creator["outputs"], null, replaceable: false, 2, Network.RegTest);
            var psbt = new PartiallySignedTransaction(tx, (uint)creator["version"]!.GetValue<int>());
            Assert.Equal(creator["expect"]!.GetValue<string>(), PsbtEncoding.ToBase64(psbt));
        }
    }

    [Fact]
    public void SignerAddsTheExpectedSignatures()
    {
        foreach (var signer in PsbtTestData.Role("sign"))
        {
            var provider = new FlatSigningProvider();
            foreach (var wif in signer["keys"]!.AsArray())
            {
                var key = Key.Parse(wif!.GetValue<string>(), Network.RegTest);
                provider.Keys[key.PubKey.Hash] = key;
                provider.PubKeys[key.PubKey.Hash] = key.PubKey;
            }
            Assert.True(PsbtEncoding.TryDecodeBase64(signer["psbt"]!.GetValue<string>(), out var psbt, out var error), error);
            var txData = PsbtOperations.PrecomputeData(psbt);
            for (int i = 0; i < psbt.Inputs.Count; i++)
                PsbtOperations.SignInput(provider, psbt, i, txData, new PsbtFillOptions { SighashType = 1, Finalize = true });
            Assert.Equal(signer["expect"]!.GetValue<string>(), PsbtEncoding.ToBase64(psbt));
        }
    }

    [Fact]
    public void CombinerMergesSignatures()
    {
        foreach (var combiner in PsbtTestData.Role("combine"))
        {
            var psbts = combiner["psbts"]!.AsArray().Select(Decode).ToList();
            var combined = PsbtOperations.Combine(psbts);
            Assert.NotNull(combined);
            Assert.Equal(combiner["expect"]!.GetValue<string>(), PsbtEncoding.ToBase64(combined));
        }
    }

    [Fact]
    public void FinalizerMakesFinalScripts()
    {
        foreach (var finalizer in PsbtTestData.Role("finalize"))
        {
            var psbt = Decode(finalizer["psbt"]);
            Assert.True(PsbtOperations.Finalize(psbt));
            Assert.Equal(finalizer["expect"]!.GetValue<string>(), PsbtEncoding.ToBase64(psbt));
        }
    }

    [Fact]
    public void ExtractorMakesTheNetworkTransaction()
    {
        foreach (var extractor in PsbtTestData.Role("extract"))
        {
            var psbt = Decode(extractor["psbt"]);
            var tx = PsbtOperations.FinalizeAndExtract(psbt);
            Assert.NotNull(tx);
            Assert.Equal(extractor["expect"]!.GetValue<string>(), TransactionDecoding.EncodeHexTx(tx));
        }
    }

    private static PartiallySignedTransaction Decode(System.Text.Json.Nodes.JsonNode? node)
    {
        Assert.True(PsbtEncoding.TryDecodeBase64(node!.GetValue<string>(), out var psbt, out var error), error);
        return psbt;
    }
}
