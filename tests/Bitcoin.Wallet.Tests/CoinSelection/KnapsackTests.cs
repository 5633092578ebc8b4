using Bitcoin.Wallet.CoinSelection;
using static Bitcoin.Wallet.Tests.CoinSelection.CoinSelectionTestKit;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>Core's coinselector_tests.cpp knapsack_solver_test and ApproximateBestSubset.</summary>
public sealed class KnapsackTests
{
    private static readonly CoinEligibilityFilter s_standard = new(1, 6, 0);
    private static readonly CoinEligibilityFilter s_confirmed = new(1, 1, 0);
    private static readonly CoinEligibilityFilter s_standardExtra = new(6, 6, 0);

    private readonly CoinSelectionRandom _random = new(42);

    // Core's KnapsackGroupOutputs: zero fee rates, no grouping, the mixed groups passing the filter.
    private static List<OutputGroup> Groups(CoinsResult coins, CoinEligibilityFilter filter)
    {
        var p = new CoinSelectionParams(new CoinSelectionRandom(7), 0, 0, Cent, TxFeeRate.Zero, TxFeeRate.Zero, TxFeeRate.Zero, 0, false);
        var map = CoinSelector.GroupOutputs(coins, p, [new SelectionFilter(filter)], new FakeSelectionChain());
        return map.TryGetValue(filter, out var groups) ? groups.All.Mixed : [];
    }

    private SelectionResult? Knapsack(List<OutputGroup> groups, long target, long changeTarget = Cent) =>
        CoinSelectionAlgorithms.KnapsackSolver(groups, target, changeTarget, _random, CoinSelector.MaxStandardTxWeight).Result;

    [Fact]
    public void SelectsByConfirmationsExactMatchesAndClosestSubsets()
    {
        for (int run = 0; run < 10; run++)
        {
            var coins = new CoinsResult();
            Assert.Null(Knapsack(Groups(coins, s_standard), 1 * Cent));

            AddCoin(coins, 1 * Cent, depth: 4);
            Assert.Null(Knapsack(Groups(coins, s_standard), 1 * Cent));
            Assert.Equal(1 * Cent, Knapsack(Groups(coins, s_confirmed), 1 * Cent)!.SelectedValue);

            AddCoin(coins, 2 * Cent);
            Assert.Null(Knapsack(Groups(coins, s_standard), 3 * Cent));
            Assert.Equal(3 * Cent, Knapsack(Groups(coins, s_confirmed), 3 * Cent)!.SelectedValue);

            AddCoin(coins, 5 * Cent);
            AddCoin(coins, 10 * Cent, depth: 3, fromMe: true);
            AddCoin(coins, 20 * Cent);
            Assert.Null(Knapsack(Groups(coins, s_standard), 38 * Cent));
            Assert.Null(Knapsack(Groups(coins, s_standardExtra), 38 * Cent));
            Assert.Equal(37 * Cent, Knapsack(Groups(coins, s_standard), 37 * Cent)!.SelectedValue);
            Assert.Equal(38 * Cent, Knapsack(Groups(coins, s_confirmed), 38 * Cent)!.SelectedValue);

            var r5 = Knapsack(Groups(coins, s_confirmed), 34 * Cent)!;
            Assert.Equal(35 * Cent, r5.SelectedValue);
            Assert.Equal(3, r5.Inputs.Count);
            var r6 = Knapsack(Groups(coins, s_confirmed), 7 * Cent)!;
            Assert.Equal((7 * Cent, 2), (r6.SelectedValue, r6.Inputs.Count));
            var r7 = Knapsack(Groups(coins, s_confirmed), 8 * Cent)!;
            Assert.Equal((8 * Cent, 3), (r7.SelectedValue, r7.Inputs.Count));
            var r8 = Knapsack(Groups(coins, s_confirmed), 9 * Cent)!;
            Assert.Equal((10 * Cent, 1), (r8.SelectedValue, r8.Inputs.Count));

            coins = new CoinsResult();
            foreach (long v in new[] { 6 * Cent, 7 * Cent, 8 * Cent, 20 * Cent, 30 * Cent }) AddCoin(coins, v);
            Assert.NotNull(Knapsack(Groups(coins, s_confirmed), 71 * Cent));
            Assert.Null(Knapsack(Groups(coins, s_confirmed), 72 * Cent));
            var r10 = Knapsack(Groups(coins, s_confirmed), 16 * Cent)!;
            Assert.Equal((20 * Cent, 1), (r10.SelectedValue, r10.Inputs.Count));
            AddCoin(coins, 5 * Cent);
            var r11 = Knapsack(Groups(coins, s_confirmed), 16 * Cent)!;
            Assert.Equal((18 * Cent, 3), (r11.SelectedValue, r11.Inputs.Count));
            AddCoin(coins, 18 * Cent);
            var r12 = Knapsack(Groups(coins, s_confirmed), 16 * Cent)!;
            Assert.Equal((18 * Cent, 1), (r12.SelectedValue, r12.Inputs.Count));
            var r13 = Knapsack(Groups(coins, s_confirmed), 11 * Cent)!;
            Assert.Equal((11 * Cent, 2), (r13.SelectedValue, r13.Inputs.Count));

            foreach (long v in new[] { 1 * Coin, 2 * Coin, 3 * Coin, 4 * Coin }) AddCoin(coins, v);
            var r14 = Knapsack(Groups(coins, s_confirmed), 95 * Cent)!;
            Assert.Equal((1 * Coin, 1), (r14.SelectedValue, r14.Inputs.Count));
            var r15 = Knapsack(Groups(coins, s_confirmed), 195 * Cent)!;
            Assert.Equal((2 * Coin, 1), (r15.SelectedValue, r15.Inputs.Count));

            // Small change avoidance.
            coins = new CoinsResult();
            for (int k = 1; k <= 5; k++) AddCoin(coins, Cent * k / 10);
            Assert.Equal(Cent, Knapsack(Groups(coins, s_confirmed), Cent)!.SelectedValue);
            AddCoin(coins, 1111 * Cent);
            Assert.Equal(1 * Cent, Knapsack(Groups(coins, s_confirmed), 1 * Cent)!.SelectedValue);
            AddCoin(coins, Cent * 6 / 10);
            AddCoin(coins, Cent * 7 / 10);
            Assert.Equal(1 * Cent, Knapsack(Groups(coins, s_confirmed), 1 * Cent)!.SelectedValue);

            // The "mtgox" consolidation: ten 50k coins make 500k exactly.
            coins = new CoinsResult();
            for (int j = 0; j < 20; j++) AddCoin(coins, 50_000 * Coin);
            var r19 = Knapsack(Groups(coins, s_confirmed), 500_000 * Coin)!;
            Assert.Equal((500_000 * Coin, 10), (r19.SelectedValue, r19.Inputs.Count));

            coins = new CoinsResult();
            foreach (long v in new[] { Cent * 5 / 10, Cent * 6 / 10, Cent * 7 / 10, 1111 * Cent }) AddCoin(coins, v);
            var r20 = Knapsack(Groups(coins, s_confirmed), 1 * Cent)!;
            Assert.Equal((1111 * Cent, 1), (r20.SelectedValue, r20.Inputs.Count));

            coins = new CoinsResult();
            foreach (long v in new[] { Cent * 4 / 10, Cent * 6 / 10, Cent * 8 / 10, 1111 * Cent }) AddCoin(coins, v);
            var r21 = Knapsack(Groups(coins, s_confirmed), Cent)!;
            Assert.Equal((Cent, 2), (r21.SelectedValue, r21.Inputs.Count));

            coins = new CoinsResult();
            foreach (long v in new[] { Cent * 5 / 100, Cent * 1, Cent * 100 }) AddCoin(coins, v);
            var r22 = Knapsack(Groups(coins, s_confirmed), Cent * 10001 / 100)!;
            Assert.Equal((Cent * 10105 / 100, 3), (r22.SelectedValue, r22.Inputs.Count));
            var r23 = Knapsack(Groups(coins, s_confirmed), Cent * 9990 / 100)!;
            Assert.Equal((101 * Cent, 2), (r23.SelectedValue, r23.Inputs.Count));
        }
    }

    [Fact]
    public void ManyEqualInputsReachTargetPlusChangeTarget()
    {
        for (long amount = 1500; amount < Coin; amount *= 10)
        {
            var coins = new CoinsResult();
            for (int j = 0; j < 676; j++) AddCoin(coins, amount);
            for (int run = 0; run < 3; run++)
            {
                var result = Knapsack(Groups(coins, s_confirmed), 2000)!;
                if (amount - 2000 < Cent)
                {
                    int count = (int)Math.Ceiling((2000.0 + Cent) / amount);
                    Assert.Equal((amount * count, count), (result.SelectedValue, result.Inputs.Count));
                }
                else
                {
                    Assert.Equal((amount, 1), (result.SelectedValue, result.Inputs.Count));
                }
            }
        }
    }

    [Fact]
    public void ChoosesRandomlyAmongEquivalentCoins()
    {
        var coins = new CoinsResult();
        for (int i = 0; i < 100; i++) AddCoin(coins, Coin);
        for (int run = 0; run < 10; run++)
        {
            var a = Knapsack(GroupCoins(coins.All()), 50 * Coin)!;
            var b = Knapsack(GroupCoins(coins.All()), 50 * Coin)!;
            Assert.False(SameInputs(a, b));
            int fails = 0;
            for (int j = 0; j < 5; j++)
            {
                if (SameInputs(Knapsack(GroupCoins(coins.All()), Coin)!, Knapsack(GroupCoins(coins.All()), Coin)!)) fails++;
            }
            Assert.NotEqual(5, fails);
        }

        foreach (long v in new[] { 5 * Cent, 10 * Cent, 15 * Cent, 20 * Cent, 25 * Cent }) AddCoin(coins, v);
        for (int run = 0; run < 10; run++)
        {
            int fails = 0;
            for (int j = 0; j < 5; j++)
            {
                if (SameInputs(Knapsack(GroupCoins(coins.All()), 90 * Cent)!, Knapsack(GroupCoins(coins.All()), 90 * Cent)!)) fails++;
            }
            Assert.NotEqual(5, fails);
        }
    }

    [Fact]
    public void ApproximateBestSubsetPrefersTheExactPairOverLargerCoins()
    {
        var coins = new CoinsResult();
        for (int i = 0; i < 1000; i++) AddCoin(coins, 1000 * Coin);
        AddCoin(coins, 3 * Coin);
        var result = Knapsack(Groups(coins, s_standard), 1003 * Coin)!;
        Assert.Equal((1003 * Coin, 2), (result.SelectedValue, result.Inputs.Count));
    }

    private static bool SameInputs(SelectionResult a, SelectionResult b) =>
        a.Inputs.Select(c => c.OutPoint).SequenceEqual(b.Inputs.Select(c => c.OutPoint));
}
