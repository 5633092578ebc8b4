using BenchmarkDotNet.Attributes;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Tests.Validation.Support;
using NBitcoin;

namespace Mempool.Bench;

/// <summary>
/// Accept-to-mempool throughput for signed P2WPKH spends: independent transactions, and chains of
/// <see cref="ChainLength"/> (each spending its parent, as one cluster), against a baseline of verifying the same
/// independent transactions' scripts alone. Each measured call takes <see cref="BatchSize"/> new transactions into an
/// emptied mempool, so results are per transaction.
/// </summary>
[MemoryDiagnoser]
public class AcceptBenchmarks
{
    /// <summary>Transactions per measured call.</summary>
    public const int BatchSize = 1000;

    /// <summary>Transactions per chain in the chain benchmark (Core's default cluster limit is 64).</summary>
    public const int ChainLength = 50;

    // Jitting, warm-up and measured iterations each use a fresh batch (the job runs at most this many).
    private const int Batches = 10;

    private BenchChain _chain = null!;
    private List<Transaction>[] _independent = null!;
    private List<Transaction>[] _chains = null!;
    private List<(Transaction Tx, TxOut[] Spent)> _verifyBatch = null!;
    private int _nextIndependent;
    private int _nextChain;

    [GlobalSetup]
    public void Setup()
    {
        _chain = new BenchChain();
        int chainsPerBatch = BatchSize / ChainLength;
        var coins = _chain.ConfirmOutputs((Batches * BatchSize) + (Batches * chainsPerBatch), 1_000_000, opTrue: false);
        int next = 0;
        _independent = new List<Transaction>[Batches];
        _chains = new List<Transaction>[Batches];
        for (int b = 0; b < Batches; b++)
        {
            // 1,000 sat for 110 vB: about 9 sat/vB.
            _independent[b] = [.. Enumerable.Range(0, BatchSize).Select(i => _chain.SignedSpend(coins[next++], 1_000, out _))];
            var chained = new List<Transaction>(BatchSize);
            for (int c = 0; c < chainsPerBatch; c++)
            {
                var coin = coins[next++];
                for (int i = 0; i < ChainLength; i++)
                {
                    chained.Add(_chain.SignedSpend(coin, 1_000, out var created));
                    coin = created;
                }
            }
            _chains[b] = chained;
        }

        _verifyBatch = [.. _independent[0].Select((tx, i) => (tx, new[] { coins[i].Output }))];
        // Everything must be accepted, or the figures would measure rejections.
        AcceptAll(_independent[^1]);
        AcceptAll(_chains[^1]);
        _chain.ClearMempool();
    }

    [GlobalCleanup]
    public void Cleanup() => _chain.Dispose();

    [IterationSetup]
    public void EmptyMempool() => _chain.ClearMempool();

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize, Description = "verify scripts of 1,000 P2WPKH spends (no mempool)")]
    public int VerifyScriptsOnly()
    {
        int valid = 0;
        foreach (var (tx, spent) in _verifyBatch)
        {
            var precomputed = ScriptChecks.Precompute(tx, spent);
            if (ScriptChecks.CheckInputScripts(tx, new TxValidationState(), spent, ScriptChecks.Standard, cacheFullScriptStore: false, precomputed, null)) valid++;
        }
        return valid;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "accept 1,000 independent P2WPKH spends")]
    public int AcceptIndependent() => AcceptAll(_independent[_nextIndependent++ % (Batches - 1)]);

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "accept 20 chains of 50 P2WPKH spends")]
    public int AcceptChains() => AcceptAll(_chains[_nextChain++ % (Batches - 1)]);

    private int AcceptAll(List<Transaction> batch)
    {
        foreach (var tx in batch)
        {
            var result = _chain.Mempool.AcceptToMemoryPool(tx);
            if (result.ResultType != MempoolAcceptResultType.Valid) throw new InvalidOperationException($"rejected: {result.State}");
        }
        return _chain.Mempool.Count;
    }
}
