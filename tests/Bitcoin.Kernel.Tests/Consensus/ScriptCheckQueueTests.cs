using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Parallel script checks give the same verdict as sequential ones, and the first failure in order.</summary>
public class ScriptCheckQueueTests
{
    private static ScriptCheckError? Sequential(IEnumerable<ScriptCheck> checks)
    {
        foreach (var check in checks)
        {
            var failure = check.Run();
            if (failure != null) return failure;
        }
        return null;
    }

    [Fact]
    public void SignedP2WpkhAndP2TrSpendsVerify()
    {
        var checks = SpendFixtures.Checks(4, 4, ScriptFlags.Mandatory);
        Assert.Equal(16, checks.Count);
        Assert.Null(Sequential(checks));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void ParallelQueueMatchesSequentialVerdictForValidAndInvalidBlocks(int workers)
    {
        using var queue = new ScriptCheckQueue(workers);
        var valid = SpendFixtures.Checks(6, 4, ScriptFlags.Mandatory);
        queue.Add(valid.Take(10));
        queue.Add(valid.Skip(10));
        Assert.Null(queue.Complete());

        // Break two inputs: the report must be the earlier one, as in sequential order.
        var broken = SpendFixtures.Checks(6, 4, ScriptFlags.Mandatory);
        var tamperedA = Tamper(broken[17]);
        var tamperedB = Tamper(broken[5]);
        broken[17] = tamperedA;
        broken[5] = tamperedB;
        var expected = Sequential(broken);
        Assert.NotNull(expected);
        for (int round = 0; round < 5; round++)
        {
            queue.Add(broken);
            var actual = queue.Complete();
            Assert.Equal(expected, actual);
        }
        Assert.Contains("input 1 of", expected!.DebugMessage);
        Assert.StartsWith("block-script-verify-flag-failed (", expected.BlockRejectReason);
    }

    private static ScriptCheck Tamper(ScriptCheck check)
    {
        // Same transaction, but claim it spends another key's output: the signature no longer matches.
        var other = new Key(NBitcoin.Crypto.Hashes.SHA256([7, 7, 7])).PubKey.GetTaprootFullPubKey().ScriptPubKey;
        var output = new TxOut(check.SpentOutput.Value, other);
        return new ScriptCheck(check.Transaction, check.InputIndex, output, check.Flags, check.Precomputed);
    }

    [Theory]
    [InlineData(0, 2, 1)]
    [InlineData(-1, 4, 2)]
    [InlineData(3, 8, 2)]
    [InlineData(0, 64, 15)]
    [InlineData(1, 8, 0)]
    public void ParFollowsCoresThreadCountRules(int par, int cores, int expected)
    {
        Assert.Equal(expected, ScriptCheckQueue.WorkerThreadsFromPar(par, cores));
    }

    [Fact]
    public void ExecutionCacheSkipsReverificationAndEraseOnConnect()
    {
        var cache = new ValidationCache();
        var (tx, spent) = SpendFixtures.SignedSpend(2, 99);
        var state = new TxValidationState();
        Assert.True(ScriptChecks.CheckInputScripts(tx, state, spent, ScriptFlags.Mandatory, cacheFullScriptStore: true, null, cache));
        Assert.Equal(1, cache.Count);

        // A cached transaction is not re-run: even wrong spent outputs pass (the cache trusts the txid commitment).
        var wrong = spent.Select(o => new TxOut(o.Value + Money.Satoshis(1), o.ScriptPubKey)).ToArray();
        Assert.True(ScriptChecks.CheckInputScripts(tx, state, wrong, ScriptFlags.Mandatory, cacheFullScriptStore: false, null, cache));
        Assert.Equal(0, cache.Count); // erased on use by a connecting block
        Assert.False(ScriptChecks.CheckInputScripts(tx, state, wrong, ScriptFlags.Mandatory, cacheFullScriptStore: false, null, cache));
        Assert.StartsWith("block-script-verify-flag-failed (", state.RejectReason);
    }
}
