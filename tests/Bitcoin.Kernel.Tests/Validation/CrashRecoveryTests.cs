using Bitcoin.Kernel.Tests.Storage;
using Bitcoin.Kernel.Tests.Validation.Support;
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
