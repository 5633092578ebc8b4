using System.Security.Cryptography;
using System.Text;
using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Kernel.CrashHarness;

/// <summary>
/// Opens (or creates) a regtest chainstate in the given data directory and keeps extending it with blocks full of
/// P2WPKH and P2TR spends, with forced flushes and occasional reorgs, until killed or --max-blocks is reached.
/// Prints "READY h hash" once loaded, "FLUSHED h hash" after every completed chainstate flush (so a test knows
/// what must survive a crash), "TIP h hash" per block and "DONE" at the end.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        HarnessOptions options;
        try
        {
            options = HarnessOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        if (Environment.GetEnvironmentVariable("KERNEL_HARNESS_LOG") is { Length: > 0 }) Bitcoin.Common.Logging.Log.Sink = new StderrLogSink();
        var chainParams = ChainParams.Create(ChainType.Regtest);
        // One fixed key owns every output, so spendable coins can be found again after a restart.
        var key = new Key(SHA256.HashData(Encoding.UTF8.GetBytes("kernel crash harness key")));
        var builder = new TestChainBuilder(chainParams, options.Seed, () => key);
        var random = new Random(options.Seed);

        ChainstateManager chainman;
        try
        {
            chainman = ChainstateManager.Load(new ChainstateManagerOptions
            {
                ChainParams = chainParams,
                DataDir = options.DataDir,
                DbCacheBytes = CacheSizes.DbCacheBytesFromMiB(options.DbCacheMiB),
                DbCrashRatio = options.DbCrashRatio,
                DbBatchSizeBytes = options.BatchBytes,
                ScriptCheckThreads = options.Par,
                Reindex = options.Reindex,
                ReindexChainstate = options.ReindexChainstate,
            });
        }
        catch (KernelInitException e)
        {
            Console.Error.WriteLine($"Error: {e.FormatInitError(reindexRequested: false)}");
            return 2;
        }

        using (chainman)
        {
            chainman.ChainStateFlushedSynchronously += index => Console.WriteLine($"FLUSHED {index.Height} {index.Hash}");
            var importClock = System.Diagnostics.Stopwatch.StartNew();
            if (!chainman.ImportBlocks()) return 2;
            var tip = chainman.ActiveTip!;
            Console.WriteLine($"READY {tip.Height} {tip.Hash} import={importClock.ElapsedMilliseconds}ms");
            RescanSpendable(chainman, builder, key);

            for (int n = 0; n < options.MaxBlocks; n++)
            {
                tip = chainman.ActiveTip!;
                if (n > 0 && random.Next(25) == 0 && tip.Height > 1)
                {
                    Reorg(chainman, builder, tip);
                    RescanSpendable(chainman, builder, key);
                    continue;
                }

                var transactions = new List<Transaction>();
                var mature = builder.Mature(tip.Height).OrderBy(_ => random.Next()).ToList();
                for (int t = 0; t < 4 && mature.Count >= 2; t++)
                {
                    int inputs = 1 + random.Next(2);
                    transactions.Add(builder.Spend(mature.Take(inputs).ToList(), outputCount: 2, fee: Money.Satoshis(500)));
                    mature.RemoveRange(0, inputs);
                }
                var block = builder.BuildBlock(tip, transactions, Money.Satoshis(500L * transactions.Count));
                var result = chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true);
                if (!result.Accepted)
                {
                    Console.Error.WriteLine($"block rejected: {result.CheckedState}");
                    return 3;
                }
                tip = chainman.ActiveTip!;
                Console.WriteLine($"TIP {tip.Height} {tip.Hash}");
                if (random.Next(8) == 0) chainman.FlushStateToDisk(random.Next(2) == 0 ? FlushStateMode.ForceFlush : FlushStateMode.ForceSync);
            }
            Console.WriteLine("DONE");
        }
        return 0;
    }

    // Replaces the tip with a two-block branch from its parent: a reorg that disconnects a block with spends.
    private static void Reorg(ChainstateManager chainman, TestChainBuilder builder, BlockIndex tip)
    {
        var parent = tip.Previous!;
        var first = builder.BuildBlock(parent, time: tip.Time + 1);
        chainman.ProcessNewBlock(first, forceProcessing: true, minPowChecked: true);
        var firstIndex = chainman.LookupBlockIndex(first.GetHash())!;
        var second = builder.BuildBlock(firstIndex);
        chainman.ProcessNewBlock(second, forceProcessing: true, minPowChecked: true);
        var now = chainman.ActiveTip!;
        Console.WriteLine($"TIP {now.Height} {now.Hash}");
    }

    // Forgets what the builder tracked and finds the key's coins in the flushed UTXO set.
    private static void RescanSpendable(ChainstateManager chainman, TestChainBuilder builder, Key key)
    {
        foreach (var output in builder.Spendable.ToList()) builder.Forget(output);
        chainman.FlushStateToDisk(FlushStateMode.ForceSync);
        var scripts = new HashSet<Script>
        {
            key.PubKey.WitHash.ScriptPubKey,
            key.PubKey.GetScriptPubKey(ScriptPubKeyType.TaprootBIP86),
        };
        lock (chainman.Lock)
        {
            foreach (var (outpoint, coin) in chainman.ActiveChainstate.CoinsDb.EnumerateCoins())
            {
                if (scripts.Contains(coin.Output.ScriptPubKey))
                    builder.AddSpendable(new SpendableOutput(outpoint, coin.Output, key, coin.Height, coin.IsCoinbase));
            }
        }
    }
}
