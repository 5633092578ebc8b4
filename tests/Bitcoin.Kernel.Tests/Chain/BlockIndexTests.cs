using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Chain;

/// <summary>Skip list, median time past, validity levels and CChain behaviour (Core's skiplist_tests facts).</summary>
public class BlockIndexTests
{
    private static List<BlockIndex> Chain(int length, int forkFrom = -1, List<BlockIndex>? trunk = null, uint salt = 0)
    {
        var chain = new List<BlockIndex>();
        for (int h = 0; h < length; h++)
        {
            BlockIndex? previous = h == 0 ? null : chain[^1];
            if (trunk != null && h <= forkFrom)
            {
                chain.Add(trunk[h]);
                continue;
            }
            var entry = new BlockIndex(new uint256((ulong)((salt * 1_000_000) + (uint)h + 1)), 4, uint256.Zero, (uint)(1000 + (h * 600) + (h % 3)), 0x207fffff, 0)
            {
                Height = h,
                Previous = previous,
            };
            entry.BuildSkip();
            chain.Add(entry);
        }
        return chain;
    }

    [Fact]
    public void GetAncestorFindsEveryHeightThroughTheSkipList()
    {
        var chain = Chain(3000);
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            int from = random.Next(chain.Count);
            int to = random.Next(from + 1);
            Assert.Same(chain[to], chain[from].GetAncestor(to));
        }
        Assert.Null(chain[10].GetAncestor(11));
        Assert.Null(chain[10].GetAncestor(-1));
        Assert.True(chain[2999].Skip!.Height < 2998);
    }

    [Fact]
    public void MedianTimePastIsTheMedianOfElevenBlocks()
    {
        var chain = Chain(20);
        var times = chain.Skip(9).Take(11).Select(b => (long)b.Time).Order().ToList();
        Assert.Equal(times[5], chain[19].GetMedianTimePast());
        Assert.Equal(chain[0].Time, chain[0].GetMedianTimePast());
    }

    [Fact]
    public void ValidityRisesButNotForFailedBlocks()
    {
        var block = Chain(1)[0];
        Assert.True(block.RaiseValidity(BlockStatus.ValidTree));
        Assert.False(block.RaiseValidity(BlockStatus.ValidTree));
        Assert.True(block.IsValid(BlockStatus.ValidTree));
        Assert.False(block.IsValid(BlockStatus.ValidTransactions));
        block.Status |= BlockStatus.FailedValid;
        Assert.False(block.IsValid(BlockStatus.ValidTree));
        Assert.False(block.RaiseValidity(BlockStatus.ValidScripts));
        Assert.Throws<ArgumentException>(() => block.IsValid(BlockStatus.HaveData));
        Assert.Equal(32u, (uint)BlockStatus.FailedValid);
        Assert.Equal(128u, (uint)BlockStatus.OptWitness);
    }

    [Fact]
    public void ActiveChainSetTipFindForkAndNext()
    {
        var trunk = Chain(100);
        var fork = Chain(120, forkFrom: 60, trunk: trunk, salt: 1);
        var active = new ActiveChain();
        Assert.Null(active.Tip);
        Assert.Equal(-1, active.Height);

        active.SetTip(trunk[^1]);
        Assert.Equal(99, active.Height);
        Assert.Same(trunk[0], active.Genesis);
        Assert.Same(trunk[51], active.Next(trunk[50]));
        Assert.Null(active.Next(trunk[^1]));
        Assert.Same(trunk[60], active.FindFork(fork[^1]));
        Assert.Same(trunk[60], BlockIndex.LastCommonAncestor(trunk[^1], fork[^1]));

        active.SetTip(fork[^1]);
        Assert.Equal(119, active.Height);
        Assert.False(active.Contains(trunk[80]));
        Assert.True(active.Contains(trunk[60]));
        active.SetTip(null);
        Assert.Null(active.Tip);
    }

    [Fact]
    public void LocatorHasTenRecentHashesThenDoublingStepsToGenesis()
    {
        var chain = Chain(1000);
        var locator = ActiveChain.LocatorEntries(chain[^1]);
        Assert.Equal(chain.Skip(989).Reverse().Take(11).Select(b => b.Hash), locator.Take(11));
        Assert.Equal(chain[0].Hash, locator[^1]);
        Assert.Equal(chain[988].Hash, locator[11]);
        Assert.Equal(chain[986].Hash, locator[12]);
        Assert.Empty(ActiveChain.LocatorEntries(null));
    }

    [Fact]
    public void FindEarliestAtLeastUsesMaxTimeAndHeight()
    {
        var chain = Chain(50);
        uint max = 0;
        foreach (var b in chain) b.TimeMax = max = Math.Max(max, b.Time);
        var active = new ActiveChain();
        active.SetTip(chain[^1]);
        Assert.Same(chain[10], active.FindEarliestAtLeast(chain[10].TimeMax, 0));
        Assert.Same(chain[20], active.FindEarliestAtLeast(0, 20));
        Assert.Null(active.FindEarliestAtLeast(long.MaxValue, 0));
    }
}
