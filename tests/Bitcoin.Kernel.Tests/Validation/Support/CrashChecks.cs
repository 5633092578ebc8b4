using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>What must hold after a crash: the chainstate loads with VerifyDB level 4 and keeps the last flushed block.</summary>
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
