using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// A SOCKS5 client for outbound connections through -proxy/-onion (Core's Socks5 in netbase.cpp): no authentication,
/// or random username/password credentials when the proxy randomizes them (Tor stream isolation), and the CONNECT
/// command with a domain name so onion and I2P names resolve at the proxy.
/// </summary>
internal static class Socks5Client
{
    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/> through <paramref name="proxy"/>; null on failure.
    /// <paramref name="proxyFailed"/> is true when the proxy itself could not be reached.
    /// </summary>
    public static Socket? Connect(ProxyEndpoint proxy, string host, ushort port, int timeoutMilliseconds, CancellationToken interrupt, out bool proxyFailed)
    {
        proxyFailed = false;
        var endPoint = proxy.Service.ToEndPoint();
        if (endPoint is null)
        {
            proxyFailed = true;
            return null;
        }

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        timeout.CancelAfter(timeoutMilliseconds);
        try
        {
            socket.ConnectAsync(endPoint, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Log.Info($"connect() to {proxy} failed: {e.Message}");
            socket.Dispose();
            proxyFailed = true;
            return null;
        }

        try
        {
            if (Handshake(socket, proxy, host, port, timeout.Token))
                return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            Log.Error($"Error while reading proxy response: {e.Message}");
        }

        socket.Dispose();
        return null;
    }

    private static bool Handshake(Socket socket, ProxyEndpoint proxy, string host, ushort port, CancellationToken token)
    {
        Log.Debug(LogCategory.Net, $"SOCKS5 connecting {host}");
        var hostBytes = Encoding.ASCII.GetBytes(host);
        if (hostBytes.Length > 255)
        {
            Log.Error("Hostname too long");
            return false;
        }

        bool useAuth = proxy.RandomizeCredentials;
        Send(socket, useAuth ? [0x05, 0x02, 0x00, 0x02] : [0x05, 0x01, 0x00], token);
        var reply = Receive(socket, 2, token);
        if (reply[0] != 0x05)
        {
            Log.Error("Proxy failed to initialize");
            return false;
        }

        if (reply[1] == 0x02 && useAuth)
        {
            // Random credentials make Tor use a separate circuit for this connection.
            var user = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));
            var pass = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));
            var auth = new byte[3 + user.Length + pass.Length];
            auth[0] = 0x01;
            auth[1] = (byte)user.Length;
            user.CopyTo(auth, 2);
            auth[2 + user.Length] = (byte)pass.Length;
            pass.CopyTo(auth, 3 + user.Length);
            Log.Debug(LogCategory.Proxy, "SOCKS5 sending username/password authentication");
            Send(socket, auth, token);
            var authReply = Receive(socket, 2, token);
            if (authReply[0] != 0x01 || authReply[1] != 0x00)
            {
                Log.Error("Proxy authentication unsuccessful");
                return false;
            }
        }
        else if (reply[1] != 0x00)
        {
            Log.Error($"Proxy requested wrong authentication method {reply[1]:x2}");
            return false;
        }

        var request = new byte[7 + hostBytes.Length];
        request[0] = 0x05; // version
        request[1] = 0x01; // CONNECT
        request[2] = 0x00; // reserved
        request[3] = 0x03; // domain name
        request[4] = (byte)hostBytes.Length;
        hostBytes.CopyTo(request, 5);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(5 + hostBytes.Length), port);
        Send(socket, request, token);
        var head = Receive(socket, 4, token);
        if (head[0] != 0x05)
        {
            Log.Error("Proxy failed to accept request");
            return false;
        }

        if (head[1] != 0x00)
        {
            Log.Debug(LogCategory.Net, $"Socks5() connect to {host}:{port} failed: {ErrorText(head[1])}");
            return false;
        }

        if (head[2] != 0x00)
        {
            Log.Error("Error: malformed proxy response");
            return false;
        }

        int addressLength = head[3] switch
        {
            0x01 => 4,
            0x04 => 16,
            0x03 => Receive(socket, 1, token)[0],
            _ => -1,
        };
        if (addressLength < 0)
        {
            Log.Error("Error: malformed proxy response");
            return false;
        }

        Receive(socket, addressLength + 2, token);
        Log.Debug(LogCategory.Net, $"SOCKS5 connected {host}");
        return true;
    }

    private static string ErrorText(byte code) => code switch
    {
        0x01 => "general failure",
        0x02 => "connection not allowed",
        0x03 => "network unreachable",
        0x04 => "host unreachable",
        0x05 => "connection refused",
        0x06 => "TTL expired",
        0x07 => "protocol error",
        0x08 => "address type not supported",
        0xf0 => "onion service descriptor can not be found",
        0xf1 => "onion service descriptor is invalid",
        0xf2 => "onion service introduction failed",
        0xf3 => "onion service rendezvous failed",
        0xf4 => "onion service missing client authorization",
        0xf5 => "onion service wrong client authorization",
        0xf6 => "onion service invalid address",
        0xf7 => "onion service introduction timed out",
        _ => $"unknown (0x{code:x2})",
    };

    private static void Send(Socket socket, byte[] data, CancellationToken token) =>
        socket.SendAsync(data, SocketFlags.None, token).AsTask().GetAwaiter().GetResult();

    private static byte[] Receive(Socket socket, int count, CancellationToken token)
    {
        var buffer = new byte[count];
        int read = 0;
        while (read < count)
        {
            int n = socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, token).AsTask().GetAwaiter().GetResult();
            if (n == 0)
                throw new IOException("connection closed by proxy");
            read += n;
        }

        return buffer;
    }
}
