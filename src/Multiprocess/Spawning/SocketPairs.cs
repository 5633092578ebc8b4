using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Multiprocess.Interop;

namespace Multiprocess.Spawning;

/// <summary>Connected pairs of stream sockets: <c>socketpair(AF_UNIX, SOCK_STREAM)</c> on Unix, a loopback TCP
/// pair on Windows.</summary>
internal static class SocketPairs
{
    /// <summary>Two connected sockets, both close-on-exec.</summary>
    public static (Socket First, Socket Second) Create()
    {
        if (OperatingSystem.IsWindows())
            return CreateLoopbackPair();
        var (a, b) = CreateDescriptors();
        return (FromDescriptor(a), FromDescriptor(b));
    }

    /// <summary>Two connected Unix socket descriptors, both close-on-exec.</summary>
    [UnsupportedOSPlatform("windows")]
    public static unsafe (int First, int Second) CreateDescriptors()
    {
        int* fds = stackalloc int[2];
        int type = LibC.SOCK_STREAM | (OperatingSystem.IsLinux() ? LibC.SOCK_CLOEXEC : 0);
        if (LibC.SocketPair(LibC.AF_UNIX, type, 0, fds) != 0)
            throw new IOException($"socketpair failed: {Marshal.GetLastPInvokeErrorMessage()}");
        if (!OperatingSystem.IsLinux())
        {
            SetCloseOnExec(fds[0], true);
            SetCloseOnExec(fds[1], true);
        }

        return (fds[0], fds[1]);
    }

    /// <summary>Wraps a connected stream socket descriptor (the socket then owns it).</summary>
    public static Socket FromDescriptor(int fd) => new(new SafeSocketHandle((IntPtr)fd, ownsHandle: true));

    /// <summary>Sets or clears FD_CLOEXEC on <paramref name="fd"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    public static void SetCloseOnExec(int fd, bool closeOnExec)
    {
        int flags = LibC.Fcntl(fd, LibC.F_GETFD, 0);
        if (flags < 0)
            throw new IOException($"fcntl({fd}, F_GETFD) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        int wanted = closeOnExec ? flags | LibC.FD_CLOEXEC : flags & ~LibC.FD_CLOEXEC;
        if (wanted != flags && LibC.Fcntl(fd, LibC.F_SETFD, wanted) < 0)
            throw new IOException($"fcntl({fd}, F_SETFD) failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    private static (Socket, Socket) CreateLoopbackPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            client.Connect(listener.LocalEndPoint!);
            var server = listener.Accept();
            client.NoDelay = true;
            server.NoDelay = true;
            return (server, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
