using System.Numerics;
using Bitcoin.Kernel.Mempool.Internal;
using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Tests.Mempool;

public class ClusterLinearizerTests
{
    [Fact]
    public void ChildPayingForParentFormsOneChunk()
    {
        // Parent 1 sat/WU, child 9 sat/WU: together 5 sat/WU, better than the parent alone.
        var order = new ClusterLinearizer().Linearize([100, 900], [100, 100], [0, 1], (a, b) => a.CompareTo(b));
        var chunks = ClusterLinearizer.Chunk(order.Select(i => new FeeFrac(new long[] { 100, 900 }[i], 100)).ToList());

        Assert.Equal([0, 1], order);
        Assert.Single(chunks);
        Assert.Equal(new FeeFrac(1000, 200), chunks[0].Rate);
    }

    [Fact]
    public void EqualFeeRateParentAndChildStaySeparateChunks()
    {
        var chunks = ClusterLinearizer.Chunk([new FeeFrac(100, 100), new FeeFrac(100, 100)]);
        Assert.Equal(2, chunks.Count);
    }

    [Fact]
    public void TwoChildrenSharingALowFeeParentBeatAnyAncestorSet()
    {
        // p pays 0, c1 and c2 pay 10 each: {p,c1,c2} (20/3) beats {p,c1} (10/2).
        long[] fees = [0, 10, 10];
        int[] sizes = [1, 1, 1];
        ulong[] parents = [0, 1, 1];
        var order = new ClusterLinearizer().Linearize(fees, sizes, parents, (a, b) => a.CompareTo(b));
        var chunks = ClusterLinearizer.Chunk(order.Select(i => new FeeFrac(fees[i], sizes[i])).ToList());

        Assert.Single(chunks);
        Assert.Equal(new FeeFrac(20, 3), chunks[0].Rate);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomClustersGetTheOptimalDiagram(int seed)
    {
        var random = new Random(seed);
        var linearizer = new ClusterLinearizer();
        for (int round = 0; round < 200; round++)
        {
            int n = random.Next(1, 9);
            var fees = new long[n];
            var sizes = new int[n];
            var parents = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                // Round numbers make equal fee rates (and ties) common, as in tests and real wallets.
                fees[i] = random.Next(0, 6) * 100;
                sizes[i] = random.Next(1, 4) * 100;
                for (int p = 0; p < i; p++)
                {
                    if (random.Next(3) == 0) parents[i] |= 1UL << p;
                }
            }

            var order = linearizer.Linearize(fees, sizes, parents, (a, b) => a.CompareTo(b));

            AssertTopological(order, parents);
            var chunks = ClusterLinearizer.Chunk(order.Select(i => new FeeFrac(fees[i], sizes[i])).ToList()).Select(c => c.Rate).ToList();
            var optimal = OptimalChunks(fees, sizes, parents);
            Assert.True(FeeDiagram.CompareChunks(chunks, optimal) == 0, $"round {round}: not optimal");
        }
    }

    private static void AssertTopological(int[] order, ulong[] parents)
    {
        Assert.Equal(order.Length, order.Distinct().Count());
        ulong placed = 0;
        foreach (int i in order)
        {
            Assert.Equal(parents[i], parents[i] & placed);
            placed |= 1UL << i;
        }
    }

    // Exhaustive: repeatedly take the closed set with the highest fee rate among what is left.
    private static List<FeeFrac> OptimalChunks(long[] fees, int[] sizes, ulong[] parents)
    {
        int n = fees.Length;
        ulong remaining = (1UL << n) - 1;
        var result = new List<FeeFrac>();
        while (remaining != 0)
        {
            ulong best = 0;
            FeeFrac bestRate = default;
            for (ulong set = remaining; set != 0; set = (set - 1) & remaining)
            {
                bool closed = true;
                for (ulong rest = set; rest != 0; rest &= rest - 1)
                {
                    int i = BitOperations.TrailingZeroCount(rest);
                    if ((parents[i] & remaining & ~set) != 0) closed = false;
                }
                if (!closed) continue;
                var rate = new FeeFrac(0, 0);
                for (ulong rest = set; rest != 0; rest &= rest - 1)
                {
                    int i = BitOperations.TrailingZeroCount(rest);
                    rate += new FeeFrac(fees[i], sizes[i]);
                }
                if (best == 0 || FeeFrac.CompareRatio(rate, bestRate) > 0)
                {
                    best = set;
                    bestRate = rate;
                }
            }
            result.Add(bestRate);
            remaining &= ~best;
        }
        return result;
    }
}
