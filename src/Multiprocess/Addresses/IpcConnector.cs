using System.Net;
using System.Net.Sockets;
using Multiprocess.Addresses.Internal;

namespace Multiprocess.Addresses;

/// <summary>Connects to an IPC address (Bitcoin Core's <c>Process::connect</c> and <c>Ipc::connectAddress</c>).</summary>
public static class IpcConnector
{
    /// <summary>
    /// Connects as Core's <c>connectAddress</c>: <c>""</c> and <c>"0"</c> mean no IPC (null); <c>auto</c> tries the default
    /// socket of <paramref name="destExeName"/> and returns null when nothing listens there (or its path is too long);
    /// anything else must connect. Throws <see cref="IpcAddressException"/>, <see cref="IpcConnectException"/> and,
    /// for TCP, <see cref="IpcAuthenticationException"/>. <paramref name="address"/> is replaced by its full form.
    /// </summary>
    public static async Task<IpcTransport?> ConnectAddressAsync(string address, string dataDir, string destExeName,
        IpcConnectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length == 0 || address == "0")
            return null;
        if (address != "auto")
            return await ConnectAsync(IpcAddress.Parse(address, dataDir, destExeName), options, cancellationToken).ConfigureAwait(false);

        IpcAddress unix;
        try
        {
            unix = IpcAddress.Parse("unix", dataDir, destExeName);
        }
        catch (IpcAddressException)
        {
            return null;
        }
        try
        {
            return await ConnectAsync(unix, options, cancellationToken).ConfigureAwait(false);
        }
        catch (IpcConnectException e) when (e.NobodyListening)
        {
            return null;
        }
    }

    /// <summary>
    /// Connects to <paramref name="address"/>; for TCP, authenticates with the secret from <paramref name="options"/>
    /// (TLS required when the host is not loopback). The caller owns the returned stream.
    /// </summary>
    public static async Task<IpcTransport> ConnectAsync(IpcAddress address, IpcConnectOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= new IpcConnectOptions();
        return address.Kind == IpcAddressKind.Unix
            ? new IpcTransport(new NetworkStream(ConnectUnix(address.Path!), ownsSocket: true), address.Path!)
            : await ConnectTcpAsync(address, options, cancellationToken).ConfigureAwait(false);
    }

    private static Socket ConnectUnix(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            int fd = UnixSocketInterop.ConnectUnix(path, out int errno);
            if (fd < 0)
            {
                bool nobody = errno is UnixSocketInterop.ENOENT or UnixSocketInterop.ENOTDIR or UnixSocketInterop.ECONNREFUSED;
                throw new IpcConnectException(UnixSocketInterop.ErrorText(errno), nobody);
            }
            return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            bool nobody = e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable;
            throw new IpcConnectException(e.Message, nobody, e);
        }
    }

    private static async Task<IpcTransport> ConnectTcpAsync(IpcAddress address, IpcConnectOptions options, CancellationToken cancellationToken)
    {
        var secret = options.AuthSecret is { } text
            ? IpcSecret.FromText(text)
            : IpcSecret.ReadCookie(IpcSecret.DefaultCookiePath(options.DataDir
                ?? throw new IpcAuthenticationException("A TCP IPC address needs an authentication secret (-ipcauth or the data directory's cookie file)")));
        var ip = Resolve(address.Host!);
        var endPoint = new IPEndPoint(ip, address.Port);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IpcConnectException(e.Message, e.SocketErrorCode == SocketError.ConnectionRefused, e);
        }

        var transport = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var stream = await TcpHandshake.ConnectAsync(transport, secret, requireTls: !IPAddress.IsLoopback(ip),
                address.Host!, address.ToString(), cancellationToken).ConfigureAwait(false);
            return new IpcTransport(stream, address.ToString());
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The IP address of a TCP address's host: an IP literal as is, a name resolved (IPv4 preferred).</summary>
    internal static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
            return literal;
        IPAddress[] found;
        try
        {
            found = Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw new IpcAddressException($"Cannot resolve IPC host '{host}': {e.Message}", host);
        }
        return found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? found.FirstOrDefault()
            ?? throw new IpcAddressException($"Cannot resolve IPC host '{host}'", host);
    }
}
