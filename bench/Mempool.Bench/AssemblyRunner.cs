using System.Diagnostics;
using System.Globalization;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Node.Mempool;
using Bitcoin.Node.Mining;
using NBitcoin;

namespace Mempool.Bench;

/// <summary>
/// Block assembly from a full mempool (-maxmempool's default 300 MB of Core-accounted memory): fills the pool with
/// P2WSH(OP_TRUE) spends at random fee rates, a fifth of them children of earlier ones (so clusters form), then times
/// CreateNewBlock with and without the final TestBlockValidity, beside the same from an empty mempool.
/// Not BenchmarkDotNet: filling takes a minute, and one fill serves every measurement.
/// </summary>
internal static class AssemblyRunner
{
    private const int Repetitions = 5;

    public static void Run(long mempoolBytes)
    {
        using var chain = new BenchChain(mempoolBytes);
        var source = new MempoolBlockSource(chain.Mempool);
        var clock = Stopwatch.StartNew();

        // Roughly 900 bytes of accounted memory per transaction: confirm enough coins for the target, with margin.
        int coinsNeeded = (int)(mempoolBytes / 800);
        var coins = chain.ConfirmOutputs(coinsNeeded, 40_000, opTrue: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Confirmed {coins.Count:N0} P2WSH(OP_TRUE) coins in {chain.Tip.Height} blocks: {clock.Elapsed.TotalSeconds:F1} s"));

        var empty = Measure(chain, source, testValidity: false);
        var emptyChecked = Measure(chain, source, testValidity: true);

        clock.Restart();
        var random = new Random(7);
        var childCandidates = new List<(OutPoint OutPoint, long Value)>();
        int accepted = 0, rejected = 0;
        foreach (var coin in coins)
        {
            if (chain.Mempool.DynamicMemoryUsage >= mempoolBytes * 98 / 100) break;
            var inputs = new List<OutPoint> { coin.OutPoint };
            long total = coin.Output.Value.Satoshi;
            if (childCandidates.Count > 0 && random.Next(5) == 0)
            {
                // A child also spending an output of an earlier mempool transaction.
                int pick = random.Next(childCandidates.Count);
                inputs.Add(childCandidates[pick].OutPoint);
                total += childCandidates[pick].Value;
                childCandidates[pick] = childCandidates[^1];
                childCandidates.RemoveAt(childCandidates.Count - 1);
            }
            long feeRate = 1 + random.Next(50);
            long fee = feeRate * (inputs.Count * 68 + 2 * 43 + 11);
            var tx = chain.OpTrueSpend(inputs, total, outputs: 2, fee);
            var result = chain.Mempool.AcceptToMemoryPool(tx);
            if (result.ResultType == MempoolAcceptResultType.Valid)
            {
                accepted++;
                long each = tx.Outputs[1].Value.Satoshi;
                childCandidates.Add((new OutPoint(tx, 1), each));
            }
            else
            {
                rejected++;
            }
        }
        double fillSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Filled the mempool: {chain.Mempool.Count:N0} transactions, {chain.Mempool.DynamicMemoryUsage / 1e6:F1} MB accounted, {chain.Mempool.TotalTxSize / 1e6:F1} MB of transactions; {accepted:N0} accepted ({accepted / fillSeconds:F0} tx/s), {rejected:N0} refused (limits or below the rising minimum fee)"));

        var full = Measure(chain, source, testValidity: false);
        var fullChecked = Measure(chain, source, testValidity: true);
        Console.WriteLine();
        Console.WriteLine("| Block assembly (CreateNewBlock)                  | Median (ms) | Ratio to empty | Allocated/block | Gen2 GCs |");
        Console.WriteLine("|--------------------------------------------------|------------:|---------------:|----------------:|---------:|");
        Row("empty mempool, selection only (baseline)", empty, empty);
        Row($"full mempool, selection only ({full.Transactions:N0} txs chosen)", full, empty);
        Row("empty mempool, with TestBlockValidity (baseline)", emptyChecked, emptyChecked);
        Row($"full mempool, with TestBlockValidity", fullChecked, emptyChecked);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Full template: {full.Transactions:N0} transactions, weight {full.Weight:N0}, fees {full.Fees:N0} sat"));
    }

    private static void Row(string name, Measurement m, Measurement baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name,-48} | {m.MedianMs,11:F2} | {m.MedianMs / baseline.MedianMs,14:F1} | {m.AllocatedPerBlock / 1e6,12:F1} MB | {m.Gen2Collections,8} |"));

    private static Measurement Measure(BenchChain chain, MempoolBlockSource source, bool testValidity)
    {
        var times = new List<double>();
        BlockTemplate? template = null;
        int gen2Before = GC.CollectionCount(2);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        // One unmeasured run to warm up.
        for (int i = 0; i <= Repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            template = new BlockAssembler(chain.Chainman, source, new BlockCreateOptions { TestBlockValidity = testValidity }).CreateNewBlock();
            if (i > 0) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var block = template!.Block;
        return new Measurement(times[times.Count / 2], block.Transactions.Count - 1, block.GetWeight(), template.TxFees.Sum(),
            (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (Repetitions + 1), GC.CollectionCount(2) - gen2Before);
    }

    private sealed record Measurement(double MedianMs, int Transactions, long Weight, long Fees, long AllocatedPerBlock, int Gen2Collections);
}
