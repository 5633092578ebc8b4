using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Tests.Consensus.Vectors;
using NBitcoin;
using Xunit.Abstractions;

namespace Bitcoin.Kernel.Tests.Consensus;

public class ScriptVectorTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryScriptTestsVectorGivesCoresVerdictAndError()
    {
        var failures = new List<string>();
        var vectors = ScriptTestVector.Load();
        foreach (var v in vectors)
        {
            var flags = v.Flags;
            if ((flags & ScriptVerifyFlags.CleanStack) != 0) flags |= ScriptVerifyFlags.P2Sh | ScriptVerifyFlags.Witness;
            var (credit, spend) = v.BuildTransactions();
            var precomputed = new TaprootReadyPrecomputedTransactionData(spend, [credit.Outputs[0]]);
            var actual = ScriptVerifier.Verify(spend, 0, credit.Outputs[0], flags, precomputed);
            if (actual != v.Expected) failures.Add($"{ScriptVerifyErrors.Name(actual)} where {ScriptVerifyErrors.Name(v.Expected)} expected: {v}");
        }
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(failures.Count == 0, $"{failures.Count} of {vectors.Count} vectors failed:\n" + string.Join("\n", failures));
    }
}
