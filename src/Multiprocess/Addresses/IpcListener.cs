using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Multiprocess.Addresses.Internal;

namespace Multiprocess.Addresses;

/// <summary>
/// Listens on one IPC address. A Unix socket is bound as Bitcoin Core binds it (parent directories created, a stale
/// socket file replaced) and made mode 0600 before it accepts anyone. A TCP listener authenticates every peer with
/// the shared secret (and TLS when the address is not loopback) before handing the connection on; a peer that fails
/// is logged and disconnected without a Cap'n Proto byte read. See Addresses/README.md.
/// </summary>
public sealed class IpcListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IpcListenerOptions _options;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];
    private readonly Lock _lock = new();
    private Task? _acceptLoop;

    private IpcListener(Socket socket, IpcAddress address, IpcListenerOptions options, X509Certificate2? certificate)
    {
        _socket = socket;
        Address = address;
        _options = options;
        _certificate = certificate;
    }

    /// <summary>The address listened on, in full form (for TCP with the port actually bound).</summary>
    public IpcAddress Address { get; }

    /// <summary>True when TCP peers must complete a TLS handshake.</summary>
    public bool UsesTls => _certificate is not null;

    /// <summary>
    /// Binds <paramref name="address"/> and starts listening (connections wait until <see cref="Start"/>). Throws
    /// <see cref="SocketException"/> (message as the system's, e.g. "Address already in use"), <see cref="IOException"/>
    /// or <see cref="UnauthorizedAccessException"/> for the file system, and <see cref="IpcAuthenticationException"/>
    /// when a TCP address comes without a secret.
    /// </summary>
    public static IpcListener Bind(IpcAddress address, IpcListenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        return address.Kind == IpcAddressKind.Unix ? BindUnix(address, options) : BindTcp(address, options);
    }

    private static IpcListener BindUnix(IpcAddress address, IpcListenerOptions options)
    {
        var path = address.Path!;
        var parent = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(parent))
            Directory.CreateDirectory(parent);
        // As Core: a socket file left by a process that is gone (or still running) is replaced; any other file is not.
        if (OperatingSystem.IsLinux() && UnixSocketInterop.IsSocketFile(path))
            File.Delete(path);

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            // Nobody can connect before listen(), so tightening the mode here leaves no window open.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(128);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new IpcListener(socket, address, options, certificate: null);
    }

    private static IpcListener BindTcp(IpcAddress address, IpcListenerOptions options)
    {
        if (options.Secret is null)
            throw new IpcAuthenticationException("A TCP IPC address needs an authentication secret (a cookie file or -ipcauth)");
        var ip = IpcConnector.Resolve(address.Host!);
        bool loopback = IPAddress.IsLoopback(ip);
        X509Certificate2? certificate = null;
        if (!loopback || options.UseTlsOnLoopback)
        {
            certificate = (options.TlsCertificate ?? throw new IpcAuthenticationException(
                "A TCP IPC address that is not loopback needs TLS, but no certificate was configured"))();
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, address.Port));
            socket.Listen(128);
        }
        catch
        {
            socket.Dispose();
            certificate?.Dispose();
            throw;
        }
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return new IpcListener(socket, address.WithPort(port), options, certificate);
    }

    /// <summary>
    /// Starts accepting: each connection (authenticated first for TCP) is passed to <paramref name="serve"/> with a
    /// token cancelled when the listener is disposed. <paramref name="serve"/> owns the stream.
    /// </summary>
    public void Start(Func<IpcTransport, CancellationToken, Task> serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        lock (_lock)
        {
            if (_acceptLoop is not null)
                throw new InvalidOperationException("The listener has already been started.");
            _acceptLoop = Task.Run(() => AcceptLoopAsync(serve));
        }
    }

    private async Task AcceptLoopAsync(Func<IpcTransport, CancellationToken, Task> serve)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket peer;
            try
            {
                peer = await _socket.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Running out of descriptors or a peer resetting before accept() must not end the listener.
                Warn($"IPC listener on {Address}: accept failed: {e.Message}");
                continue;
            }
            Track(Task.Run(() => HandleAsync(peer, serve, token), CancellationToken.None));
        }
    }

    private void Track(Task task)
    {
        lock (_lock)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task HandleAsync(Socket peer, Func<IpcTransport, CancellationToken, Task> serve, CancellationToken token)
    {
        var transport = new NetworkStream(peer, ownsSocket: true);
        string peerName = Address.Kind == IpcAddressKind.Tcp && peer.RemoteEndPoint is IPEndPoint remote
            ? FormatEndPoint(remote)
            : Address.Path!;
        Stream stream = transport;
        if (Address.Kind == IpcAddressKind.Tcp)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_options.HandshakeTimeout);
            try
            {
                stream = await TcpHandshake.AcceptAsync(transport, _options.Secret!, _certificate, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IpcAuthenticationException or IOException or OperationCanceledException)
            {
                if (!token.IsCancellationRequested)
                {
                    var reason = e is OperationCanceledException ? "authentication timed out" : e.Message;
                    Warn($"IPC connection from {peerName} to {Address} refused: {reason}");
                }
                await transport.DisposeAsync().ConfigureAwait(false);
                return;
            }
        }

        try
        {
            await serve(new IpcTransport(stream, peerName), token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Warn($"IPC connection from {peerName} to {Address} ended with an error: {e.Message}");
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Warn(string message)
    {
        if (_options.Logger is { } logger && logger.IsEnabled(IpcLogLevel.Warning))
            logger.Log(IpcLogLevel.Warning, message);
    }

    private static string FormatEndPoint(IPEndPoint endPoint)
    {
        var ip = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var port = endPoint.Port.ToString(CultureInfo.InvariantCulture);
        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]:{port}" : $"{ip}:{port}";
    }

    /// <summary>
    /// Stops accepting, cancels the token given to every connection's <c>serve</c>, and waits for them to return. A
    /// Unix socket file goes with the socket (.NET unlinks the path it bound); one left by a killed process is replaced
    /// by the next bind.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        Task[] pending;
        lock (_lock)
        {
            pending = _acceptLoop is null ? [.. _running] : [_acceptLoop, .. _running];
        }
        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Each connection has reported its own failure.
        }
        lock (_lock)
        {
            pending = [.. _running];
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
        _certificate?.Dispose();
        _stopping.Dispose();
    }
}
