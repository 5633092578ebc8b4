using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Capnp.Rpc.Tests.Support;

/// <summary>The one system call the tests need that .NET lacks: socketpair(2).</summary>
internal static partial class LibC
{
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;

    /// <summary>Two connected Unix stream sockets, as a parent and a spawned child share (close-on-exec).</summary>
    public static (Socket, Socket) SocketPair()
    {
        Span<int> fds = stackalloc int[2];
        if (socketpair(AfUnix, SockStream | SockCloexec, 0, fds) != 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
        return (Wrap(fds[0]), Wrap(fds[1]));
    }

    private static Socket Wrap(int fd) => new(new SafeSocketHandle(fd, ownsHandle: true));

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socketpair(int domain, int type, int protocol, Span<int> sv);
}
