using Bitcoin.Kernel.Coins;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Coins;

// The single-entry state tables of Core's coins_tests.cpp (ccoins_access, ccoins_spend, ccoins_add, ccoins_write):
// what a cache holds for one outpoint after each operation, given what it and its parent held before.
public class CoinsCacheFlagTests
{
    private const long Spent = -1;
    private const long Absent = -2;
    private const long Value1 = 100;
    private const long Value2 = 200;
    private const long Value3 = 300;

    private const CoinsCacheFlags Clean = CoinsCacheFlags.None;
    private const CoinsCacheFlags Dirty = CoinsCacheFlags.Dirty;
    private const CoinsCacheFlags Fresh = CoinsCacheFlags.Fresh;
    private const CoinsCacheFlags DirtyFresh = CoinsCacheFlags.Dirty | CoinsCacheFlags.Fresh;

    private const string OverwriteUnspent = "Attempted to overwrite an unspent coin (when possible_overwrite is false)";
    private const string FreshMisapplied = "FRESH flag misapplied to coin that exists in parent cache";

    private static readonly OutPoint Outpoint = new(uint256.Zero, uint.MaxValue);

    private readonly record struct Entry(long Value, CoinsCacheFlags Flags);

    private static readonly Entry? Missing = null;

    private static Entry E(long value, CoinsCacheFlags flags) => new(value, flags);

    public static TheoryData<long> BaseValues => new() { Absent, Spent, Value1 };

    [Theory]
    [MemberData(nameof(BaseValues))]
    public void AccessCoinFillsFromParentOnlyWhenMissing(long baseValue)
    {
        CheckAccess(baseValue, Missing, baseValue == Value1 ? E(Value1, Clean) : Missing);
        foreach (var value in new[] { Spent, Value2 })
        {
            foreach (var flags in new[] { Clean, Fresh, Dirty, DirtyFresh })
                CheckAccess(baseValue, E(value, flags), E(value, flags));
        }
    }

    [Theory]
    [MemberData(nameof(BaseValues))]
    public void SpendCoinForgetsFreshAndMarksOthersDirty(long baseValue)
    {
        CheckSpend(baseValue, Missing, baseValue == Value1 ? E(Spent, Dirty) : Missing);
        CheckSpend(baseValue, E(Spent, Clean), E(Spent, Dirty));
        CheckSpend(baseValue, E(Spent, Fresh), Missing);
        CheckSpend(baseValue, E(Spent, Dirty), E(Spent, Dirty));
        CheckSpend(baseValue, E(Spent, DirtyFresh), Missing);
        CheckSpend(baseValue, E(Value2, Clean), E(Spent, Dirty));
        CheckSpend(baseValue, E(Value2, Fresh), Missing);
        CheckSpend(baseValue, E(Value2, Dirty), E(Spent, Dirty));
        CheckSpend(baseValue, E(Value2, DirtyFresh), Missing);
    }

    [Theory]
    [MemberData(nameof(BaseValues))]
    public void AddCoinFollowsCoresTable(long baseValue)
    {
        CheckAdd(baseValue, Missing, E(Value3, DirtyFresh), null, coinbase: false);
        CheckAdd(baseValue, Missing, E(Value3, Dirty), null, coinbase: true);

        CheckAdd(baseValue, E(Spent, Clean), E(Value3, DirtyFresh), null, false);
        CheckAdd(baseValue, E(Spent, Clean), E(Value3, Dirty), null, true);
        CheckAdd(baseValue, E(Spent, Fresh), E(Value3, DirtyFresh), null, false);
        CheckAdd(baseValue, E(Spent, Fresh), E(Value3, DirtyFresh), null, true);
        CheckAdd(baseValue, E(Spent, Dirty), E(Value3, Dirty), null, false);
        CheckAdd(baseValue, E(Spent, Dirty), E(Value3, Dirty), null, true);
        CheckAdd(baseValue, E(Spent, DirtyFresh), E(Value3, DirtyFresh), null, false);
        CheckAdd(baseValue, E(Spent, DirtyFresh), E(Value3, DirtyFresh), null, true);

        CheckAdd(baseValue, E(Value2, Clean), null, OverwriteUnspent, false);
        CheckAdd(baseValue, E(Value2, Clean), E(Value3, Dirty), null, true);
        CheckAdd(baseValue, E(Value2, Fresh), null, OverwriteUnspent, false);
        CheckAdd(baseValue, E(Value2, Fresh), E(Value3, DirtyFresh), null, true);
        CheckAdd(baseValue, E(Value2, Dirty), null, OverwriteUnspent, false);
        CheckAdd(baseValue, E(Value2, Dirty), E(Value3, Dirty), null, true);
        CheckAdd(baseValue, E(Value2, DirtyFresh), null, OverwriteUnspent, false);
        CheckAdd(baseValue, E(Value2, DirtyFresh), E(Value3, DirtyFresh), null, true);
    }

    [Fact]
    public void BatchWriteFollowsCoresTable()
    {
        CheckWrite(Missing, Missing, Missing, null);
        CheckWrite(Missing, E(Spent, Dirty), E(Spent, Dirty), null);
        CheckWrite(Missing, E(Spent, DirtyFresh), Missing, null);
        CheckWrite(Missing, E(Value2, Dirty), E(Value2, Dirty), null);
        CheckWrite(Missing, E(Value2, DirtyFresh), E(Value2, DirtyFresh), null);
        CheckWrite(E(Spent, Clean), Missing, E(Spent, Clean), null);
        CheckWrite(E(Spent, Fresh), Missing, E(Spent, Fresh), null);
        CheckWrite(E(Spent, Dirty), Missing, E(Spent, Dirty), null);
        CheckWrite(E(Spent, DirtyFresh), Missing, E(Spent, DirtyFresh), null);

        CheckWrite(E(Spent, Clean), E(Spent, Dirty), E(Spent, Dirty), null);
        CheckWrite(E(Spent, Clean), E(Spent, DirtyFresh), E(Spent, Dirty), null);
        CheckWrite(E(Spent, Fresh), E(Spent, Dirty), Missing, null);
        CheckWrite(E(Spent, Fresh), E(Spent, DirtyFresh), Missing, null);
        CheckWrite(E(Spent, Dirty), E(Spent, Dirty), E(Spent, Dirty), null);
        CheckWrite(E(Spent, Dirty), E(Spent, DirtyFresh), E(Spent, Dirty), null);
        CheckWrite(E(Spent, DirtyFresh), E(Spent, Dirty), Missing, null);
        CheckWrite(E(Spent, DirtyFresh), E(Spent, DirtyFresh), Missing, null);

        CheckWrite(E(Spent, Clean), E(Value2, Dirty), E(Value2, Dirty), null);
        CheckWrite(E(Spent, Clean), E(Value2, DirtyFresh), E(Value2, Dirty), null);
        CheckWrite(E(Spent, Fresh), E(Value2, Dirty), E(Value2, DirtyFresh), null);
        CheckWrite(E(Spent, Fresh), E(Value2, DirtyFresh), E(Value2, DirtyFresh), null);
        CheckWrite(E(Spent, Dirty), E(Value2, Dirty), E(Value2, Dirty), null);
        CheckWrite(E(Spent, Dirty), E(Value2, DirtyFresh), E(Value2, Dirty), null);
        CheckWrite(E(Spent, DirtyFresh), E(Value2, Dirty), E(Value2, DirtyFresh), null);
        CheckWrite(E(Spent, DirtyFresh), E(Value2, DirtyFresh), E(Value2, DirtyFresh), null);

        CheckWrite(E(Value1, Clean), Missing, E(Value1, Clean), null);
        CheckWrite(E(Value1, Fresh), Missing, E(Value1, Fresh), null);
        CheckWrite(E(Value1, Dirty), Missing, E(Value1, Dirty), null);
        CheckWrite(E(Value1, DirtyFresh), Missing, E(Value1, DirtyFresh), null);
        CheckWrite(E(Value1, Clean), E(Spent, Dirty), E(Spent, Dirty), null);
        CheckWrite(E(Value1, Clean), E(Spent, DirtyFresh), null, FreshMisapplied);
        CheckWrite(E(Value1, Fresh), E(Spent, Dirty), Missing, null);
        CheckWrite(E(Value1, Fresh), E(Spent, DirtyFresh), null, FreshMisapplied);
        CheckWrite(E(Value1, Dirty), E(Spent, Dirty), E(Spent, Dirty), null);
        CheckWrite(E(Value1, Dirty), E(Spent, DirtyFresh), null, FreshMisapplied);
        CheckWrite(E(Value1, DirtyFresh), E(Spent, Dirty), Missing, null);
        CheckWrite(E(Value1, DirtyFresh), E(Spent, DirtyFresh), null, FreshMisapplied);

        CheckWrite(E(Value1, Clean), E(Value2, Dirty), E(Value2, Dirty), null);
        CheckWrite(E(Value1, Clean), E(Value2, DirtyFresh), null, FreshMisapplied);
        CheckWrite(E(Value1, Fresh), E(Value2, Dirty), E(Value2, DirtyFresh), null);
        CheckWrite(E(Value1, Fresh), E(Value2, DirtyFresh), null, FreshMisapplied);
        CheckWrite(E(Value1, Dirty), E(Value2, Dirty), E(Value2, Dirty), null);
        CheckWrite(E(Value1, Dirty), E(Value2, DirtyFresh), null, FreshMisapplied);
        CheckWrite(E(Value1, DirtyFresh), E(Value2, Dirty), E(Value2, DirtyFresh), null);
        CheckWrite(E(Value1, DirtyFresh), E(Value2, DirtyFresh), null, FreshMisapplied);
    }

    [Fact]
    public void BatchWriteIgnoresChildEntriesThatAreNotDirty()
    {
        Entry?[] parents = [Missing, E(Spent, Clean), E(Spent, Dirty), E(Spent, Fresh), E(Spent, DirtyFresh),
            E(Value1, Clean), E(Value1, Dirty), E(Value1, Fresh), E(Value1, DirtyFresh)];
        Entry?[] children = [Missing, E(Spent, Clean), E(Spent, Fresh), E(Value2, Clean), E(Value2, Fresh)];
        foreach (var parent in parents)
        {
            foreach (var child in children) CheckWrite(parent, child, parent, null);
        }
    }

    private static (CoinsViewCache Base, CoinsViewCache Cache) Setup(long baseValue, Entry? cacheEntry)
    {
        var root = new CoinsViewCache(new EmptyCoinsView());
        if (baseValue != Absent) root.SetEntryUnchecked(Outpoint, MakeCoin(baseValue), Dirty);
        var cache = new CoinsViewCache(root);
        if (cacheEntry is { } e) cache.SetEntryUnchecked(Outpoint, MakeCoin(e.Value), e.Flags);
        return (root, cache);
    }

    private static void CheckAccess(long baseValue, Entry? cacheEntry, Entry? expected)
    {
        var (_, cache) = Setup(baseValue, cacheEntry);
        var coin = cache.AccessCoin(Outpoint);
        Assert.Equal(coin.IsSpent, cache.GetCoin(Outpoint) is null);
        Assert.Equal(expected, Read(cache));
    }

    private static void CheckSpend(long baseValue, Entry? cacheEntry, Entry? expected)
    {
        var (_, cache) = Setup(baseValue, cacheEntry);
        cache.SpendCoin(Outpoint);
        cache.SanityCheck();
        Assert.Equal(expected, Read(cache));
    }

    private static void CheckAdd(long baseValue, Entry? cacheEntry, Entry? expected, string? error, bool coinbase)
    {
        var (_, cache) = Setup(baseValue, cacheEntry);
        var coin = new Coin(new TxOut(Money.Satoshis(Value3), Script.Empty), 1, coinbase);
        if (error is not null)
        {
            var ex = Assert.Throws<InvalidOperationException>(() => cache.AddCoin(Outpoint, coin, possibleOverwrite: coinbase));
            Assert.Equal(error, ex.Message);
            return;
        }
        cache.AddCoin(Outpoint, coin, possibleOverwrite: coinbase);
        cache.SanityCheck();
        Assert.Equal(expected, Read(cache));
    }

    private static void CheckWrite(Entry? parent, Entry? child, Entry? expected, string? error)
    {
        var (_, cache) = Setup(Absent, parent);
        var entries = new List<KeyValuePair<OutPoint, CoinsCacheEntry>>();
        if (child is { } c)
        {
            var source = new CoinsViewCache(new EmptyCoinsView());
            source.SetEntryUnchecked(Outpoint, MakeCoin(c.Value), c.Flags);
            entries.Add(new(Outpoint, source.PeekEntry(Outpoint)!));
        }
        if (error is not null)
        {
            var ex = Assert.Throws<InvalidOperationException>(() => cache.BatchWrite(entries, uint256.One));
            Assert.Equal(error, ex.Message);
            return;
        }
        cache.BatchWrite(entries, uint256.One);
        Assert.Equal(expected, Read(cache));
    }

    private static Entry? Read(CoinsViewCache cache)
    {
        var entry = cache.PeekEntry(Outpoint);
        if (entry is null) return null;
        return new Entry(entry.Coin.IsSpent ? Spent : entry.Coin.Output.Value.Satoshi, entry.Flags);
    }

    private static Coin MakeCoin(long value) =>
        value == Spent ? Coin.Spent : new Coin(new TxOut(Money.Satoshis(value), Script.Empty), 1, false);
}
