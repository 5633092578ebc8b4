using System.Buffers.Binary;
using System.Text;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage.Database;
using NBitcoin;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// The block index database (blocks/index), as Core's BlockTreeDB: 'b'+hash → <see cref="DiskBlockIndex"/>,
/// 'f'+file → <see cref="BlockFileInfo"/>, 'l' → last block file, 'R' → reindex in progress, 'F'+name → flag.
/// </summary>
public sealed class BlockTreeDb : IDisposable
{
    private const byte BlockFilesPrefix = (byte)'f';
    private const byte BlockIndexPrefix = (byte)'b';
    private const byte FlagPrefix = (byte)'F';
    private static readonly byte[] ReindexFlagKey = [(byte)'R'];
    private static readonly byte[] LastBlockKey = [(byte)'l'];

    private readonly KeyValueDb _db;

    /// <summary>Opens (or wipes and creates) the database at <paramref name="path"/>.</summary>
    public BlockTreeDb(string path, long cacheBytes, bool wipe)
    {
        _db = KeyValueDb.Open(new KeyValueDbOptions { Path = path, CacheBytes = cacheBytes, WipeData = wipe });
    }

    /// <summary>The underlying database.</summary>
    public KeyValueDb Database => _db;

    /// <summary>Reads the statistics of block file <paramref name="file"/>; null if none are stored.</summary>
    public BlockFileInfo? ReadBlockFileInfo(int file)
    {
        var value = _db.Read(FileKey(file));
        if (value is null) return null;
        var reader = new SpanReader(value);
        return BlockFileInfo.ReadFrom(ref reader);
    }

    /// <summary>Sets or clears the "reindex in progress" marker.</summary>
    public void WriteReindexing(bool reindexing)
    {
        if (reindexing) _db.Write(ReindexFlagKey, "1"u8, sync: true);
        else _db.Erase(ReindexFlagKey, sync: true);
    }

    /// <summary>True if a reindex was started and has not finished.</summary>
    public bool ReadReindexing() => _db.Exists(ReindexFlagKey);

    /// <summary>The highest block file number recorded, or null.</summary>
    public int? ReadLastBlockFile()
    {
        var value = _db.Read(LastBlockKey);
        return value is { Length: 4 } ? BinaryPrimitives.ReadInt32LittleEndian(value) : null;
    }

    /// <summary>
    /// Writes dirty file statistics, the last file number and dirty block index records in one synced batch (Core's
    /// WriteBatchSync): after it returns, a crash cannot lose them.
    /// </summary>
    public void WriteBatchSync(IEnumerable<KeyValuePair<int, BlockFileInfo>> fileInfo, int lastFile, IEnumerable<DiskBlockIndex> blocks)
    {
        ArgumentNullException.ThrowIfNull(fileInfo);
        ArgumentNullException.ThrowIfNull(blocks);
        using var batch = _db.NewBatch();
        var value = new ByteWriter();
        foreach (var (file, info) in fileInfo)
        {
            value.Clear();
            info.WriteTo(value);
            batch.Put(FileKey(file), value.WrittenSpan);
        }
        Span<byte> last = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(last, lastFile);
        batch.Put(LastBlockKey, last);
        foreach (var block in blocks)
        {
            value.Clear();
            block.WriteTo(value);
            batch.Put(IndexKey(block.ComputeBlockHash()), value.WrittenSpan);
        }
        _db.WriteBatch(batch, sync: true);
    }

    /// <summary>Stores a named boolean flag ('1'/'0').</summary>
    public void WriteFlag(string name, bool value) => _db.Write(FlagKey(name), value ? "1"u8 : "0"u8, sync: true);

    /// <summary>Reads a named flag; null if never written.</summary>
    public bool? ReadFlag(string name)
    {
        var value = _db.Read(FlagKey(name));
        return value is { Length: 1 } ? value[0] == (byte)'1' : null;
    }

    /// <summary>
    /// Every stored block index record with its hash, in key order (Core's LoadBlockIndexGuts reads these).
    /// Throws <see cref="SerializationException"/> for an undecodable record.
    /// </summary>
    public IEnumerable<(uint256 Hash, DiskBlockIndex Record)> ReadAllBlockIndexRecords()
    {
        using var it = _db.NewIterator();
        it.Seek([BlockIndexPrefix]);
        while (it.Valid)
        {
            var key = it.KeySpan;
            if (key.Length != 33 || key[0] != BlockIndexPrefix) yield break;
            var keyHash = new uint256(key[1..]);
            var value = it.Value();
            var reader = new SpanReader(value);
            var record = DiskBlockIndex.ReadFrom(ref reader);
            var hash = record.ComputeBlockHash();
            if (hash != keyHash)
            {
                Log.Error($"LoadBlockIndexGuts: block index record {keyHash} holds the header of {hash}");
                throw new SerializationException("block index record does not match its key");
            }
            yield return (hash, record);
            it.Next();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();

    private static byte[] FileKey(int file)
    {
        var key = new byte[5];
        key[0] = BlockFilesPrefix;
        BinaryPrimitives.WriteInt32LittleEndian(key.AsSpan(1), file);
        return key;
    }

    private static byte[] IndexKey(uint256 hash)
    {
        var key = new byte[33];
        key[0] = BlockIndexPrefix;
        hash.ToBytes(key.AsSpan(1), lendian: true);
        return key;
    }

    private static byte[] FlagKey(string name)
    {
        var writer = new ByteWriter();
        writer.WriteByte(FlagPrefix);
        writer.WriteVarBytes(Encoding.UTF8.GetBytes(name));
        return writer.ToArray();
    }
}
