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

    // open(2) flags on Linux (x86-64 and arm64 share them).
    internal const int O_WRONLY = 0x1;
    internal const int O_CREAT = 0x40;
    internal const int O_APPEND = 0x400;
    internal const int O_CLOEXEC = 0x80000;

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

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);

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

    /// <summary>
    /// Opens a file for appending with O_APPEND, so every write lands at the current end of the file even after another
    /// program truncated it (log rotation with copytruncate), as C's fopen(path, "a"). Null with the errno on failure.
    /// </summary>
    internal static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenAppend(string path, out int errno)
    {
        while (true)
        {
            var fd = OpenNative(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, Convert.ToInt32("666", 8));
            if (fd >= 0)
            {
                errno = 0;
                return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
            }

            errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
                return null;
        }
    }

    /// <summary>Writes all of <paramref name="data"/>, retrying on EINTR and short writes. Returns 0 or the errno.</summary>
    internal static unsafe int WriteAll(SafeHandle file, ReadOnlySpan<byte> data)
    {
        var fd = (int)file.DangerousGetHandle();
        fixed (byte* start = data)
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var written = WriteNative(fd, start + offset, (nuint)(data.Length - offset));
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR)
                        continue;
                    return errno;
                }

                offset += (int)written;
            }
        }

        return 0;
    }

    /// <summary>The message for an errno, as <c>strerror</c>.</summary>
    internal static string ErrorMessage(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
