using Bitcoin.Common.Logging;
using Bitcoin.Common.Util.Interop;
using Microsoft.Win32.SafeHandles;

namespace Bitcoin.Common.DataDir;

/// <summary>
/// Exclusive locks on data directories through a lock file (<c>.lock</c>), as Core's <c>util::LockDirectory</c>. The
/// lock is a POSIX write lock on the whole file, so it also excludes Bitcoin Core itself from a directory we use. Held
/// locks stay until <see cref="UnlockDirectory"/>, <see cref="ReleaseDirectoryLocks"/> or process exit.
/// </summary>
public static class DirectoryLock
{
    /// <summary>The lock file's name in a locked directory.</summary>
    public const string LockFileName = ".lock";

    private const string ClientName = "Bitcoin Core";
    private const int SharingViolation = 32;

    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, SafeFileHandle> s_locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Locks <paramref name="directory"/> by creating (if needed) and locking its lock file. Re-locking a directory this
    /// process holds succeeds. With <paramref name="probeOnly"/> the lock is tested and released at once.
    /// </summary>
    public static LockResult LockDirectory(string directory, string lockFileName = LockFileName, bool probeOnly = false)
    {
        var lockPath = Path.Join(directory, lockFileName);
        lock (s_gate)
        {
            if (s_locks.ContainsKey(lockPath))
                return LockResult.Success;

            SafeFileHandle handle;
            try
            {
                // On Unix sharing stays open and exclusion comes from the record lock below (which Core also takes);
                // on Windows an exclusive open conflicts with Core's open of the same file.
                handle = File.OpenHandle(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                    OperatingSystem.IsWindows() ? FileShare.None : FileShare.ReadWrite | FileShare.Delete);
            }
            catch (IOException e) when (OperatingSystem.IsWindows() && (e.HResult & 0xFFFF) == SharingViolation)
            {
                Log.Error($"Error while attempting to lock directory {directory}: {e.Message}");
                return LockResult.ErrorLock;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return LockResult.ErrorWrite;
            }

            var errno = OperatingSystem.IsWindows() ? 0 : LibC.TryWriteLock(handle);
            if (errno != 0)
            {
                handle.Dispose();
                Log.Error($"Error while attempting to lock directory {directory}: {LibC.ErrorMessage(errno)}");
                return LockResult.ErrorLock;
            }

            if (probeOnly)
                handle.Dispose();
            else
                s_locks.Add(lockPath, handle);
            return LockResult.Success;
        }
    }

    /// <summary>
    /// Locks a directory for the node and reports failure with Core's init messages: "Cannot write to directory 'X';
    /// check permissions." or "Cannot obtain a lock on directory X. Bitcoin Core is probably already running.".
    /// </summary>
    public static bool TryLockDirectory(string directory, bool probeOnly, out string error)
    {
        error = string.Empty;
        switch (LockDirectory(directory, LockFileName, probeOnly))
        {
            case LockResult.ErrorWrite:
                error = $"Cannot write to directory '{directory}'; check permissions.";
                return false;
            case LockResult.ErrorLock:
                error = $"Cannot obtain a lock on directory {directory}. {ClientName} is probably already running.";
                return false;
            default:
                return true;
        }
    }

    /// <summary>Releases the lock this process holds on a directory, if any.</summary>
    public static void UnlockDirectory(string directory, string lockFileName = LockFileName)
    {
        lock (s_gate)
        {
            if (s_locks.Remove(Path.Join(directory, lockFileName), out var handle))
                handle.Dispose();
        }
    }

    /// <summary>Releases every directory lock this process holds.</summary>
    public static void ReleaseDirectoryLocks()
    {
        lock (s_gate)
        {
            foreach (var handle in s_locks.Values)
                handle.Dispose();
            s_locks.Clear();
        }
    }
}
