using Bitcoin.Wallet.CoinSelection;
using static Bitcoin.Wallet.Tests.CoinSelection.CoinSelectionTestKit;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>Core's coinselector_tests.cpp coin_grinder_tests: the lightest input set, with Core's attempt counts.</summary>
public sealed class CoinGrinderTests
{
    private static readonly TxFeeRate s_rate = TxFeeRate.FromSatoshisPerKvB(5000);

    private static CoinSelectionParams Params(long minChangeTarget = Cent) =>
        new(new CoinSelectionRandom(5), 34, 68, minChangeTarget, s_rate, TxFeeRate.FromSatoshisPerKvB(2000), TxFeeRate.FromSatoshisPerKvB(1000),
            10 + 34, false);

    private static SelectionOutcome Run(long target, int maxWeight, Action<CoinsResult> setup, CoinSelectionParams? p = null)
    {
        p ??= Params();
        var coins = new CoinsResult();
        setup(coins);
        var filter = new CoinEligibilityFilter(0, 0, 0);
        var groups = CoinSelector.GroupOutputs(coins, p, [new SelectionFilter(filter)], new FakeSelectionChain())[filter].All;
        return CoinSelectionAlgorithms.CoinGrinder(groups.Positive, target, p.MinChangeTarget, maxWeight);
    }

    [Fact]
    public void InsufficientFundsFailsWithoutMessage()
    {
        var outcome = Run(4_950_000_000, 10_000, c =>
        {
            for (int j = 0; j < 10; j++)
            {
                AddCoin(c, 1 * Coin);
                AddCoin(c, 2 * Coin);
            }
        });
        Assert.False(outcome.Success);
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public void MaxWeightExceededIsReported()
    {
        var outcome = Run(2_950_000_000, 3000, c =>
        {
            for (int j = 0; j < 10; j++)
            {
                AddCoin(c, 1 * Coin, s_rate, spendable: true);
                AddCoin(c, 2 * Coin, s_rate, spendable: true);
            }
        });
        Assert.False(outcome.Success);
        Assert.Contains("The inputs size exceeds the maximum weight", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LightestSolutionWithinWeightLimit()
    {
        var outcome = Run(2_533_000_000, 10_000, c =>
        {
            for (int j = 0; j < 60; j++) AddCoin(c, 33_000_000, s_rate, spendable: true);
            for (int i = 0; i < 10; i++) AddCoin(c, 2 * Coin, s_rate, spendable: true);
        });
        var expected = Enumerable.Repeat(33_000_000L, 17).Concat(Enumerable.Repeat(2 * Coin, 10)).Order().ToArray();
        Assert.Equal(expected, Values(outcome.Result!));
        Assert.Equal(37, outcome.Result!.SelectionsEvaluated);
    }

    [Fact]
    public void TwoLightInputsBeatOneHeavyInput()
    {
        var outcome = Run(190_000_000, 400_000, c =>
        {
            AddCoin(c, 2 * Coin, s_rate, spendable: true, customSize: 148);
            AddCoin(c, 1 * Coin, s_rate, spendable: true, customSize: 68);
            AddCoin(c, 1 * Coin, s_rate, spendable: true, customSize: 68);
        });
        Assert.Equal([1 * Coin, 1 * Coin], Values(outcome.Result!));
        Assert.Equal(3, outcome.Result!.SelectionsEvaluated);
    }

    [Fact]
    public void MixedWeightsFindTheLightestCombination()
    {
        var outcome = Run(30 * Coin, 400_000, c =>
        {
            for (int j = 0; j < 5; j++)
            {
                AddCoin(c, (3 + 3 * j) * Coin, s_rate, spendable: true, customSize: 350);
                AddCoin(c, (2 + 3 * j) * Coin, s_rate, spendable: true, customSize: 250);
                AddCoin(c, (1 + 3 * j) * Coin, s_rate, spendable: true, customSize: 150);
            }
        });
        Assert.Equal([4 * Coin, 13 * Coin, 14 * Coin], Values(outcome.Result!));
        Assert.Equal(92, outcome.Result!.SelectionsEvaluated);
    }

    [Fact]
    public void LightestAmongManyClones()
    {
        var outcome = Run(990_000_000, 400_000, c =>
        {
            for (int v = 4; v >= 1; v--) AddCoin(c, v * Coin, s_rate, spendable: true, customSize: 100);
            foreach (var (value, size) in new[] { (8, 1000), (7, 800), (6, 600), (5, 400) })
            {
                for (int j = 0; j < 100; j++) AddCoin(c, value * Coin, s_rate, spendable: true, customSize: size);
            }
        });
        Assert.Equal([1 * Coin, 2 * Coin, 3 * Coin, 4 * Coin], Values(outcome.Result!));
        Assert.Equal(38, outcome.Result!.SelectionsEvaluated);
    }

    [Fact]
    public void HeavyTinyUtxosAreSkipped()
    {
        var outcome = Run(190_000_000, 40_000, c =>
        {
            AddCoin(c, 180_000_000, s_rate, spendable: true, customSize: 2500);
            AddCoin(c, 1 * Coin, s_rate, spendable: true, customSize: 1000);
            AddCoin(c, 1 * Coin, s_rate, spendable: true, customSize: 1000);
            for (int j = 0; j < 100; j++) AddCoin(c, 1_000_000 + j, s_rate, spendable: true, customSize: 110);
        });
        Assert.Equal([1 * Coin, 1 * Coin], Values(outcome.Result!));
        Assert.Equal(7, outcome.Result!.SelectionsEvaluated);
    }

    [Fact]
    public void AttemptLimitIsReachedWithOneMoreDoppelganger()
    {
        var p = Params(minChangeTarget: 0);
        var found = Run(8 * Coin, 3200, c =>
        {
            for (int i = 0; i < 18; i++) AddCoin(c, 1 * Coin + i, TxFeeRate.Zero, spendable: true, customSize: 96 + i);
        }, p);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => 1 * Coin + i).ToArray(), Values(found.Result!));
        Assert.Equal(87_525, found.Result!.SelectionsEvaluated);

        var exhausted = Run(8 * Coin, 3200, c =>
        {
            for (int i = 0; i < 19; i++) AddCoin(c, 1 * Coin + i, TxFeeRate.Zero, spendable: true, customSize: 96 + i);
        }, p);
        Assert.False(exhausted.Success);
    }
}
