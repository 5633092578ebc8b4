using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Storage.Interop;
using NBitcoin;

namespace Bitcoin.Kernel.Coins;

/// <summary>
/// The UTXO set on disk (chainstate/), as Core's CCoinsViewDB: coins under 'C' keys in Core's serialization, the
/// best block under 'B' and, while a flush is being written, the head-blocks pair under 'H'.
/// </summary>
/// <remarks>
/// Crash safety of <see cref="BatchWrite"/> follows Core rather than relying on one atomic batch: a flush can be
/// larger than memory allows to batch (the whole -dbcache), so it is written in batches of
/// <see cref="BatchWriteBytes"/>. The first batch erases 'B' and records 'H' = (new tip, old tip); the last batch
/// erases 'H' and writes 'B' = new tip. RocksDB applies each batch atomically and, after a crash, keeps a prefix of
/// the batches in write order, so the database is either consistent at the old tip, consistent at the new tip, or
/// marked with 'H' — in which case start-up replays blocks from the old to the new tip
/// (<c>Chainstate.ReplayBlocks</c>). Coin writes are idempotent, which makes the replay safe. Batches are not
/// fsynced, as in Core: the block files and block index are synced before the coins are written, so losing the
/// last coin batches to a power failure only rolls the UTXO set back to an earlier consistent point.
/// Thread-safety: reads may run concurrently with each other; <see cref="BatchWrite"/> is called under the
/// chainstate lock.
/// </remarks>
public sealed class CoinsViewDb : ICoinsView, IDisposable
{
    private static readonly byte[] BestBlockKey = [(byte)'B'];
    private static readonly byte[] HeadBlocksKey = [(byte)'H'];
    // Core's pre-0.15 per-transaction records; finding one means the database needs -reindex-chainstate.
    private const byte LegacyCoinsPrefix = (byte)'c';

    private readonly KeyValueDb _db;

    /// <summary>Opens the coins database described by <paramref name="options"/>.</summary>
    public CoinsViewDb(KeyValueDbOptions options, long batchWriteBytes = DefaultBatchWriteBytes, int simulateCrashRatio = 0)
    {
        _db = KeyValueDb.Open(options with { Obfuscate = true });
        BatchWriteBytes = batchWriteBytes;
        SimulateCrashRatio = simulateCrashRatio;
    }

    /// <summary>Core's DEFAULT_DB_CACHE_BATCH: 32 MiB per write batch.</summary>
    public const long DefaultBatchWriteBytes = 32L * 1024 * 1024;

    /// <summary>Largest batch written at once during a flush.</summary>
    public long BatchWriteBytes { get; }

    /// <summary>If nonzero, after each partial batch the process exits abruptly with probability 1/ratio (Core's -dbcrashratio, for crash tests).</summary>
    public int SimulateCrashRatio { get; }

    /// <summary>The underlying database.</summary>
    public KeyValueDb Database => _db;

    /// <inheritdoc/>
    public Coin? GetCoin(OutPoint outpoint)
    {
        var value = _db.Read(CoinSerializer.Key(outpoint));
        if (value is null) return null;
        try
        {
            return CoinSerializer.Deserialize(value);
        }
        catch (SerializationException e)
        {
            throw new DatabaseException($"Fatal RocksDB error: Corruption: unreadable coin {outpoint}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public bool HaveCoin(OutPoint outpoint) => _db.Exists(CoinSerializer.Key(outpoint));

    /// <inheritdoc/>
    public uint256 GetBestBlock()
    {
        var value = _db.Read(BestBlockKey);
        return value is { Length: 32 } ? new uint256(value) : uint256.Zero;
    }

    /// <inheritdoc/>
    public IReadOnlyList<uint256> GetHeadBlocks()
    {
        var value = _db.Read(HeadBlocksKey);
        if (value is null) return [];
        try
        {
            var reader = new SpanReader(value);
            ulong count = reader.ReadCompactSize();
            var heads = new List<uint256>();
            for (ulong i = 0; i < count; i++) heads.Add(reader.ReadUInt256());
            return heads;
        }
        catch (SerializationException e)
        {
            throw new DatabaseException($"Fatal RocksDB error: Corruption: unreadable head blocks: {e.Message}", e);
        }
    }

    /// <summary>True if the database still holds Core's pre-0.15 per-transaction coin records.</summary>
    public bool NeedsUpgrade()
    {
        using var it = _db.NewIterator();
        it.Seek([LegacyCoinsPrefix]);
        return it.Valid && it.KeySpan[0] == LegacyCoinsPrefix;
    }

    /// <inheritdoc/>
    public void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock)
    {
        ArgumentNullException.ThrowIfNull(dirtyEntries);
        ArgumentNullException.ThrowIfNull(bestBlock);
        if (bestBlock == uint256.Zero) throw new ArgumentException("A flush needs a best block.", nameof(bestBlock));

        var oldTip = GetBestBlock();
        if (oldTip == uint256.Zero)
        {
            // Possibly in the middle of a replay: continue the interrupted transition.
            var oldHeads = GetHeadBlocks();
            if (oldHeads.Count == 2)
            {
                if (oldHeads[0] != bestBlock)
                {
                    Log.Error("The coins database detected an inconsistent state, likely due to a previous crash or shutdown. You will need to restart bitcoind with the -reindex-chainstate or -reindex configuration option.");
                    throw new DatabaseException("Fatal RocksDB error: the coins database is in an inconsistent state");
                }
                oldTip = oldHeads[1];
            }
        }

        int dirtyCount = 0;
        foreach (var pair in dirtyEntries) if (pair.Value.IsDirty) dirtyCount++;
        if (dirtyCount > 10_000_000) Log.Warning($"Flushing large ({dirtyCount} entries) UTXO set to disk, it may take several minutes");

        using var batch = _db.NewBatch();
        var heads = new ByteWriter(65);
        heads.WriteCompactSize(2);
        heads.WriteUInt256(bestBlock);
        heads.WriteUInt256(oldTip);
        // First batch: mark the transition from oldTip to bestBlock.
        batch.Delete(BestBlockKey);
        batch.Put(HeadBlocksKey, heads.WrittenSpan);

        var value = new ByteWriter(64);
        int written = 0;
        foreach (var (outpoint, entry) in dirtyEntries)
        {
            if (!entry.IsDirty) continue;
            var key = CoinSerializer.Key(outpoint);
            if (entry.Coin.IsSpent)
            {
                batch.Delete(key);
            }
            else
            {
                value.Clear();
                CoinSerializer.Write(value, entry.Coin);
                batch.Put(key, value.WrittenSpan);
            }
            written++;
            if (batch.ApproximateSize > BatchWriteBytes)
            {
                Log.Debug(LogCategory.CoinDb, $"Writing partial batch of {batch.ApproximateSize / (1024.0 * 1024.0):F2} MiB");
                _db.WriteBatch(batch);
                batch.Clear();
                MaybeSimulateCrash();
            }
        }

        // Last batch: the database is consistent with bestBlock again.
        batch.Delete(HeadBlocksKey);
        batch.Put(BestBlockKey, bestBlock.ToBytes());
        Log.Debug(LogCategory.CoinDb, $"Writing final batch of {batch.ApproximateSize / (1024.0 * 1024.0):F2} MiB");
        _db.WriteBatch(batch);
        Log.Debug(LogCategory.CoinDb, $"Committed {written} changed transaction outputs (out of {dirtyEntries.Count}) to coin database...");
    }

    /// <inheritdoc/>
    public long EstimateSize() => _db.EstimateSize();

    /// <summary>
    /// Every coin in key order with the best block at the time of the call (Core's Cursor). The enumeration reads a
    /// snapshot; dispose it (foreach does) to release the snapshot.
    /// </summary>
    public IEnumerable<KeyValuePair<OutPoint, Coin>> EnumerateCoins()
    {
        using var it = _db.NewIterator();
        it.Seek([CoinSerializer.CoinKeyPrefix]);
        while (it.Valid)
        {
            if (!CoinSerializer.TryReadKey(it.KeySpan, out var outpoint)) yield break;
            Coin coin;
            try
            {
                coin = CoinSerializer.Deserialize(it.Value());
            }
            catch (SerializationException e)
            {
                throw new DatabaseException($"Fatal RocksDB error: Corruption: unreadable coin {outpoint}: {e.Message}", e);
            }
            yield return new KeyValuePair<OutPoint, Coin>(outpoint, coin);
            it.Next();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();

    private void MaybeSimulateCrash()
    {
        if (SimulateCrashRatio <= 0 || Random.Shared.Next(SimulateCrashRatio) != 0) return;
        Log.Error("Simulating a crash. Goodbye.");
        // Like Core's _Exit(0): no finalizers, no flushing, exactly what a crash leaves behind.
        LibC.ExitImmediately(0);
    }
}
