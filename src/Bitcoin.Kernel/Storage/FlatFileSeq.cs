using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Storage.Interop;
using Microsoft.Win32.SafeHandles;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// A numbered sequence of flat files (<c>blk00000.dat</c>, <c>blk00001.dat</c>, ...) in one directory, grown in
/// chunks, as Core's FlatFileSeq. Stateless apart from its settings; callers serialize access with the chainstate lock.
/// </summary>
public sealed class FlatFileSeq
{
    /// <summary>Core's minimum free space kept on the disk, on top of what a write needs (50 MiB).</summary>
    public const long MinDiskSpace = 50L * 1024 * 1024;

    private readonly string _directory;
    private readonly string _prefix;
    private readonly uint _chunkSize;

    /// <summary>Creates the sequence <paramref name="prefix"/>NNNNN.dat in <paramref name="directory"/>, pre-allocated in <paramref name="chunkSize"/> steps.</summary>
    public FlatFileSeq(string directory, string prefix, uint chunkSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (chunkSize == 0) throw new ArgumentException("chunk_size must be positive", nameof(chunkSize));
        _directory = directory;
        _prefix = prefix;
        _chunkSize = chunkSize;
    }

    /// <summary>The directory holding the files.</summary>
    public string Directory => _directory;

    /// <summary>The path of file number <paramref name="file"/>, e.g. <c>blocks/blk00003.dat</c>.</summary>
    public string FileName(int file) => Path.Combine(_directory, $"{_prefix}{file:D5}.dat");

    /// <summary>True if file number <paramref name="file"/> exists.</summary>
    public bool Exists(int file) => File.Exists(FileName(file));

    /// <summary>
    /// Opens the file of <paramref name="pos"/>: read-only (null if it does not exist or cannot be opened, logged as
    /// Core does) or read-write (created if missing).
    /// </summary>
    public SafeFileHandle? Open(FlatFilePos pos, bool readOnly)
    {
        if (pos.IsNull) return null;
        string path = FileName(pos.File);
        try
        {
            if (readOnly)
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            System.IO.Directory.CreateDirectory(_directory);
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Error($"Unable to open file {path}");
            return null;
        }
    }

    /// <summary>
    /// Makes room for <paramref name="addSize"/> bytes at <paramref name="pos"/>, growing the file to the next chunk
    /// boundary when needed. Returns the bytes added; <paramref name="outOfSpace"/> is set when the disk is too full.
    /// </summary>
    public long Allocate(FlatFilePos pos, uint addSize, out bool outOfSpace)
    {
        outOfSpace = false;
        long oldChunks = CeilDiv(pos.Pos, _chunkSize);
        long newChunks = CeilDiv((long)pos.Pos + addSize, _chunkSize);
        if (newChunks <= oldChunks) return 0;

        long newSize = newChunks * _chunkSize;
        long increase = newSize - pos.Pos;
        if (!CheckDiskSpace(_directory, increase))
        {
            outOfSpace = true;
            return 0;
        }
        using var file = Open(pos, readOnly: false);
        if (file is null) return 0;
        Log.Debug(LogCategory.Validation, $"Pre-allocating up to position 0x{newSize:x} in {_prefix}{pos.File:D5}.dat");
        if (RandomAccess.GetLength(file) < newSize && !LibC.TryPreallocate(file, newSize))
            RandomAccess.SetLength(file, newSize);
        return increase;
    }

    /// <summary>
    /// Commits file <paramref name="pos"/>.File to disk (fsync and directory sync); with <paramref name="finalize"/>
    /// first truncates it to <paramref name="pos"/>.Pos, dropping unused pre-allocation. False (logged) on failure.
    /// </summary>
    public bool Flush(FlatFilePos pos, bool finalize)
    {
        using var file = Open(new FlatFilePos(pos.File, 0), readOnly: false);
        if (file is null)
        {
            Log.Error($"Flush: failed to open file {pos.File}");
            return false;
        }
        try
        {
            if (finalize) RandomAccess.SetLength(file, pos.Pos);
        }
        catch (IOException)
        {
            Log.Error($"Flush: failed to truncate file {pos.File}");
            return false;
        }
        try
        {
            RandomAccess.FlushToDisk(file);
        }
        catch (IOException)
        {
            Log.Error($"Flush: failed to commit file {pos.File}");
            return false;
        }
        LibC.SyncDirectory(_directory);
        return true;
    }

    /// <summary>Core's CheckDiskSpace: at least 50 MiB plus <paramref name="additionalBytes"/> free under <paramref name="directory"/>.</summary>
    public static bool CheckDiskSpace(string directory, long additionalBytes = 0)
    {
        try
        {
            string existing = directory;
            while (!System.IO.Directory.Exists(existing))
            {
                string? parent = Path.GetDirectoryName(existing);
                if (string.IsNullOrEmpty(parent)) return true;
                existing = parent;
            }
            return new DriveInfo(existing).AvailableFreeSpace >= MinDiskSpace + additionalBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // If the free space cannot be determined, let the write itself report a failure.
            return true;
        }
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;
}
