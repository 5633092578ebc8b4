using Bitcoin.Wallet.CoinSelection;
using static Bitcoin.Wallet.Tests.CoinSelection.CoinSelectionTestKit;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>Core's coinselection_tests.cpp (bnb_test, bnb_exhaustion_with_solution_test, bnb_feerate_sensitivity_test).</summary>
public sealed class BranchAndBoundTests
{
    // Core's FEERATES: zero, minimum, around the default minimum, dust and LTFRE, high, huge.
    public static TheoryData<int> FeeRates => new() { 0, 1, 99, 100, 315, 1_000, 2_345, 10_292, 59_764, 1_500_000 };

    private static void Success(string title, List<OutputGroup> pool, long target, long[] expected, long expectedAttempts,
        CoinSelectionParams p, int spendingVsize = P2wpkhInputVsize, int maxWeight = CoinSelector.MaxStandardTxWeight)
    {
        var expectedResult = new SelectionResult(0, SelectionAlgorithm.Bnb);
        long expectedAmount = 0;
        foreach (long amount in expected)
        {
            var g = MakeCoin(amount, true, p, spendingVsize);
            expectedAmount += g.Value;
            expectedResult.AddInput(g);
        }
        var outcome = CoinSelectionAlgorithms.SelectCoinsBnB(pool, target, p.CostOfChange, maxWeight);
        Assert.True(outcome.Success, "BnB failed: " + title);
        var result = outcome.Result!;
        Assert.Equal(Values(expectedResult), Values(result));
        Assert.Equal(expectedAmount, result.SelectedValue);
        Assert.True(result.Weight <= maxWeight, title);
        Assert.Equal(expectedAttempts, result.SelectionsEvaluated);
    }

    private static void Fail(string title, List<OutputGroup> pool, long target, CoinSelectionParams p,
        int maxWeight = CoinSelector.MaxStandardTxWeight, bool expectMaxWeightExceeded = false)
    {
        var outcome = CoinSelectionAlgorithms.SelectCoinsBnB(pool, target, p.CostOfChange, maxWeight);
        Assert.False(outcome.Success, "BnB should fail: " + title);
        Assert.Equal(expectMaxWeightExceeded, outcome.Error.Contains("The inputs size exceeds the maximum weight", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FeeRates))]
    public void FindsChangelessSolutionsWithCoresAttemptCounts(int feeRate)
    {
        var p = DefaultParams(feeRate);
        var pool = new List<OutputGroup>();
        Fail("Empty UTXO pool", pool, 1 * Cent, p);
        AddCoins(pool, [1 * Cent, 3 * Cent, 5 * Cent], p);

        Success("Select smallest UTXO", pool, 1 * Cent, [1 * Cent], 3, p);
        Success("Select middle UTXO", pool, 3 * Cent, [3 * Cent], 3, p);
        Success("Select biggest UTXO", pool, 5 * Cent, [5 * Cent], 2, p);
        Success("Select two UTXOs", pool, 4 * Cent, [1 * Cent, 3 * Cent], 4, p);
        Success("Select all UTXOs", pool, 9 * Cent, [1 * Cent, 3 * Cent, 5 * Cent], 5, p);
        Success("Select upper bound", pool, 4 * Cent - p.CostOfChange, [1 * Cent, 3 * Cent], 4, p);
        Fail("Overshoot upper bound", pool, 4 * Cent - p.CostOfChange - 1, p);
        Success("Select max weight", pool, 4 * Cent, [1 * Cent, 3 * Cent], 4, p, P2wpkhInputVsize, 4 * 2 * P2wpkhInputVsize);
        Fail("Exceed max weight", pool, 4 * Cent, p, 4 * 2 * P2wpkhInputVsize - 1, expectMaxWeightExceeded: true);
        Fail("Smallest combination too big", pool, Cent / 2, p);
        Fail("No UTXO combination in target window", pool, 7 * Cent, p);
        Fail("Select more than available", pool, 10 * Cent, p);

        var clonePool = new List<OutputGroup>();
        AddCoins(clonePool, [2 * Cent, 7 * Cent, 7 * Cent], p);
        AddDuplicateCoins(clonePool, 50_000, 5 * Cent, p);
        Success("Skip equivalent input sets", clonePool, 16 * Cent, [2 * Cent, 7 * Cent, 7 * Cent], 16, p);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    [InlineData(1_500_000)]
    public void AttemptLimitStopsTheSearchOnCraftedPools(int feeRate)
    {
        // Eight UTXOs of 1 CENT + i and the rest 1 CENT + cost of change + i: only the eight smallest fit the window.
        var p = DefaultParams(feeRate);
        var pool = new List<OutputGroup>();
        var amounts = new List<long>();
        var expected = new List<long>();
        for (int i = 0; i < 17; i++)
        {
            long a = i < 8 ? Cent + i : Cent + p.CostOfChange + i;
            amounts.Add(a);
            if (i < 8) expected.Add(a);
        }
        AddCoins(pool, amounts, p);
        Success("Combine smallest 8 of 17 unique UTXOs", pool, 8 * Cent, [.. expected], 51_765, p);
        AddCoins(pool, [Cent + p.CostOfChange + 17], p);
        Success("Combine smallest 8 of 18 unique UTXOs", pool, 8 * Cent, [.. expected], 87_957, p);
        AddCoins(pool, [Cent + p.CostOfChange + 18], p);
        Fail("Exhaust looking for smallest 8 of 19 unique UTXOs", pool, 8 * Cent, p);
    }

    [Fact]
    public void ExhaustionKeepsTheSolutionFoundButReportsIncomplete()
    {
        var p = DefaultParams();
        var pool = new List<OutputGroup>();
        for (int i = 0; i < 19; i++) pool.Add(MakeCoin(100_000 + i, true, p));
        var outcome = CoinSelectionAlgorithms.SelectCoinsBnB(pool, 800_000, p.CostOfChange, CoinSelector.MaxStandardTxWeight);
        Assert.True(outcome.Success);
        var result = outcome.Result!;
        Assert.True(result.SelectedEffectiveValue > 800_000 + 28);
        Assert.Equal(8, result.Inputs.Count);
        Assert.Equal(100_000, result.SelectionsEvaluated);
        Assert.False(result.AlgoCompleted);
    }

    [Fact]
    public void PrefersMoreInputsAtLowFeeRatesAndFewerAtHigh()
    {
        var low = DefaultParams();
        var lowPool = new List<OutputGroup>();
        AddCoins(lowPool, [2 * Cent, 3 * Cent, 5 * Cent, 10 * Cent], low);
        Success("Select many inputs at low feerates", lowPool, 10 * Cent, [2 * Cent, 3 * Cent, 5 * Cent], 6, low);

        var high = DefaultParams(25_000);
        var highPool = new List<OutputGroup>();
        AddCoins(highPool, [2 * Cent, 3 * Cent, 5 * Cent, 10 * Cent], high);
        Success("Select one input at high feerates", highPool, 10 * Cent, [10 * Cent], 5, high);

        lowPool.Add(MakeCoin(6 * Cent, true, low, 500));
        lowPool.Add(MakeCoin(7 * Cent, true, low, 500));
        Success("Prefer two heavy inputs over two light inputs at low feerates", lowPool, 13 * Cent, [6 * Cent, 7 * Cent], 18, low, 500);

        highPool.Add(MakeCoin(6 * Cent, true, high, 500));
        highPool.Add(MakeCoin(7 * Cent, true, high, 500));
        Success("Prefer two light inputs over two heavy inputs at high feerates", highPool, 13 * Cent, [3 * Cent, 10 * Cent], 9, high);
    }
}
