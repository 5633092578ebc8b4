using Multiprocess;
using Multiprocess.Addresses;

namespace Bitcoin.Ipc;

/// <summary>
/// Listens on a process's <c>-ipcbind</c> addresses and serves its <see cref="Interfaces.IInit"/> on every connection
/// (Core's <c>Ipc::listenAddress</c>). Disposing it stops listening and disconnects the clients still connected
/// (Core's <c>disconnectIncoming</c>), and deletes the TCP cookie file it wrote.
/// </summary>
public sealed class IpcInitListener : IAsyncDisposable
{
    private readonly IpcInitListenerOptions _options;
    private readonly List<IpcListener> _listeners = [];
    private string? _cookieWritten;
    private IpcSecret? _secret;

    private IpcInitListener(IpcInitListenerOptions options) => _options = options;

    /// <summary>The addresses listened on, in full form (<c>unix:/…/node.sock</c>, <c>tcp:127.0.0.1:40123</c>), in order.</summary>
    public IReadOnlyList<string> Addresses => _listeners.Select(l => l.Address.ToString()).ToList();

    /// <summary>
    /// Binds every address in order and starts serving. On the first failure, what was bound is released again and
    /// an <see cref="IpcBindException"/> says which address failed and why (Core's messages for Unix addresses).
    /// <paramref name="onListening"/> is told each address as it starts listening (Core logs "Listening for IPC
    /// requests on address …").
    /// </summary>
    public static async Task<IpcInitListener> StartAsync(IEnumerable<string> addresses, IpcInitListenerOptions options,
        Action<string>? onListening = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(options);
        var listener = new IpcInitListener(options);
        try
        {
            foreach (var text in addresses)
            {
                var bound = listener.Bind(text);
                bound.Start(listener.ServeAsync);
                onListening?.Invoke(bound.Address.ToString());
            }
        }
        catch
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return listener;
    }

    private IpcListener Bind(string text)
    {
        IpcAddress address;
        try
        {
            address = IpcAddress.Parse(text, _options.DataDir, _options.ExeName);
        }
        catch (IpcAddressException e)
        {
            throw new IpcBindException(e.Address, e.Message, e);
        }

        try
        {
            var listenerOptions = new IpcListenerOptions
            {
                Secret = address.Kind == IpcAddressKind.Tcp ? TcpSecret() : null,
                TlsCertificate = () => IpcTlsCertificate.LoadOrCreate(Path.Combine(_options.DataDir, IpcTlsCertificate.DefaultFileName)),
                Logger = _options.Logger,
            };
            var listener = IpcListener.Bind(address, listenerOptions);
            _listeners.Add(listener);
            return listener;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException
                                      or IpcAuthenticationException or IpcAddressException or System.Security.Cryptography.CryptographicException)
        {
            throw new IpcBindException(address.ToString(), e.Message, e);
        }
    }

    private IpcSecret TcpSecret()
    {
        if (_secret is not null)
            return _secret;
        if (_options.AuthSecret is { } text)
            return _secret = IpcSecret.FromText(text);
        var path = IpcSecret.DefaultCookiePath(_options.DataDir);
        _secret = IpcSecret.CreateCookie(path);
        _cookieWritten = path;
        return _secret;
    }

    private async Task ServeAsync(IpcTransport transport, CancellationToken cancellationToken)
    {
        var init = _options.Init;
        var connection = IpcConnection.Create(transport.Stream, new IpcConnectionOptions
        {
            Init = c => IpcInitServer.Serve(init, c),
            ExeName = _options.ExeName,
            Logger = _options.Logger,
        });
        await using (cancellationToken.Register(static c => ((IpcConnection)c!).Dispose(), connection).ConfigureAwait(false))
        {
            await connection.Completion.ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening, disconnects every client (waiting until their calls have finished), deletes the cookie.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
            await listener.DisposeAsync().ConfigureAwait(false);
        _listeners.Clear();
        if (_cookieWritten is not null)
        {
            IpcSecret.DeleteCookie(_cookieWritten);
            _cookieWritten = null;
        }
    }
}
