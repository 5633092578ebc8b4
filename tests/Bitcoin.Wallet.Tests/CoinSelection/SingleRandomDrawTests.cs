using Bitcoin.Wallet.CoinSelection;
using static Bitcoin.Wallet.Tests.CoinSelection.CoinSelectionTestKit;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>Core's coinselection_tests.cpp srd_test.</summary>
public sealed class SingleRandomDrawTests
{
    public static TheoryData<int> FeeRates => BranchAndBoundTests.FeeRates;

    private static void Success(List<OutputGroup> pool, long target, CoinSelectionParams p, int maxWeight = CoinSelector.MaxStandardTxWeight)
    {
        long expectedMin = target + p.ChangeFee + CoinSelectionAlgorithms.ChangeLower;
        var outcome = CoinSelectionAlgorithms.SelectCoinsSrd(pool, target, p.ChangeFee, p.Random, maxWeight);
        Assert.True(outcome.Success);
        Assert.True(outcome.Result!.SelectedEffectiveValue >= expectedMin);
        Assert.True(outcome.Result.Weight <= maxWeight);
    }

    private static void Fail(List<OutputGroup> pool, long target, CoinSelectionParams p, int maxWeight = CoinSelector.MaxStandardTxWeight,
        bool expectMaxWeightExceeded = false)
    {
        var outcome = CoinSelectionAlgorithms.SelectCoinsSrd(pool, target, p.ChangeFee, p.Random, maxWeight);
        Assert.False(outcome.Success);
        Assert.Equal(expectMaxWeightExceeded, outcome.Error.Contains("The inputs size exceeds the maximum weight", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FeeRates))]
    public void ReachesTargetPlusMinimumChangeWithinWeight(int feeRate)
    {
        var p = DefaultParams(feeRate);
        var pool = new List<OutputGroup>();
        Fail(pool, Cent, p);
        AddCoins(pool, [1 * Cent, 3 * Cent, 5 * Cent], p);
        Success(pool, 21_000, p);
        Success(pool, 1 * Cent, p);
        Success(pool, 3_125_000, p);
        Success(pool, 4 * Cent, p);
        Success(pool, 7 * Cent, p);
        Success(pool, 9 * Cent - p.ChangeFee - CoinSelectionAlgorithms.ChangeLower, p);
        Fail(pool, 9 * Cent - p.ChangeFee - CoinSelectionAlgorithms.ChangeLower + 1, p);
        Fail(pool, 9 * Cent + 1, p);
        Fail(pool, 9 * Cent, p);

        AddDuplicateCoins(pool, 100, 5 * Cent, p);
        AddDuplicateCoins(pool, 3, 7 * Cent, p);
        Success(pool, 20 * Cent, p, 4 * 4 * (P2wpkhInputVsize - 1));
        Fail(pool, 25 * Cent, p, 4 * 3 * P2wpkhInputVsize, expectMaxWeightExceeded: true);

        var mixed = new List<OutputGroup>();
        AddDuplicateCoins(mixed, 100, 5 * Cent, p);
        mixed.Add(MakeCoin(5 * Cent, true, p, P2wpkhInputVsize - 1));
        Success(pool, 9 * Cent, p, 4 * 3 * (P2wpkhInputVsize - 1));
    }
}
