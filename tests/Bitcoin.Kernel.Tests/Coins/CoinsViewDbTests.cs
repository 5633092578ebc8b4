using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Tests.Storage;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Coins;

public class CoinsViewDbTests
{
    [Fact]
    public void FlushWritesCoinsAndBestBlockThatSurviveReopening()
    {
        using var dir = new TempDirectory();
        var outpoint = new OutPoint(uint256.One, 3);
        var coin = new Coin(new TxOut(Money.Coins(1), new Key().PubKey.WitHash.ScriptPubKey), 7, true);
        var block = uint256.Parse("00000000000000000000000000000000000000000000000000000000000000aa");
        using (var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path }))
        {
            var cache = new CoinsViewCache(db);
            cache.AddCoin(outpoint, coin, possibleOverwrite: false);
            cache.SetBestBlock(block);
            cache.Flush();
            Assert.Equal(0, cache.CacheSize);
        }
        using (var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path }))
        {
            Assert.Equal(block, db.GetBestBlock());
            Assert.Empty(db.GetHeadBlocks());
            Assert.Equal(coin, db.GetCoin(outpoint));
            Assert.True(db.HaveCoin(outpoint));
        }
    }

    [Fact]
    public void SpentCoinsAreErasedFromTheDatabase()
    {
        using var dir = new TempDirectory();
        using var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path });
        var outpoint = new OutPoint(uint256.One, 0);
        var cache = new CoinsViewCache(db);
        cache.AddCoin(outpoint, new Coin(new TxOut(Money.Coins(1), Script.Empty), 1, false), false);
        cache.SetBestBlock(uint256.One);
        cache.Flush();
        Assert.True(db.HaveCoin(outpoint));

        Assert.True(cache.SpendCoin(outpoint));
        Assert.Equal(CoinsCacheFlags.Dirty, cache.PeekEntry(outpoint)!.Flags);
        cache.SetBestBlock(uint256.Parse("00000000000000000000000000000000000000000000000000000000000000bb"));
        cache.Sync();
        Assert.False(db.HaveCoin(outpoint));
        Assert.Null(cache.PeekEntry(outpoint));
    }

    [Fact]
    public void FreshCoinSpentBeforeFlushNeverReachesTheDatabase()
    {
        using var dir = new TempDirectory();
        using var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path });
        var outpoint = new OutPoint(uint256.One, 0);
        var cache = new CoinsViewCache(db);
        cache.AddCoin(outpoint, new Coin(new TxOut(Money.Coins(1), Script.Empty), 1, false), false);
        Assert.Equal(CoinsCacheFlags.Dirty | CoinsCacheFlags.Fresh, cache.PeekEntry(outpoint)!.Flags);
        cache.SpendCoin(outpoint);
        Assert.Null(cache.PeekEntry(outpoint));
        Assert.Equal(0, cache.DirtyCount);
    }

    [Fact]
    public void SyncKeepsUnspentEntriesCleanInTheCache()
    {
        using var dir = new TempDirectory();
        using var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path });
        var outpoint = new OutPoint(uint256.One, 0);
        var cache = new CoinsViewCache(db);
        cache.AddCoin(outpoint, new Coin(new TxOut(Money.Coins(1), Script.Empty), 1, false), false);
        cache.SetBestBlock(uint256.One);
        cache.Sync();
        Assert.Equal(CoinsCacheFlags.None, cache.PeekEntry(outpoint)!.Flags);
        Assert.Equal(0, cache.DirtyCount);
        Assert.True(db.HaveCoin(outpoint));
    }

    [Fact]
    public void LargeFlushIsWrittenInBatchesAndEndsConsistent()
    {
        using var dir = new TempDirectory();
        using var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path }, batchWriteBytes: 1024);
        var cache = new CoinsViewCache(db);
        for (uint i = 0; i < 2000; i++)
            cache.AddCoin(new OutPoint(uint256.One, i), new Coin(new TxOut(Money.Satoshis(i + 1), Script.Empty), 1, false), false);
        cache.SetBestBlock(uint256.One);
        cache.Flush();
        Assert.Equal(uint256.One, db.GetBestBlock());
        Assert.Empty(db.GetHeadBlocks());
        Assert.Equal(2000, db.EnumerateCoins().Count());
    }

    [Fact]
    public void ValuesAreObfuscatedOnDiskWithAPersistentKey()
    {
        using var dir = new TempDirectory();
        var outpoint = new OutPoint(uint256.One, 0);
        var coin = new Coin(new TxOut(Money.Coins(1), new Key().PubKey.WitHash.ScriptPubKey), 1, false);
        string key;
        using (var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path }))
        {
            Assert.True(db.Database.Obfuscation.IsActive);
            key = db.Database.Obfuscation.HexKey;
            var cache = new CoinsViewCache(db);
            cache.AddCoin(outpoint, coin, false);
            cache.SetBestBlock(uint256.One);
            cache.Flush();
        }
        using (var raw = KeyValueDb.Open(new KeyValueDbOptions { Path = dir.Path }))
        {
            // Opened without asking for obfuscation, the stored key is still found and used.
            Assert.Equal(key, raw.Obfuscation.HexKey);
        }
        using (var db = new CoinsViewDb(new KeyValueDbOptions { Path = dir.Path }))
        {
            Assert.Equal(coin, db.GetCoin(outpoint));
        }
    }
}
