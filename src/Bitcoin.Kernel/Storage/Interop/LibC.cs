using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Bitcoin.Kernel.Storage.Interop;

/// <summary>The few POSIX calls the block files need that .NET does not expose (preallocation, directory fsync).</summary>
internal static partial class LibC
{
    private const int O_RDONLY = 0;
    private const int O_DIRECTORY = 0x10000; // Linux value
    private const int O_CLOEXEC = 0x80000;   // Linux value
    private const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "posix_fallocate64")]
    private static partial int PosixFallocate(SafeFileHandle fd, long offset, long length);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);

    /// <summary>Ends the process at once, running nothing (Core's _Exit): used to simulate a crash.</summary>
    public static void ExitImmediately(int status)
    {
        if (OperatingSystem.IsWindows()) Environment.FailFast("Simulated crash");
        Exit(status);
    }

    /// <summary>
    /// Reserves disk blocks for [0, <paramref name="endPosition"/>) as Core's AllocateFileRange does, so a later
    /// write cannot fail for lack of space. Returns false where unsupported; the caller then extends the file instead.
    /// </summary>
    public static bool TryPreallocate(SafeFileHandle file, long endPosition)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return PosixFallocate(file, 0, endPosition) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Flushes a directory's entries to disk (Core's DirectoryCommit), so a newly created file survives power loss.</summary>
    public static void SyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
        int fd;
        do
        {
            fd = Open(path, O_RDONLY | (OperatingSystem.IsLinux() ? O_DIRECTORY | O_CLOEXEC : 0));
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        if (fd < 0) return; // Best effort, as in Core.
        try
        {
            while (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() == EINTR)
            {
            }
        }
        finally
        {
            Close(fd);
        }
    }
}
