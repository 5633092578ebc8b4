using System.Buffers.Binary;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Kernel.Storage;

// Block and undo files: where records go, how they are written, read back and flushed (Core's blockstorage.cpp).
public sealed partial class BlockManager
{
    private readonly List<BlockFileInfo> _blockFileInfo = [];
    private readonly HashSet<int> _dirtyFileInfo = [];
    // The blk file new blocks are appended to; Core starts it at file 0 before anything is loaded.
    private BlockfileCursor _cursor = new(0);

    /// <summary>Highest block file number in use (the write cursor's file, 0 before any block is stored).</summary>
    public int MaxBlockfileNum => _cursor.FileNumber;

    /// <summary>Statistics of block file <paramref name="file"/>, or null if there is no such file.</summary>
    public BlockFileInfo? GetBlockFileInfo(int file) => file >= 0 && file < _blockFileInfo.Count ? _blockFileInfo[file] : null;

    /// <summary>The path of blk file <paramref name="file"/>.</summary>
    public string GetBlockFileName(int file) => _blockFiles.FileName(file);

    /// <summary>The path of rev file <paramref name="file"/>.</summary>
    public string GetUndoFileName(int file) => _undoFiles.FileName(file);

    /// <summary>Total bytes used by block and undo files.</summary>
    public ulong CalculateCurrentUsage() => _blockFileInfo.Aggregate(0UL, (sum, f) => sum + f.Size + f.UndoSize);

    /// <summary>
    /// Appends <paramref name="block"/> (with witness data) to the current blk file and returns the position of its
    /// data (after the 8-byte header); <see cref="FlatFilePos.Null"/> on failure, after a fatal-error notification.
    /// </summary>
    public FlatFilePos WriteBlock(Block block, int height)
    {
        ArgumentNullException.ThrowIfNull(block);
        var data = block.ToBytes();
        var pos = FindNextBlockPos((uint)data.Length + StorageHeaderBytes, height, (ulong)block.Header.BlockTime.ToUnixTimeSeconds());
        if (pos.IsNull)
        {
            Log.Error($"FindNextBlockPos failed for {pos} while writing block");
            return FlatFilePos.Null;
        }
        var record = new byte[StorageHeaderBytes + data.Length];
        _messageStart.CopyTo(record, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)data.Length);
        data.CopyTo(record, (int)StorageHeaderBytes);
        if (!WriteRecord(_blockFiles, pos, record))
        {
            Log.Error($"OpenBlockFile failed for {pos} while writing block");
            _options.Notifications.FatalError("Failed to write block.");
            return FlatFilePos.Null;
        }
        return pos with { Pos = pos.Pos + StorageHeaderBytes };
    }

    /// <summary>
    /// Records a block that already sits in a blk file at <paramref name="pos"/> (found by -reindex), updating the
    /// file statistics and the write cursor (Core's UpdateBlockInfo).
    /// </summary>
    public void UpdateBlockInfo(Block block, int height, FlatFilePos pos)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_cursor.FileNumber < pos.File) _cursor = new BlockfileCursor(pos.File);
        uint addedSize = (uint)block.GetSerializedSize();
        while (_blockFileInfo.Count <= pos.File) _blockFileInfo.Add(new BlockFileInfo());
        var info = _blockFileInfo[pos.File];
        info.AddBlock((uint)height, (ulong)block.Header.BlockTime.ToUnixTimeSeconds());
        info.Size = Math.Max(pos.Pos + addedSize, info.Size);
        _dirtyFileInfo.Add(pos.File);
    }

    /// <summary>
    /// Appends the undo data of <paramref name="index"/> to the rev file paired with its blk file, unless it is
    /// already stored, and records its position. False (with <paramref name="state"/> set to an error) on failure.
    /// </summary>
    public bool WriteBlockUndo(BlockUndo undo, BlockValidationState state, BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(undo);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(index);
        if ((index.Status & BlockStatus.HaveUndo) != 0 && index.UndoPos != 0) return true;
        if (index.Previous is null) throw new ArgumentException("The genesis block has no undo data.", nameof(index));

        var payload = undo.ToBytes();
        if (!FindUndoPos(state, index.File, out var pos, (uint)payload.Length + UndoDataDiskOverhead))
        {
            Log.Error($"FindUndoPos failed for {pos} while writing block undo");
            return false;
        }
        // Checksum: double SHA-256 of the previous block hash followed by the undo data.
        var hashed = new byte[32 + payload.Length];
        index.Previous.Hash.ToBytes(hashed.AsSpan(0, 32), lendian: true);
        payload.CopyTo(hashed, 32);
        var checksum = Hashes.DoubleSha256(hashed);

        var record = new byte[UndoDataDiskOverhead + payload.Length];
        _messageStart.CopyTo(record, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(record, (int)StorageHeaderBytes);
        checksum.ToBytes(record.AsSpan((int)StorageHeaderBytes + payload.Length, 32), lendian: true);
        if (!WriteRecord(_undoFiles, pos, record))
        {
            Log.Error($"OpenUndoFile failed for {pos} while writing block undo");
            _options.Notifications.FatalError("Failed to write undo data.");
            return state.Error("Failed to write undo data.");
        }

        // rev files are written in height order while blk files fill in arrival order: finalize (flush and trim)
        // a rev file once the last block of its blk file has its undo data; the cursor tracks the current file.
        var cursor = _cursor;
        if (pos.File < cursor.FileNumber && (uint)index.Height == _blockFileInfo[pos.File].HeightLast)
        {
            if (!FlushUndoFile(pos.File, finalize: true)) Log.Warning($"Failed to flush undo file {pos.File:D5}");
        }
        else if (pos.File == cursor.FileNumber && index.Height > cursor.UndoHeight)
        {
            _cursor = cursor with { UndoHeight = index.Height };
        }
        index.UndoPos = pos.Pos + StorageHeaderBytes;
        index.Status |= BlockStatus.HaveUndo;
        MarkDirty(index);
        return true;
    }

    /// <summary>Reads the block stored for <paramref name="index"/>; null (logged) if missing, corrupt or not the expected block.</summary>
    public Block? ReadBlock(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if ((index.Status & BlockStatus.HaveData) == 0) return null;
        return ReadBlock(new FlatFilePos(index.File, index.DataPos), index.Hash);
    }

    /// <summary>
    /// Reads the block at <paramref name="pos"/> and checks its proof of work and, if given, its hash; null (logged
    /// with Core's messages) on any failure. The block's and transactions' hashes are cached: do not modify it.
    /// </summary>
    public Block? ReadBlock(FlatFilePos pos, uint256? expectedHash)
    {
        var data = ReadRawBlock(pos);
        if (data is null) return null;
        Block block;
        try
        {
            block = Block.Load(data, ChainParams.Network);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            Log.Error($"Deserialize or I/O error - {e.Message} at {pos} while reading block");
            return null;
        }
        // Blocks read from disk are never modified: cache their hashes, which validation asks for many times.
        block.Header.PrecomputeHash(invalidateExisting: false, lazily: true);
        foreach (var tx in block.Transactions) tx.PrecomputeHash(invalidateExisting: false, lazily: true);
        var hash = block.GetHash();
        if (!Pow.CheckProofOfWork(hash, block.Header.Bits.ToCompact(), ChainParams.Consensus))
        {
            Log.Error($"Errors in block header at {pos} while reading block");
            return null;
        }
        if (expectedHash is not null && hash != expectedHash)
        {
            Log.Error($"GetHash() doesn't match index at {pos} while reading block ({hash} != {expectedHash})");
            return null;
        }
        return block;
    }

    /// <summary>The serialized block at <paramref name="pos"/> (without its header); null (logged) on failure.</summary>
    public byte[]? ReadRawBlock(FlatFilePos pos)
    {
        if (pos.IsNull || pos.Pos < StorageHeaderBytes)
        {
            Log.Error($"Failed for {pos} while reading raw block storage header");
            return null;
        }
        using var file = _blockFiles.Open(pos, readOnly: true);
        if (file is null)
        {
            Log.Error($"OpenBlockFile failed for {pos} while reading raw block");
            return null;
        }
        try
        {
            Span<byte> header = stackalloc byte[(int)StorageHeaderBytes];
            long headerOffset = pos.Pos - StorageHeaderBytes;
            ReadExactly(file, header, headerOffset);
            Obfuscation.Apply(header, headerOffset);
            if (!header[..4].SequenceEqual(_messageStart))
            {
                Log.Error($"Block magic mismatch for {pos}: {Convert.ToHexStringLower(header[..4])} versus expected {Convert.ToHexStringLower(_messageStart)} while reading raw block");
                return null;
            }
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (size > CompactSize.MaxSize)
            {
                Log.Error($"Block data is larger than maximum deserialization size for {pos}: {size} versus {CompactSize.MaxSize} while reading raw block");
                return null;
            }
            var data = new byte[size];
            ReadExactly(file, data, pos.Pos);
            Obfuscation.Apply(data, pos.Pos);
            return data;
        }
        catch (IOException e)
        {
            Log.Error($"Read from block file failed: {e.Message} for {pos} while reading raw block");
            return null;
        }
    }

    /// <summary>Reads and verifies (checksum) the undo data of <paramref name="index"/>; null (logged) on failure.</summary>
    public BlockUndo? ReadBlockUndo(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var pos = new FlatFilePos(index.File, index.UndoPos);
        if ((index.Status & BlockStatus.HaveUndo) == 0 || index.Previous is null || pos.Pos < StorageHeaderBytes)
        {
            Log.Error($"OpenUndoFile failed for {pos} while reading block undo");
            return null;
        }
        using var file = _undoFiles.Open(pos, readOnly: true);
        if (file is null)
        {
            Log.Error($"OpenUndoFile failed for {pos} while reading block undo");
            return null;
        }
        try
        {
            Span<byte> header = stackalloc byte[(int)StorageHeaderBytes];
            long headerOffset = pos.Pos - StorageHeaderBytes;
            ReadExactly(file, header, headerOffset);
            Obfuscation.Apply(header, headerOffset);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (!header[..4].SequenceEqual(_messageStart) || size > CompactSize.MaxSize)
                throw new SerializationException("bad undo record header");

            var hashed = new byte[32 + size];
            index.Previous.Hash.ToBytes(hashed.AsSpan(0, 32), lendian: true);
            var payload = hashed.AsSpan(32);
            ReadExactly(file, payload, pos.Pos);
            Obfuscation.Apply(payload, pos.Pos);
            Span<byte> checksum = stackalloc byte[32];
            ReadExactly(file, checksum, pos.Pos + size);
            Obfuscation.Apply(checksum, pos.Pos + size);

            var reader = new SpanReader(payload);
            var undo = BlockUndo.ReadFrom(ref reader);
            if (!reader.IsEnd) throw new SerializationException("undo record has trailing data");
            if (new uint256(checksum) != Hashes.DoubleSha256(hashed))
            {
                Log.Error($"Checksum mismatch at {pos} while reading block undo");
                return null;
            }
            return undo;
        }
        catch (Exception e) when (e is IOException or SerializationException or ArgumentException)
        {
            Log.Error($"Deserialize or I/O error - {e.Message} at {pos} while reading block undo");
            return null;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes of blk file <paramref name="file"/> from
    /// <paramref name="offset"/>, de-obfuscated; returns the count read (0 at the end). -1 if the file cannot be opened.
    /// </summary>
    public int ReadBlockFileBytes(int file, long offset, Span<byte> destination)
    {
        using var handle = _blockFiles.Open(new FlatFilePos(file, 0), readOnly: true);
        if (handle is null) return -1;
        int total = 0;
        while (total < destination.Length)
        {
            int read = RandomAccess.Read(handle, destination[total..], offset + total);
            if (read == 0) break;
            total += read;
        }
        Obfuscation.Apply(destination[..total], offset);
        return total;
    }

    /// <summary>True if blk file <paramref name="file"/> exists.</summary>
    public bool BlockFileExists(int file) => _blockFiles.Exists(file);

    /// <summary>
    /// fsyncs the blk and rev files the chain tip is being written to (Core's FlushChainstateBlockFile), so that
    /// the block index written next never points at data that is not on disk. False if a flush failed (reported).
    /// </summary>
    public bool FlushChainstateBlockFile(int tipHeight)
    {
        _ = tipHeight; // One cursor: Core keys it by height only to separate assumeutxo snapshot blocks.
        if (_cursor.FileNumber >= _blockFileInfo.Count) return true; // Nothing written yet.
        return FlushBlockFile(_cursor.FileNumber, finalize: false, finalizeUndo: false);
    }

    /// <summary>Flushes blk file <paramref name="file"/> (truncating unused space with <paramref name="finalize"/>) and, unless finalizing only the blk file, its rev file.</summary>
    public bool FlushBlockFile(int file, bool finalize, bool finalizeUndo)
    {
        if (_blockFileInfo.Count < 1) return true;
        if (file < 0 || file >= _blockFileInfo.Count) throw new ArgumentOutOfRangeException(nameof(file));
        bool success = true;
        if (!_blockFiles.Flush(new FlatFilePos(file, _blockFileInfo[file].Size), finalize))
        {
            _options.Notifications.FlushError("Flushing block file to disk failed. This is likely the result of an I/O error.");
            success = false;
        }
        // The undo file may lag behind the block file during IBD; it is finalized when its last block is connected.
        if (!finalize || finalizeUndo)
        {
            if (!FlushUndoFile(file, finalizeUndo)) success = false;
        }
        return success;
    }

    private bool FlushUndoFile(int file, bool finalize)
    {
        // Nothing was ever written to this rev file (e.g. blocks stored but not yet connected).
        if (_blockFileInfo[file].UndoSize == 0 && !_undoFiles.Exists(file)) return true;
        if (!_undoFiles.Flush(new FlatFilePos(file, _blockFileInfo[file].UndoSize), finalize))
        {
            _options.Notifications.FlushError("Flushing undo file to disk failed. This is likely the result of an I/O error.");
            return false;
        }
        return true;
    }

    private FlatFilePos FindNextBlockPos(uint addSize, int height, ulong time)
    {
        int lastBlockfile = _cursor.FileNumber;
        int file = lastBlockfile;
        while (_blockFileInfo.Count <= file) _blockFileInfo.Add(new BlockFileInfo());

        bool finalizeUndo = false;
        uint maxBlockfileSize = MaxBlockfileSize;
        if (_options.FastPrune)
        {
            // Small files for tests, but never too small for the block at hand.
            maxBlockfileSize = 0x10000;
            if (addSize >= maxBlockfileSize) maxBlockfileSize = addSize + 1;
        }
        if (addSize >= maxBlockfileSize) throw new ArgumentOutOfRangeException(nameof(addSize), "Block larger than a block file.");

        while (_blockFileInfo[file].Size + addSize >= maxBlockfileSize)
        {
            // When the undo file keeps up with the block file, finalize it together with the block file.
            finalizeUndo = (int)_blockFileInfo[file].HeightLast == _cursor.UndoHeight;
            file = MaxBlockfileNum + 1;
            _cursor = new BlockfileCursor(file);
            while (_blockFileInfo.Count <= file) _blockFileInfo.Add(new BlockFileInfo());
        }
        var pos = new FlatFilePos(file, _blockFileInfo[file].Size);

        if (file != lastBlockfile)
        {
            Log.Debug(LogCategory.BlockStorage, $"Leaving block file {lastBlockfile}: {_blockFileInfo[lastBlockfile]} (onto {file}) (height {height})");
            // A failed flush of the previous file does not make this write fail; the data is written already.
            if (!FlushBlockFile(lastBlockfile, finalize: true, finalizeUndo))
                Log.Warning($"Failed to flush previous block file {lastBlockfile:D5} (finalize=1, finalize_undo={(finalizeUndo ? 1 : 0)}) before opening new block file {file:D5}");
            _cursor = new BlockfileCursor(file);
        }

        _blockFileInfo[file].AddBlock((uint)height, time);
        _blockFileInfo[file].Size += addSize;
        long allocated = _blockFiles.Allocate(pos, addSize, out bool outOfSpace);
        if (outOfSpace)
        {
            _options.Notifications.FatalError("Disk space is too low!");
            return FlatFilePos.Null;
        }
        // Pruning is considered only when the files grew, at the next flush.
        if (allocated != 0 && IsPruneMode) CheckForPruning = true;
        _dirtyFileInfo.Add(file);
        return pos;
    }

    private bool FindUndoPos(BlockValidationState state, int file, out FlatFilePos pos, uint addSize)
    {
        while (_blockFileInfo.Count <= file) _blockFileInfo.Add(new BlockFileInfo());
        pos = new FlatFilePos(file, _blockFileInfo[file].UndoSize);
        _blockFileInfo[file].UndoSize += addSize;
        _dirtyFileInfo.Add(file);
        long allocated = _undoFiles.Allocate(pos, addSize, out bool outOfSpace);
        if (outOfSpace)
        {
            _options.Notifications.FatalError("Disk space is too low!");
            return state.Error("Disk space is too low!");
        }
        if (allocated != 0 && IsPruneMode) CheckForPruning = true;
        return true;
    }

    private bool WriteRecord(FlatFileSeq files, FlatFilePos pos, byte[] record)
    {
        using var handle = files.Open(pos, readOnly: false);
        if (handle is null) return false;
        try
        {
            Obfuscation.Apply(record, pos.Pos);
            RandomAccess.Write(handle, record, pos.Pos);
            return true;
        }
        catch (IOException e)
        {
            Log.Error($"Failed to write to {files.FileName(pos.File)}: {e.Message}");
            return false;
        }
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read == 0) throw new EndOfStreamException("end of data");
            total += read;
        }
    }
}
