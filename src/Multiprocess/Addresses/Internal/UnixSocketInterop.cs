using System.Runtime.InteropServices;
using System.Text;

namespace Multiprocess.Addresses.Internal;

/// <summary>
/// The libc calls Unix socket addresses need on Linux, where .NET's own sockets hide the real <c>errno</c> (a missing
/// socket file comes back as "Cannot assign requested address") and cannot tell a socket file from another file:
/// <c>socket</c>/<c>connect</c>/<c>close</c> to report Core's messages, <c>statx</c> to find a stale socket.
/// </summary>
internal static unsafe partial class UnixSocketInterop
{
    private const string Library = "libc";

    private const int AF_UNIX = 1;
    private const int SOCK_STREAM = 1;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int AT_FDCWD = -100;
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_TYPE = 0x1;
    private const int S_IFMT = 0xF000;
    private const int S_IFSOCK = 0xC000;
    private const int EINTR = 4;
    private const int EALREADY = 114;
    private const int EISCONN = 106;

    /// <summary>errno values the callers distinguish (Linux numbering).</summary>
    internal const int ENOENT = 2;
    internal const int ENOTDIR = 20;
    internal const int ECONNREFUSED = 111;

    // struct sockaddr_un: sa_family_t (2 bytes) then sun_path[108].
    private const int SockaddrUnSize = 2 + IpcAddress.MaxUnixPathBytes;

    // struct statx is 256 bytes with stx_mode (u16) at offset 28 on every Linux architecture.
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, byte* address, uint length);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    /// <summary>
    /// Connects a new close-on-exec stream socket to <paramref name="path"/> and returns its descriptor; on failure
    /// returns -1 with the <c>errno</c> in <paramref name="error"/>.
    /// </summary>
    internal static int ConnectUnix(string path, out int error)
    {
        byte* address = stackalloc byte[SockaddrUnSize];
        new Span<byte>(address, SockaddrUnSize).Clear();
        *(ushort*)address = AF_UNIX;
        // The parser has already refused paths that do not fit with their terminating NUL.
        Encoding.UTF8.GetBytes(path, new Span<byte>(address + 2, IpcAddress.MaxUnixPathBytes - 1));

        int fd = Socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            error = Marshal.GetLastPInvokeError();
            return -1;
        }
        while (true)
        {
            if (Connect(fd, address, SockaddrUnSize) == 0)
            {
                error = 0;
                return fd;
            }
            error = Marshal.GetLastPInvokeError();
            // A connect interrupted by a signal goes on in the background; asking again reports its outcome
            // (EISCONN once it has succeeded).
            if (error == EISCONN)
            {
                error = 0;
                return fd;
            }
            if (error != EINTR && error != EALREADY)
                break;
        }
        Close(fd);
        return -1;
    }

    /// <summary>True when <paramref name="path"/> itself (not a symlink's target) is a socket file.</summary>
    internal static bool IsSocketFile(string path)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (Statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_TYPE, buffer) != 0)
            return false;
        ushort mode = *(ushort*)(buffer + StatxModeOffset);
        return (mode & S_IFMT) == S_IFSOCK;
    }

    /// <summary>The C library's text for <paramref name="errno"/> ("No such file or directory"), as Core prints it.</summary>
    internal static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
