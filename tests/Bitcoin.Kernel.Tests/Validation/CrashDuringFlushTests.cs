using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Tests.Storage;
using Bitcoin.Kernel.Tests.Validation.Support;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation;

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
