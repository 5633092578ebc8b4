using Bitcoin.Wallet.CoinSelection;
using NBitcoin;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>Helpers of Core's coinselection_tests.cpp and coinselector_tests.cpp: coins, groups and parameters.</summary>
internal static class CoinSelectionTestKit
{
    public const long Cent = 1_000_000;
    public const long Coin = 100_000_000;
    public const int P2wpkhInputVsize = 68;
    public const int P2wpkhOutputVsize = 31;

    private static int s_nextTxid;

    /// <summary>A fresh outpoint (distinct txids, as Core's tests get from increasing lock times).</summary>
    public static OutPoint NextOutPoint(uint n = 0)
    {
        var bytes = new byte[32];
        BitConverter.GetBytes(Interlocked.Increment(ref s_nextTxid)).CopyTo(bytes, 0);
        return new OutPoint(new uint256(bytes), n);
    }

    /// <summary>Core's init_cs_params: P2WPKH change, LTFRE 10,000 s/kvB, discard 3,000 s/kvB.</summary>
    public static CoinSelectionParams DefaultParams(int effectiveFeeRate = 5000, int seed = 1)
    {
        var p = new CoinSelectionParams(new CoinSelectionRandom(seed), P2wpkhOutputVsize, P2wpkhInputVsize, 50_000,
            TxFeeRate.FromSatoshisPerKvB(effectiveFeeRate), TxFeeRate.FromSatoshisPerKvB(10_000), TxFeeRate.FromSatoshisPerKvB(3000),
            11 + P2wpkhOutputVsize, avoidPartialSpends: false);
        p.ChangeFee = p.EffectiveFeeRate.GetFee(p.ChangeOutputSize);
        p.MinViableChange = p.DiscardFeeRate.GetFee(p.ChangeSpendSize);
        p.CostOfChange = p.MinViableChange + p.ChangeFee;
        return p;
    }

    /// <summary>Core's MakeCoin: a one-output group whose effective value (or value) is <paramref name="amount"/>.</summary>
    public static OutputGroup MakeCoin(long amount, bool isEffectiveValue, CoinSelectionParams parameters, int spendingVsize = P2wpkhInputVsize)
    {
        long fees = parameters.EffectiveFeeRate.GetFee(spendingVsize);
        long value = amount + (isEffectiveValue ? fees : 0);
        var output = new CoinOutput(NextOutPoint(), new TxOut(Money.Satoshis(value), Script.Empty), 1, spendingVsize, true, true, 0, false, fees);
        var group = new OutputGroup(parameters);
        group.Insert(output, 0, 0);
        return group;
    }

    public static void AddCoins(List<OutputGroup> pool, IEnumerable<long> amounts, CoinSelectionParams parameters)
    {
        foreach (long a in amounts) pool.Add(MakeCoin(a, true, parameters));
    }

    public static void AddDuplicateCoins(List<OutputGroup> pool, int count, long amount, CoinSelectionParams parameters)
    {
        for (int i = 0; i < count; i++) pool.Add(MakeCoin(amount, true, parameters));
    }

    /// <summary>The sorted values of a result's inputs (Core's HaveEquivalentValues compares these).</summary>
    public static long[] Values(SelectionResult result) => result.Inputs.Select(c => c.Value).Order().ToArray();

    /// <summary>
    /// Core's add_coin into a CoinsResult: an output of <paramref name="value"/> with <paramref name="depth"/>
    /// confirmations. A spendable one pays a new P2WPKH address and costs 68 vbytes to spend (or
    /// <paramref name="customSize"/>); otherwise its spending size is unknown (-1), as for Core's empty script.
    /// </summary>
    public static CoinOutput AddCoin(CoinsResult coins, long value, TxFeeRate? feeRate = null, int depth = 6 * 24, bool fromMe = false,
        bool spendable = false, int customSize = 0)
    {
        var script = spendable ? new Key().PubKey.WitHash.ScriptPubKey : Script.Empty;
        int inputBytes = customSize != 0 ? customSize : spendable ? P2wpkhInputVsize : -1;
        var output = new CoinOutput(NextOutPoint(), new TxOut(Money.Satoshis(value), script), depth, inputBytes, true, true, 0, fromMe,
            feeRate ?? TxFeeRate.Zero);
        coins.Add(Common.Addresses.OutputType.Bech32, output);
        return output;
    }

    /// <summary>One group per output, optionally selecting by value (Core's GroupCoins helper).</summary>
    public static List<OutputGroup> GroupCoins(IEnumerable<CoinOutput> coins, bool subtractFeeOutputs = false)
    {
        var groups = new List<OutputGroup>();
        foreach (var coin in coins)
        {
            var group = new OutputGroup();
            group.Insert(coin.Clone(), 0, 0);
            group.SubtractFeeOutputs = subtractFeeOutputs;
            groups.Add(group);
        }
        return groups;
    }

    /// <summary>Core's add_coin into a SelectionResult with explicit fee and long-term fee (148-vbyte inputs).</summary>
    public static void AddCoin(SelectionResult result, long value, long fee, long longTermFee)
    {
        var coin = new CoinOutput(NextOutPoint(1), new TxOut(Money.Satoshis(value), Script.Empty), 1, 148, true, true, 0, false, fee);
        var group = new OutputGroup();
        group.Insert(coin, 0, 0);
        coin.LongTermFee = longTermFee;
        result.AddInput(group);
    }
}
