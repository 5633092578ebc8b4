using System.Runtime.InteropServices;

namespace Bitcoin.Common.Util.Interop;

/// <summary>The few libc calls Bitcoin.Common needs (Linux); every caller checks the platform first.</summary>
internal static partial class LibC
{
    private const string Library = "libc";

    // fcntl commands (asm-generic/fcntl.h, the same on x86-64 and arm64).
    internal const int F_SETLK = 6;
    internal const int F_OFD_SETLK = 37;
    internal const short F_WRLCK = 1;
    internal const short SEEK_SET = 0;

    internal const int EINTR = 4;
    internal const int EINVAL = 22;

    /// <summary>struct flock as laid out on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Flock
    {
        internal short l_type;
        internal short l_whence;
        internal long l_start;
        internal long l_len;
        internal int l_pid;
    }

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlLock(int fd, int cmd, ref Flock lockInfo);

    [LibraryImport(Library, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport(Library, EntryPoint = "free")]
    private static partial void Free(nint pointer);

    /// <summary>
    /// Takes a whole-file write lock without waiting. Uses an open-file-description lock, which conflicts with the classic
    /// POSIX record lock Bitcoin Core takes on the same file (so the two never share a data directory) and, unlike it,
    /// also conflicts between two descriptors of one process. Falls back to the classic lock on kernels without OFD locks.
    /// Returns 0 or the errno.
    /// </summary>
    internal static int TryWriteLock(SafeHandle file)
    {
        var fd = (int)file.DangerousGetHandle();
        var info = new Flock { l_type = F_WRLCK, l_whence = SEEK_SET, l_start = 0, l_len = 0, l_pid = 0 };
        var command = F_OFD_SETLK;
        while (true)
        {
            if (FcntlLock(fd, command, ref info) == 0)
                return 0;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
                continue;
            if (errno == EINVAL && command == F_OFD_SETLK)
            {
                command = F_SETLK;
                continue;
            }

            return errno;
        }
    }

    /// <summary>The canonical absolute path with symbolic links resolved, or null if it cannot be resolved.</summary>
    internal static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
            return null;
        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>The message for an errno, as <c>strerror</c>.</summary>
    internal static string ErrorMessage(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
