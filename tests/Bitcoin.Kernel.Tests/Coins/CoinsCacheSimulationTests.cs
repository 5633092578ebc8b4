using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Tests.Storage;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Coins;

// Core's coins_cache_simulation_test idea: random adds, spends, flushes and syncs on a stack of caches over the
// database, checked after every step against a plain dictionary of what should be unspent.
public class CoinsCacheSimulationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperationsOnCacheStackMatchReference(int seed)
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var outpoints = Enumerable.Range(0, 200)
            .Select(i => new OutPoint(RandomHash(random), (uint)random.Next(0, 4))).ToArray();
        var expected = new Dictionary<OutPoint, Coin>();

        var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Sub("chainstate") }, batchWriteBytes: 2048);
        var stack = new List<CoinsViewCache> { new(db) };
        try
        {
            for (int step = 0; step < 6000; step++)
            {
                var top = stack[^1];
                var outpoint = outpoints[random.Next(outpoints.Length)];
                int op = random.Next(100);
                if (op < 40)
                {
                    bool exists = expected.ContainsKey(outpoint);
                    var coin = new Coin(new TxOut(Money.Satoshis(random.Next(1, 1_000_000)), RandomScript(random)), random.Next(1, 1000), random.Next(2) == 0);
                    // Like validation: new outputs may only overwrite when the caller says so.
                    top.AddCoin(outpoint, coin, possibleOverwrite: exists || random.Next(4) == 0);
                    expected[outpoint] = coin;
                }
                else if (op < 75)
                {
                    bool had = top.SpendCoin(outpoint, out var spent);
                    Assert.Equal(expected.Remove(outpoint, out var previous), had && spent is not null);
                    if (previous is not null) Assert.Equal(previous, spent);
                }
                else if (op < 85)
                {
                    Assert.Equal(expected.GetValueOrDefault(outpoint), top.GetCoin(outpoint));
                }
                else if (op < 90)
                {
                    top.SetBestBlock(RandomHash(random));
                    if (random.Next(2) == 0) top.Flush(); else top.Sync();
                }
                else if (op < 95 && stack.Count < 4)
                {
                    stack.Add(new CoinsViewCache(top));
                }
                else if (stack.Count > 1)
                {
                    top.SetBestBlock(RandomHash(random));
                    top.Flush();
                    stack.RemoveAt(stack.Count - 1);
                }

                if (step % 500 == 0)
                {
                    foreach (var cache in stack) cache.SanityCheck();
                    foreach (var o in outpoints) Assert.Equal(expected.GetValueOrDefault(o), stack[^1].GetCoin(o));
                }
            }

            // Push everything down to the database, reopen it and compare the whole set.
            for (int i = stack.Count - 1; i >= 0; i--)
            {
                stack[i].SetBestBlock(uint256.One);
                stack[i].Flush();
            }
        }
        finally
        {
            db.Dispose();
        }

        using var reopened = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Sub("chainstate") });
        Assert.Equal(uint256.One, reopened.GetBestBlock());
        Assert.Empty(reopened.GetHeadBlocks());
        var onDisk = reopened.EnumerateCoins().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(expected.Count, onDisk.Count);
        foreach (var (outpoint, coin) in expected) Assert.Equal(coin, onDisk[outpoint]);
    }

    private static uint256 RandomHash(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new uint256(bytes);
    }

    private static Script RandomScript(Random random) => random.Next(3) switch
    {
        0 => new Key().PubKey.WitHash.ScriptPubKey,
        1 => new KeyId(RandomHash(random).ToBytes()[..20]).ScriptPubKey,
        _ => new Script(Enumerable.Range(0, random.Next(0, 60)).Select(_ => (byte)random.Next(1, 0x4b)).ToArray()),
    };
}
