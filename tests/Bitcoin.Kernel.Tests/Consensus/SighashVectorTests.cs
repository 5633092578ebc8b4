using System.Text.Json;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Tests.Consensus.Vectors;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Core's sighash.json (legacy signature hashes) and the key-path part of bip341_wallet_vectors.json.</summary>
public class SighashVectorTests
{
    [Fact]
    public void EveryLegacySighashVectorMatches()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var test in TestData.ReadJson("sighash.json").EnumerateArray())
        {
            var items = test.EnumerateArray().ToArray();
            if (items.Length == 1) continue; // comment
            count++;
            var tx = Transaction.Parse(items[0].GetString()!, Network.Main);
            var script = Script.FromBytesUnsafe(Convert.FromHexString(items[1].GetString()!));
            int input = items[2].GetInt32();
            var hashType = unchecked((SigHash)(uint)items[3].GetInt32());
            var expected = uint256.Parse(items[4].GetString()!);
            var actual = tx.GetSignatureHash(script, input, hashType, null, HashVersion.Original);
            if (actual != expected) failures.Add($"{actual} != {expected}: {test.GetRawText()[..Math.Min(120, test.GetRawText().Length)]}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void EveryBip341KeyPathSpendHasTheExpectedSighashAndVerifies()
    {
        var root = TestData.ReadJson("bip341_wallet_vectors.json");
        int verified = 0;
        foreach (var vector in root.GetProperty("keyPathSpending").EnumerateArray())
        {
            var given = vector.GetProperty("given");
            var tx = Transaction.Parse(given.GetProperty("rawUnsignedTx").GetString()!, Network.Main);
            var spent = given.GetProperty("utxosSpent").EnumerateArray()
                .Select(u => new TxOut(Money.Satoshis(u.GetProperty("amountSats").GetInt64()),
                    Script.FromBytesUnsafe(Convert.FromHexString(u.GetProperty("scriptPubKey").GetString()!))))
                .ToArray();
            var precomputed = tx.PrecomputeTransactionData(spent);
            var signed = Transaction.Parse(vector.GetProperty("auxiliary").GetProperty("fullySignedTx").GetString()!, Network.Main);

            foreach (var spending in vector.GetProperty("inputSpending").EnumerateArray())
            {
                int index = spending.GetProperty("given").GetProperty("txinIndex").GetInt32();
                int hashType = spending.GetProperty("given").GetProperty("hashType").GetInt32();
                var expectedHash = Convert.FromHexString(spending.GetProperty("intermediary").GetProperty("sigHash").GetString()!);
                var actual = tx.GetSignatureHashTaproot(precomputed, new TaprootExecutionData(index) { SigHash = (TaprootSigHash)hashType });
                Assert.Equal(expectedHash, actual.ToBytes());

                // The fully signed transaction's input verifies under block flags, and fails against another amount.
                var signedPrecomputed = ScriptChecks.Precompute(signed, spent);
                Assert.Equal(ScriptVerifyError.Ok, ScriptVerifier.Verify(signed, index, spent[index], ScriptFlags.Mandatory, signedPrecomputed));
                var wrongAmounts = spent.Select(o => new TxOut(o.Value + Money.Satoshis(1), o.ScriptPubKey)).ToArray();
                Assert.Equal(ScriptVerifyError.SchnorrSig,
                    ScriptVerifier.Verify(signed, index, spent[index], ScriptFlags.Mandatory, ScriptChecks.Precompute(signed, wrongAmounts)));
                verified++;
            }
        }
        Assert.True(verified >= 7);
    }
}
