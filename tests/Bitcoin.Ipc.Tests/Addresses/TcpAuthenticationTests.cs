using System.Net.Sockets;
using Multiprocess.Addresses;

namespace Bitcoin.Ipc.Tests.Addresses;

public sealed class TcpAuthenticationTests
{
    private static readonly IpcAddress Loopback = IpcAddress.Parse("tcp:127.0.0.1:0", "/unused", "bitcoin-node");

    [Fact]
    public async Task ClientWithTheSecretIsServedAndListenerReportsItsPort()
    {
        await using var listener = IpcListener.Bind(Loopback, new IpcListenerOptions { Secret = IpcSecret.FromText("s3cret") });
        listener.Start(UnixSocketTests.EchoOneLineAsync);

        Assert.NotEqual(0, listener.Address.Port);
        Assert.False(listener.UsesTls);
        var transport = await IpcConnector.ConnectAsync(listener.Address, new IpcConnectOptions { AuthSecret = "s3cret" });
        await using var stream = transport.Stream;
        Assert.Equal("hello", await UnixSocketTests.ExchangeLineAsync(stream, "hello"));
    }

    [Fact]
    public async Task WrongSecretIsRefusedOnBothSidesAndLogged()
    {
        var logger = new RecordingLogger();
        int served = 0;
        await using var listener = IpcListener.Bind(Loopback, new IpcListenerOptions { Secret = IpcSecret.FromText("right"), Logger = logger });
        listener.Start((t, _) => { Interlocked.Increment(ref served); return t.Stream.DisposeAsync().AsTask(); });

        var e = await Assert.ThrowsAsync<IpcAuthenticationException>(
            () => IpcConnector.ConnectAsync(listener.Address, new IpcConnectOptions { AuthSecret = "wrong" }));

        Assert.Contains("refused the authentication", e.Message, StringComparison.Ordinal);
        var line = await logger.WaitForAsync("refused");
        Assert.Contains("wrong authentication secret", line, StringComparison.Ordinal);
        Assert.Contains($"to {listener.Address} refused", line, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref served));
    }

    [Fact]
    public async Task PeerSpeakingCapnProtoStraightAwayNeverReachesTheServer()
    {
        var logger = new RecordingLogger();
        int served = 0;
        await using var listener = IpcListener.Bind(Loopback, new IpcListenerOptions { Secret = IpcSecret.FromText("k"), Logger = logger });
        listener.Start((t, _) => { Interlocked.Increment(ref served); return t.Stream.DisposeAsync().AsTask(); });

        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync("127.0.0.1", listener.Address.Port);
        // A Bootstrap message as a plain Cap'n Proto client sends it first: one segment of 8 words, padded.
        var bootstrap = new byte[8 + 8 * 8];
        bootstrap[4] = 8;
        await raw.SendAsync(bootstrap);
        var buffer = new byte[256];
        int total = 0;
        int read;
        while ((read = await raw.ReceiveAsync(buffer.AsMemory(total))) > 0)
            total += read;

        // The server greeted (9 bytes) and a nonce (32), then hung up: nothing a Cap'n Proto peer would answer.
        Assert.Equal(9 + 32, total);
        var line = await logger.WaitForAsync("refused");
        Assert.Contains("does not speak the IPC authentication protocol", line, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref served));
    }

    [Fact]
    public async Task PeerThatSaysNothingIsDisconnectedAfterTheHandshakeTimeout()
    {
        var logger = new RecordingLogger();
        await using var listener = IpcListener.Bind(Loopback, new IpcListenerOptions
        {
            Secret = IpcSecret.FromText("k"),
            Logger = logger,
            HandshakeTimeout = TimeSpan.FromMilliseconds(50),
        });
        listener.Start((t, _) => t.Stream.DisposeAsync().AsTask());

        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync("127.0.0.1", listener.Address.Port);

        var line = await logger.WaitForAsync("refused");
        Assert.Contains("authentication timed out", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TcpBindWithoutASecretIsRefused()
    {
        var e = Assert.Throws<IpcAuthenticationException>(() => IpcListener.Bind(Loopback, new IpcListenerOptions()));
        Assert.Contains("needs an authentication secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackBindWithoutACertificateIsRefused()
    {
        var anyAddress = IpcAddress.Parse("tcp:0.0.0.0:0", "/unused", "bitcoin-node");

        var e = Assert.Throws<IpcAuthenticationException>(
            () => IpcListener.Bind(anyAddress, new IpcListenerOptions { Secret = IpcSecret.FromText("k") }));

        Assert.Contains("needs TLS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonLoopbackBindUsesTlsAndAuthenticatedClientsGetThrough()
    {
        using var dir = new TempDataDir();
        var anyAddress = IpcAddress.Parse("tcp:0.0.0.0:0", dir.Path, "bitcoin-node");
        var certificatePath = Path.Combine(dir.Path, IpcTlsCertificate.DefaultFileName);
        await using var listener = IpcListener.Bind(anyAddress, new IpcListenerOptions
        {
            Secret = IpcSecret.FromText("k"),
            TlsCertificate = () => IpcTlsCertificate.LoadOrCreate(certificatePath),
        });
        listener.Start(UnixSocketTests.EchoOneLineAsync);

        Assert.True(listener.UsesTls);
        FileModes.AssertOwnerOnly(certificatePath);
        var loopback = IpcAddress.Parse($"tcp:127.0.0.1:{listener.Address.Port}", dir.Path, "bitcoin-node");
        var transport = await IpcConnector.ConnectAsync(loopback, new IpcConnectOptions { AuthSecret = "k" });
        await using var stream = transport.Stream;
        Assert.IsType<System.Net.Security.SslStream>(stream);
        Assert.Equal("over tls", await UnixSocketTests.ExchangeLineAsync(stream, "over tls"));
    }

    [Fact]
    public async Task TlsClientWithWrongSecretIsRefused()
    {
        using var dir = new TempDataDir();
        var logger = new RecordingLogger();
        await using var listener = IpcListener.Bind(Loopback, new IpcListenerOptions
        {
            Secret = IpcSecret.FromText("right"),
            TlsCertificate = () => IpcTlsCertificate.LoadOrCreate(Path.Combine(dir.Path, "c.pfx")),
            UseTlsOnLoopback = true,
            Logger = logger,
        });
        listener.Start(UnixSocketTests.EchoOneLineAsync);

        await Assert.ThrowsAsync<IpcAuthenticationException>(
            () => IpcConnector.ConnectAsync(listener.Address, new IpcConnectOptions { AuthSecret = "wrong" }));
        Assert.Contains("wrong authentication secret", await logger.WaitForAsync("refused"), StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateIsGeneratedOnceAndReused()
    {
        using var dir = new TempDataDir();
        var path = Path.Combine(dir.Path, "c.pfx");

        using var first = IpcTlsCertificate.LoadOrCreate(path);
        using var second = IpcTlsCertificate.LoadOrCreate(path);

        Assert.True(first.HasPrivateKey);
        Assert.Equal(first.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
            second.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task CookieFileIsOwnerOnlyAndClientsReadItFromTheDataDir()
    {
        using var dir = new TempDataDir();
        var cookie = IpcSecret.DefaultCookiePath(dir.Path);
        var secret = IpcSecret.CreateCookie(cookie);
        FileModes.AssertOwnerOnly(cookie);
        Assert.Equal(64, (await File.ReadAllTextAsync(cookie)).Length);

        await using var listener = IpcListener.Bind(Loopback, new IpcListenerOptions { Secret = secret });
        listener.Start(UnixSocketTests.EchoOneLineAsync);
        var transport = await IpcConnector.ConnectAsync(listener.Address, new IpcConnectOptions { DataDir = dir.Path });
        await using var stream = transport.Stream;
        Assert.Equal("cookie", await UnixSocketTests.ExchangeLineAsync(stream, "cookie"));

        IpcSecret.DeleteCookie(cookie);
        var e = await Assert.ThrowsAsync<IpcAuthenticationException>(
            () => IpcConnector.ConnectAsync(listener.Address, new IpcConnectOptions { DataDir = dir.Path }));
        Assert.Contains("Could not read the IPC authentication cookie", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectingToAClosedPortIsRefused()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            port = ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var address = IpcAddress.Parse($"tcp:127.0.0.1:{port}", "/unused", "bitcoin-node");

        var e = await Assert.ThrowsAsync<IpcConnectException>(() => IpcConnector.ConnectAsync(address, new IpcConnectOptions { AuthSecret = "k" }));

        Assert.Equal("Connection refused", e.Message);
        Assert.True(e.NobodyListening);
    }
}
