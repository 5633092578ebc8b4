using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Multiprocess.Addresses.Internal;

/// <summary>
/// The exchange that opens every TCP IPC connection, before any Cap'n Proto byte (see Addresses/README.md):
/// <code>
/// server -> client: "BTCIPC01" (8 bytes), flags (1 byte: bit 0 = TLS follows)
/// [TLS handshake, the server presenting its certificate]
/// server -> client: server nonce Ns (32 random bytes)
/// client -> server: "BTCIPC01", client nonce Nc (32), HMAC-SHA256(secret, "bitcoin-ipc client" | Ns | Nc | F)
/// server -> client: HMAC-SHA256(secret, "bitcoin-ipc server" | Ns | Nc | F)
/// </code>
/// F is the SHA-256 fingerprint of the server's TLS certificate (32 zero bytes without TLS), so the proofs pin the
/// certificate: a man in the middle presenting its own certificate cannot produce either proof without the secret.
/// Each side checks the other's proof in constant time and closes the connection on a mismatch.
/// </summary>
internal static class TcpHandshake
{
    private const int NonceSize = 32;
    private const int ProofSize = 32;
    private const byte TlsFlag = 1;

    private static ReadOnlySpan<byte> Magic => "BTCIPC01"u8;

    private static ReadOnlySpan<byte> ClientLabel => "bitcoin-ipc client"u8;

    private static ReadOnlySpan<byte> ServerLabel => "bitcoin-ipc server"u8;

    /// <summary>
    /// Runs the server's side on <paramref name="transport"/>; returns the stream to speak Cap'n Proto on (the TLS
    /// stream when <paramref name="certificate"/> is given). Throws <see cref="IpcAuthenticationException"/> when the
    /// peer fails to authenticate.
    /// </summary>
    internal static async Task<Stream> AcceptAsync(Stream transport, IpcSecret secret, X509Certificate2? certificate,
        CancellationToken cancellationToken)
    {
        var greeting = new byte[Magic.Length + 1];
        Magic.CopyTo(greeting);
        greeting[^1] = certificate is null ? (byte)0 : TlsFlag;
        await transport.WriteAsync(greeting, cancellationToken).ConfigureAwait(false);
        await transport.FlushAsync(cancellationToken).ConfigureAwait(false);

        var stream = transport;
        var fingerprint = new byte[32];
        if (certificate is not null)
        {
            var tls = new SslStream(transport, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = false,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
                throw new IpcAuthenticationException($"TLS handshake failed ({e.Message})", e);
            }
            stream = tls;
            fingerprint = IpcTlsCertificate.Fingerprint(certificate);
        }

        var serverNonce = RandomNumberGenerator.GetBytes(NonceSize);
        await stream.WriteAsync(serverNonce, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var answer = new byte[Magic.Length + NonceSize + ProofSize];
        await ReadExactlyAsync(stream, answer, "the peer closed the connection before authenticating", cancellationToken).ConfigureAwait(false);
        if (!answer.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new IpcAuthenticationException("the peer does not speak the IPC authentication protocol");
        var clientNonce = answer.AsSpan(Magic.Length, NonceSize).ToArray();
        var expected = Proof(secret, ClientLabel, serverNonce, clientNonce, fingerprint);
        if (!CryptographicOperations.FixedTimeEquals(expected, answer.AsSpan(Magic.Length + NonceSize, ProofSize)))
            throw new IpcAuthenticationException("wrong authentication secret");

        await stream.WriteAsync(Proof(secret, ServerLabel, serverNonce, clientNonce, fingerprint), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return stream;
    }

    /// <summary>
    /// Runs the client's side on <paramref name="transport"/>; returns the stream to speak Cap'n Proto on. With
    /// <paramref name="requireTls"/> (a host that is not this machine) a server offering no TLS is refused. Throws
    /// <see cref="IpcAuthenticationException"/> naming <paramref name="peer"/> when authentication fails either way.
    /// </summary>
    internal static async Task<Stream> ConnectAsync(Stream transport, IpcSecret secret, bool requireTls, string targetHost,
        string peer, CancellationToken cancellationToken)
    {
        var greeting = new byte[Magic.Length + 1];
        await ReadExactlyAsync(transport, greeting, $"{peer} closed the connection before greeting", cancellationToken).ConfigureAwait(false);
        if (!greeting.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new IpcAuthenticationException($"{peer} is not an IPC TCP listener");
        bool useTls = (greeting[^1] & TlsFlag) != 0;
        if (!useTls && requireTls)
            throw new IpcAuthenticationException($"{peer} offers no TLS; refusing to authenticate to a host that is not this machine without it");

        var stream = transport;
        var fingerprint = new byte[32];
        if (useTls)
        {
            X509Certificate? seen = null;
            var tls = new SslStream(transport, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                // The certificate is self-signed; it is pinned by the proofs below, which bind its fingerprint.
                seen = certificate;
                return certificate is not null;
            });
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = targetHost,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
                throw new IpcAuthenticationException($"TLS handshake with {peer} failed ({e.Message})", e);
            }
            stream = tls;
            fingerprint = IpcTlsCertificate.Fingerprint(seen!);
        }

        var serverNonce = new byte[NonceSize];
        await ReadExactlyAsync(stream, serverNonce, $"{peer} closed the connection during authentication", cancellationToken).ConfigureAwait(false);
        var clientNonce = RandomNumberGenerator.GetBytes(NonceSize);
        var answer = new byte[Magic.Length + NonceSize + ProofSize];
        Magic.CopyTo(answer);
        clientNonce.CopyTo(answer, Magic.Length);
        Proof(secret, ClientLabel, serverNonce, clientNonce, fingerprint).CopyTo(answer, Magic.Length + NonceSize);
        await stream.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var serverProof = new byte[ProofSize];
        await ReadExactlyAsync(stream, serverProof,
            $"{peer} refused the authentication (is the secret, from the cookie file or -ipcauth, the server's?)", cancellationToken).ConfigureAwait(false);
        var expected = Proof(secret, ServerLabel, serverNonce, clientNonce, fingerprint);
        if (!CryptographicOperations.FixedTimeEquals(expected, serverProof))
            throw new IpcAuthenticationException($"{peer} did not prove it holds the authentication secret");
        return stream;
    }

    private static byte[] Proof(IpcSecret secret, ReadOnlySpan<byte> label, ReadOnlySpan<byte> serverNonce,
        ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> fingerprint)
    {
        var message = new byte[label.Length + serverNonce.Length + clientNonce.Length + fingerprint.Length];
        label.CopyTo(message);
        serverNonce.CopyTo(message.AsSpan(label.Length));
        clientNonce.CopyTo(message.AsSpan(label.Length + serverNonce.Length));
        fingerprint.CopyTo(message.AsSpan(label.Length + serverNonce.Length + clientNonce.Length));
        return HMACSHA256.HashData(secret.Key, message);
    }

    private static async Task ReadExactlyAsync(Stream stream, byte[] buffer, string endOfStreamMessage, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new IpcAuthenticationException(endOfStreamMessage, e);
        }
        catch (IOException e)
        {
            throw new IpcAuthenticationException(endOfStreamMessage + $" ({e.Message})", e);
        }
    }
}
