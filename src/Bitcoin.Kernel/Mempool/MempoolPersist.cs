using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// mempool.dat in Core's format (node/mempool_persist.cpp): a version (1: plain, 2: followed by an 8-byte XOR key
/// that obfuscates the rest), the transactions with their entry time and fee delta, the deltas of transactions not in
/// the mempool, and the unbroadcast set. Files are interchangeable with Core's.
/// </summary>
public static class MempoolPersist
{
    /// <summary>Version 1: no obfuscation key.</summary>
    public const ulong VersionNoXorKey = 1;

    /// <summary>Version 2: obfuscated with the key that follows the version.</summary>
    public const ulong Version = 2;

    // Dumps are serialized with each other (savemempool racing shutdown).
    private static readonly Lock s_dumpLock = new();

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="pool"/> (Core's LoadMempool): each transaction not older than
    /// the expiry goes through acceptance with its stored (or the current) time. False (with a log line) when the
    /// file is missing, unreadable or has an unknown version; transactions loaded before a read error stay.
    /// </summary>
    public static bool Load(TxMemPool pool, string path, ImportMempoolOptions options, CancellationToken interrupt = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var chainman = pool.Chainman ?? throw new InvalidOperationException("The mempool is not attached to a chainstate.");
        if (path.Length == 0) return false;
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Info("Failed to open mempool file. Continuing anyway.");
            return false;
        }

        long count = 0, expired = 0, failed = 0, alreadyThere = 0, unbroadcast = 0;
        long now = pool.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            var reader = new BitcoinStream(stream, serializing: false) { TransactionOptions = TransactionOptions.All };
            ulong version = ReadUInt64(stream);
            if (version == Version)
            {
                int keyLength = (int)ReadCompactSize(stream);
                if (keyLength != Obfuscation.KeySize) throw new FormatException($"Obfuscation key size should be exactly {Obfuscation.KeySize} bytes long");
                var key = ReadBytes(stream, keyLength);
                new Obfuscation(key).Apply(data.AsSpan((int)stream.Position), stream.Position);
            }
            else if (version != VersionNoXorKey)
            {
                return false;
            }

            ulong total = ReadUInt64(stream);
            Log.Info($"Loading {total} mempool transactions from file...");
            int nextTenth = 0;
            for (ulong tried = 0; tried < total; tried++)
            {
                int percent = (int)(100.0 * tried / total);
                if (nextTenth < percent / 10)
                {
                    Log.Info($"Progress loading mempool transactions from file: {percent}% (tried {tried}, {total - tried} remaining)");
                    nextTenth = percent / 10;
                }
                var tx = chainman.ChainParams.Network.CreateTransaction();
                tx.ReadWrite(reader);
                long time = (long)ReadUInt64(stream);
                long feeDelta = (long)ReadUInt64(stream);
                if (options.UseCurrentTime) time = now;
                if (feeDelta != 0 && options.ApplyFeeDeltaPriority) pool.PrioritiseTransaction(tx.GetHash(), feeDelta);
                if (time > now - (long)pool.Options.Expiry.TotalSeconds)
                {
                    var result = pool.AcceptToMemoryPoolUnchecked(chainman, tx, bypassLimits: false, testAccept: false, acceptTime: time);
                    if (result.ResultType == MempoolAcceptResultType.Valid) count++;
                    else if (pool.Exists(tx.GetHash())) alreadyThere++;
                    else failed++;
                }
                else
                {
                    expired++;
                }
                if (interrupt.IsCancellationRequested) return false;
            }

            ulong deltaCount = ReadCompactSize(stream);
            var deltas = new List<(uint256 Txid, long Delta)>();
            for (ulong i = 0; i < deltaCount; i++) deltas.Add((new uint256(ReadBytes(stream, 32)), (long)ReadUInt64(stream)));
            if (options.ApplyFeeDeltaPriority)
            {
                foreach (var (txid, delta) in deltas) pool.PrioritiseTransaction(txid, delta);
            }

            ulong unbroadcastCount = ReadCompactSize(stream);
            var unbroadcastTxids = new List<uint256>();
            for (ulong i = 0; i < unbroadcastCount; i++) unbroadcastTxids.Add(new uint256(ReadBytes(stream, 32)));
            if (options.ApplyUnbroadcastSet)
            {
                unbroadcast = unbroadcastTxids.Count;
                foreach (var txid in unbroadcastTxids)
                {
                    if (pool.Exists(txid)) pool.AddUnbroadcastTx(txid);
                }
            }
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or IOException or ArgumentException or InvalidOperationException)
        {
            Log.Info($"Failed to deserialize mempool data on file: {e.Message}. Continuing anyway.");
            return false;
        }

        Log.Info($"Imported mempool transactions from file: {count} succeeded, {failed} failed, {expired} expired, {alreadyThere} already there, {unbroadcast} waiting for initial broadcast");
        return true;
    }

    /// <summary>
    /// Writes the mempool to <paramref name="path"/> (Core's DumpMempool): to "&lt;path&gt;.new", synced, then
    /// renamed over the old file. Version 1 when the mempool's options ask for it, else 2 with a fresh random key.
    /// False (with a log line) on failure.
    /// </summary>
    public static bool Dump(TxMemPool pool, string path, bool skipFileCommit = false)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(path);
        lock (s_dumpLock)
        {
            long start = Stopwatch.GetTimestamp();
            List<(Transaction Tx, long Time, long Delta)> infos;
            SortedDictionary<uint256, long> deltas;
            List<uint256> unbroadcast;
            lock (pool.Lock)
            {
                deltas = new SortedDictionary<uint256, long>(pool.GetPrioritisedTransactions().ToDictionary(p => p.Txid, p => p.Delta), TxidMemcmpOrder.Instance);
                infos = pool.EntriesInMiningOrder().Select(e => (e.Transaction, e.Time, e.ModifiedFee - e.Fee)).ToList();
                unbroadcast = pool.GetUnbroadcastTxs();
            }
            unbroadcast.Sort(TxidMemcmpOrder.Instance);
            long mid = Stopwatch.GetTimestamp();

            string newPath = path + ".new";
            try
            {
                var writer = new ByteWriter(1 << 16);
                bool v1 = pool.Options.PersistV1Dat;
                writer.WriteUInt64(v1 ? VersionNoXorKey : Version);
                var key = v1 ? new byte[Obfuscation.KeySize] : RandomNumberGenerator.GetBytes(Obfuscation.KeySize);
                if (!v1)
                {
                    writer.WriteCompactSize(Obfuscation.KeySize);
                    writer.WriteBytes(key);
                }
                int obfuscatedFrom = writer.Length;

                writer.WriteUInt64((ulong)infos.Count);
                Log.Info($"Writing {infos.Count} mempool transactions to file...");
                foreach (var (tx, time, delta) in infos)
                {
                    writer.WriteBytes(tx.ToBytes());
                    writer.WriteUInt64((ulong)time);
                    writer.WriteUInt64((ulong)delta);
                    deltas.Remove(tx.GetHash());
                }
                writer.WriteCompactSize((ulong)deltas.Count);
                foreach (var (txid, delta) in deltas)
                {
                    writer.WriteUInt256(txid);
                    writer.WriteUInt64((ulong)delta);
                }
                Log.Info($"Writing {unbroadcast.Count} unbroadcast transactions to file.");
                writer.WriteCompactSize((ulong)unbroadcast.Count);
                foreach (var txid in unbroadcast) writer.WriteUInt256(txid);

                var bytes = writer.ToArray();
                new Obfuscation(key).Apply(bytes.AsSpan(obfuscatedFrom), obfuscatedFrom);
                using (var file = new FileStream(newPath, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    file.Write(bytes);
                    if (!skipFileCommit) file.Flush(flushToDisk: true);
                }
                File.Move(newPath, path, overwrite: true);
                long last = Stopwatch.GetTimestamp();
                Log.Info(string.Create(CultureInfo.InvariantCulture,
                    $"Dumped mempool: {Stopwatch.GetElapsedTime(start, mid).TotalSeconds:F3}s to copy, {Stopwatch.GetElapsedTime(mid, last).TotalSeconds:F3}s to dump, {new FileInfo(path).Length} bytes dumped to file"));
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Info($"Failed to dump mempool: {e.Message}. Continuing anyway.");
                return false;
            }
        }
    }

    private static ulong ReadUInt64(Stream stream) => BitConverter.ToUInt64(ReadBytes(stream, 8));

    private static byte[] ReadBytes(Stream stream, int count)
    {
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static ulong ReadCompactSize(Stream stream)
    {
        int first = stream.ReadByte();
        if (first < 0) throw new EndOfStreamException();
        ulong value = first switch
        {
            < 253 => (ulong)first,
            253 => BitConverter.ToUInt16(ReadBytes(stream, 2)),
            254 => BitConverter.ToUInt32(ReadBytes(stream, 4)),
            _ => BitConverter.ToUInt64(ReadBytes(stream, 8)),
        };
        if (value > CompactSize.MaxSize) throw new FormatException("ReadCompactSize(): size too large");
        return value;
    }

    // Core's std::map/std::set of txids order by memcmp of the stored bytes.
    private sealed class TxidMemcmpOrder : IComparer<uint256>
    {
        public static TxidMemcmpOrder Instance { get; } = new();

        public int Compare(uint256? a, uint256? b) => Internal.TxidOrderKey.From(a!).CompareTo(Internal.TxidOrderKey.From(b!));
    }
}
