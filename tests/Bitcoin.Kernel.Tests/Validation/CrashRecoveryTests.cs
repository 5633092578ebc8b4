using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Tests.Storage;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

// Crash safety: a child process builds a chain with real transactions and is killed with SIGKILL at random moments;
// every restart must come back to a consistent tip that passes VerifyDB at level 4 and still has every block whose
// flush had completed.
public class CrashRecoveryTests
{
    [Fact]
    public void RestartAfterKillDashNineIsConsistentAndKeepsFlushedBlocks()
    {
        using var dir = new TempDirectory();
        var random = new Random(20240601);
        for (int round = 0; round < 5; round++)
        {
            (int Height, uint256 Hash)? lastFlushed;
            using (var harness = CrashHarnessProcess.Start(dir.Path, "--seed", round.ToString(), "--max-blocks", "300"))
            {
                Assert.NotNull(harness.ReadUntil("READY"));
                // Kill after a random number of blocks: somewhere in block processing, a flush or a reorg.
                int blocks = random.Next(10, 120);
                for (int i = 0; i < blocks && harness.ReadUntil("TIP") is not null; i++)
                {
                }
                harness.KillHard();
                lastFlushed = CrashChecks.LastFlushed(harness.Seen);
            }
            CrashChecks.AssertRecovers(dir.Path, lastFlushed);
        }
    }
}

// A crash inside a coins flush (Core's -dbcrashratio: the process exits between two write batches) leaves the
// head-blocks marker; the restart must replay to a consistent tip.
public class CrashDuringFlushTests
{
    [Fact]
    public void CrashInTheMiddleOfACoinsFlushIsReplayed()
    {
        using var dir = new TempDirectory();
        // Build up a UTXO set first, so that flushes span several small batches.
        using (var harness = CrashHarnessProcess.Start(dir.Path, "--seed", "7", "--max-blocks", "120"))
        {
            Assert.NotNull(harness.ReadUntil("DONE"));
            harness.WaitForExit();
            Assert.Equal(0, harness.ExitCode);
        }
        for (int round = 0; round < 2; round++)
        {
            (int Height, uint256 Hash)? lastFlushed;
            // -dbcrashratio: after each 2 KB batch of a coins flush, exit at once with probability 1/3. Over 200
            // blocks with dozens of multi-batch flushes, not crashing is vanishingly unlikely.
            using (var harness = CrashHarnessProcess.Start(dir.Path, "--seed", (100 + round).ToString(), "--max-blocks", "200",
                       "--dbcrashratio", "3", "--batch-bytes", "2048"))
            {
                harness.WaitForExit();
                Assert.True(harness.ExitCode == 0, harness.StandardError);
                Assert.DoesNotContain("DONE", harness.Seen);
                lastFlushed = CrashChecks.LastFlushed(harness.Seen);
            }
            // The crash happened after the first batch, so the coins database is marked as mid-flush.
            using (var coins = KeyValueDb.Open(new KeyValueDbOptions { Path = Path.Combine(dir.Path, "chainstate") }))
            {
                Assert.NotNull(coins.Read([(byte)'H']));
                Assert.Null(coins.Read([(byte)'B']));
            }
            CrashChecks.AssertRecovers(dir.Path, lastFlushed);
        }
    }
}

internal static class CrashChecks
{
    private static readonly ChainParams Regtest = ChainParams.Create(ChainType.Regtest);

    public static (int Height, uint256 Hash)? LastFlushed(IEnumerable<string> lines)
    {
        var last = lines.LastOrDefault(l => l.StartsWith("FLUSHED ", StringComparison.Ordinal));
        if (last is null) return null;
        var parts = last.Split(' ');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), uint256.Parse(parts[2]));
    }

    public static void AssertRecovers(string dataDir, (int Height, uint256 Hash)? lastFlushed)
    {
        // Loading runs ReplayBlocks and the start-up VerifyDB, here at level 4 over the whole chain.
        using var chainman = ChainstateManager.Load(new ChainstateManagerOptions
        {
            ChainParams = Regtest,
            DataDir = dataDir,
            DbCacheBytes = 64L << 20,
            CheckLevel = 4,
            CheckBlocks = 0,
            RequireFullVerification = true,
        });
        // Load succeeded, so the verification passed (a failure or skipped level throws KernelInitException).
        Assert.True(chainman.ImportBlocks());
        var tip = chainman.ActiveTip!;
        lock (chainman.Lock)
        {
            Assert.Empty(chainman.ActiveChainstate.CoinsDb.GetHeadBlocks());
            if (lastFlushed is { } flushed)
            {
                // Nothing that was flushed is lost: the block is still stored, and the tip has at least its work
                // (it is an ancestor of the tip unless a heavier branch was activated after it).
                var index = chainman.Blockman.LookupBlockIndex(flushed.Hash);
                Assert.NotNull(index);
                Assert.Equal(flushed.Height, index!.Height);
                Assert.True((index.Status & BlockStatus.HaveData) != 0);
                Assert.True(tip.ChainWork >= index.ChainWork, $"tip {tip.Height} has less work than flushed block {flushed.Height}");
                Assert.NotNull(chainman.ReadBlock(index));
            }
        }
    }
}
