using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using RocksDbSharp;

namespace Bitcoin.Kernel.Storage.Database;

/// <summary>
/// A RocksDB database with Core's CDBWrapper semantics: byte keys and values, optional value obfuscation, atomic
/// batches, synced writes when asked. Thread-safe for concurrent reads and writes (RocksDB's own guarantee);
/// callers order related writes with their own locks. Every RocksDB failure becomes a <see cref="DatabaseException"/>.
/// </summary>
public sealed class KeyValueDb : IDisposable
{
    // Core's OBFUSCATION_KEY: the 14-character string "\0obfuscate_key" serialized with its CompactSize length.
    private static readonly byte[] ObfuscationKeyKey = [14, 0, .. "obfuscate_key"u8];

    private readonly RocksDb _db;
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly WriteOptions _normalWrite = new WriteOptions().SetSync(false);
    // Held for the database's lifetime: the native table options point at it.
    private readonly Cache _blockCache;
    private bool _disposed;

    private KeyValueDb(RocksDb db, Cache blockCache, string path, Obfuscation obfuscation)
    {
        _db = db;
        _blockCache = blockCache;
        Path = path;
        Obfuscation = obfuscation;
    }

    /// <summary>Directory of the database.</summary>
    public string Path { get; }

    /// <summary>The value obfuscation key in use (all-zero when the database is not obfuscated).</summary>
    public Obfuscation Obfuscation { get; }

    /// <summary>Opens (creating, or first wiping, as asked) a database. Throws <see cref="DatabaseException"/> if it cannot.</summary>
    public static KeyValueDb Open(KeyValueDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = options.Path;
        long cacheBytes = Math.Max(options.CacheBytes, 1L * 1024 * 1024);
        var blockCache = Cache.CreateLru((ulong)(cacheBytes / 2));
        var tableOptions = new BlockBasedTableOptions().SetBlockCache(blockCache);
        var dbOptions = new DbOptions()
            .SetCreateIfMissing(true)
            .SetParanoidChecks(true)
            .SetCompression(Compression.No)
            .SetWriteBufferSize((ulong)(cacheBytes / 4))
            .SetMaxOpenFiles(256)
            .SetKeepLogFileNum(2)
            .SetMaxLogFileSize(1024 * 1024)
            .SetBlockBasedTableFactory(tableOptions);
        RocksDb db;
        try
        {
            if (options.WipeData)
            {
                Log.Info($"Wiping RocksDB in {path}");
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
            Directory.CreateDirectory(path);
            Log.Info($"Opening RocksDB in {path}");
            db = RocksDb.Open(dbOptions, path);
            Log.Info("Opened RocksDB successfully");
        }
        catch (RocksDbException e)
        {
            throw Fail(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string message = $"Fatal RocksDB error: IO error: {e.Message}";
            Log.Error(message);
            throw new DatabaseException(message, e);
        }

        try
        {
            var obfuscation = Obfuscation.None;
            var stored = db.Get(ObfuscationKeyKey);
            if (stored is not null)
            {
                if (stored.Length != 1 + Obfuscation.KeySize || stored[0] != Obfuscation.KeySize)
                    throw new DatabaseException($"Fatal RocksDB error: Corruption: obfuscation key in {path} is malformed");
                obfuscation = new Obfuscation(stored.AsSpan(1));
            }
            else if (options.Obfuscate && IsEmpty(db))
            {
                var key = RandomNumberGenerator.GetBytes(Obfuscation.KeySize);
                byte[] storedKey = [Obfuscation.KeySize, .. key];
                db.Put(ObfuscationKeyKey, storedKey, null, new WriteOptions().SetSync(true));
                obfuscation = new Obfuscation(key);
                Log.Info($"Wrote new obfuscation key for {path}: {obfuscation.HexKey}");
            }
            Log.Info($"Using obfuscation key for {path}: {obfuscation.HexKey}");
            return new KeyValueDb(db, blockCache, path, obfuscation);
        }
        catch (RocksDbException e)
        {
            db.Dispose();
            throw Fail(e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>The de-obfuscated value of <paramref name="key"/>, or null if absent.</summary>
    public byte[]? Read(ReadOnlySpan<byte> key)
    {
        byte[]? value;
        try
        {
            value = _db.Get(key);
        }
        catch (RocksDbException e)
        {
            throw Fail(e);
        }
        if (value is not null) Obfuscation.Apply(value);
        return value;
    }

    /// <summary>True if <paramref name="key"/> is present.</summary>
    public bool Exists(ReadOnlySpan<byte> key)
    {
        try
        {
            return _db.HasKey(key);
        }
        catch (RocksDbException e)
        {
            throw Fail(e);
        }
    }

    /// <summary>Writes one key.</summary>
    public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool sync = false)
    {
        using var batch = NewBatch();
        batch.Put(key, value);
        WriteBatch(batch, sync);
    }

    /// <summary>Removes one key.</summary>
    public void Erase(ReadOnlySpan<byte> key, bool sync = false)
    {
        using var batch = NewBatch();
        batch.Delete(key);
        WriteBatch(batch, sync);
    }

    /// <summary>A new empty batch that obfuscates as this database does.</summary>
    public DbBatch NewBatch() => new(Obfuscation);

    /// <summary>
    /// Applies every write of <paramref name="batch"/> atomically. With <paramref name="sync"/> the call returns only
    /// after the write-ahead log is on disk (survives power loss); without it the write survives a process crash.
    /// </summary>
    public void WriteBatch(DbBatch batch, bool sync = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            _db.Write(batch.Native, sync ? _syncWrite : _normalWrite);
        }
        catch (RocksDbException e)
        {
            throw Fail(e);
        }
    }

    /// <summary>A new cursor (call <see cref="DbIterator.Seek"/> before reading).</summary>
    public DbIterator NewIterator()
    {
        try
        {
            return new DbIterator(_db.NewIterator(null, new ReadOptions().SetVerifyChecksums(true).SetFillCache(false)), Obfuscation);
        }
        catch (RocksDbException e)
        {
            throw Fail(e);
        }
    }

    /// <summary>True if the database holds no keys at all.</summary>
    public bool IsEmpty() => IsEmpty(_db);

    /// <summary>Approximate bytes the database takes on disk.</summary>
    public long EstimateSize()
    {
        try
        {
            return new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.TopDirectoryOnly)
                .Where(f => f.Extension == ".sst" || f.Extension == ".log")
                .Sum(f => f.Length);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Compacts the whole key range (Core runs this after large flushes).</summary>
    public void CompactFull()
    {
        try
        {
            _db.CompactRange((byte[]?)null, (byte[]?)null);
        }
        catch (RocksDbException e)
        {
            throw Fail(e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _db.Dispose();
    }

    private static bool IsEmpty(RocksDb db)
    {
        using var it = db.NewIterator();
        it.SeekToFirst();
        return !it.Valid();
    }

    private static DatabaseException Fail(RocksDbException e)
    {
        string message = $"Fatal RocksDB error: {e.Message}";
        Log.Error(message);
        return new DatabaseException(message, e);
    }
}
