using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// Block storage as Core's node::BlockManager: blk/rev files in Core's format (<c>BlockManager.Files.cs</c>) and
/// the in-memory block index with its RocksDB database (<c>BlockManager.Index.cs</c>).
/// </summary>
/// <remarks>
/// Not thread-safe by itself: every member that touches the block index or file bookkeeping must be called with
/// the chainstate lock held (Core's cs_main). Reading a block or undo record by position only touches the files
/// and may run without the lock once the position has been read under it.
/// </remarks>
public sealed partial class BlockManager : IDisposable
{
    /// <summary>Core's BLOCKFILE_CHUNK_SIZE: blk files grow 16 MiB at a time.</summary>
    public const uint BlockfileChunkSize = 16 * 1024 * 1024;

    /// <summary>Core's UNDOFILE_CHUNK_SIZE: rev files grow 1 MiB at a time.</summary>
    public const uint UndofileChunkSize = 1024 * 1024;

    /// <summary>Core's MAX_BLOCKFILE_SIZE: a new blk file is started before one reaches 128 MiB.</summary>
    public const uint MaxBlockfileSize = 128 * 1024 * 1024;

    /// <summary>Bytes before each record: the 4-byte network magic and the 4-byte length.</summary>
    public const uint StorageHeaderBytes = 8;

    /// <summary>Bytes an undo record takes beyond its payload: the header and the 32-byte checksum.</summary>
    public const uint UndoDataDiskOverhead = StorageHeaderBytes + 32;

    private readonly BlockManagerOptions _options;
    private readonly FlatFileSeq _blockFiles;
    private readonly FlatFileSeq _undoFiles;
    private readonly byte[] _messageStart;

    /// <summary>Opens the block directory and the block index database (wiping the latter for -reindex).</summary>
    /// <exception cref="Database.DatabaseException">The block index database cannot be opened.</exception>
    public BlockManager(BlockManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Directory.CreateDirectory(options.BlocksDir);
        Obfuscation = InitBlocksDirXorKey(options);
        _messageStart = options.ChainParams.MessageStart.ToArray();
        _blockFiles = new FlatFileSeq(options.BlocksDir, "blk", options.FastPrune ? 0x4000u : BlockfileChunkSize);
        _undoFiles = new FlatFileSeq(options.BlocksDir, "rev", UndofileChunkSize);
        TreeDb = new BlockTreeDb(options.BlockTreeDbPath, options.BlockTreeDbCacheBytes, options.WipeBlockTreeDb);
        if (options.WipeBlockTreeDb)
        {
            TreeDb.WriteReindexing(true);
            BlockFilesIndexed = false;
            // A reindex stops at the first missing blk file and rewrites all undo data: with pruning, delete what it
            // cannot use so that the file statistics match the disk when blocks are downloaded again.
            if (IsPruneMode) CleanupBlockRevFiles();
        }
    }

    /// <summary>The chain the blocks belong to.</summary>
    public ChainParams ChainParams => _options.ChainParams;

    /// <summary>The XOR key of the block directory (all zeros when not obfuscated).</summary>
    public Obfuscation Obfuscation { get; }

    /// <summary>The block index database.</summary>
    public BlockTreeDb TreeDb { get; }

    /// <summary>Directory of the blk/rev files.</summary>
    public string BlocksDir => _options.BlocksDir;

    /// <summary>False while a -reindex has not finished reading the block files (Core's m_blockfiles_indexed).</summary>
    public bool BlockFilesIndexed { get; set; } = true;

    /// <summary>True while blocks are being imported from files (reindex or -loadblock); the node is then in IBD.</summary>
    public bool Importing { get; set; }

    /// <inheritdoc/>
    public void Dispose() => TreeDb.Dispose();

    private static Obfuscation InitBlocksDirXorKey(BlockManagerOptions options)
    {
        // A first run is a blocks directory holding nothing but hidden files (a .lock may already exist).
        bool firstRun = Directory.EnumerateFileSystemEntries(options.BlocksDir)
            .All(entry => File.Exists(entry) && Path.GetFileName(entry).StartsWith('.'));
        var key = new byte[Obfuscation.KeySize];
        if (options.UseXor && firstRun) RandomNumberGenerator.Fill(key);

        string keyPath = Path.Combine(options.BlocksDir, "xor.dat");
        if (File.Exists(keyPath))
        {
            // An existing key file wins over the option.
            var stored = File.ReadAllBytes(keyPath);
            if (stored.Length < Obfuscation.KeySize) throw new IOException($"Error reading XOR key file {keyPath}: end of data");
            key = stored[..Obfuscation.KeySize];
        }
        else
        {
            using (var file = new FileStream(keyPath, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(key);
                file.Flush(flushToDisk: true);
            }
        }
        var obfuscation = new Obfuscation(key);
        if (!options.UseXor && obfuscation.IsActive)
        {
            throw new InvalidOperationException(
                $"The blocksdir XOR-key can not be disabled when a random key was already stored! Stored key: '{obfuscation.HexKey}', stored path: '{keyPath}'.");
        }
        Log.Info($"Using obfuscation key for blocksdir *.dat files ({options.BlocksDir}): '{obfuscation.HexKey}'");
        return obfuscation;
    }
}
