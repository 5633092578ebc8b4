using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Functional.Tests.Net;

/// <summary>
/// A minimal P2P peer over a raw socket (in the spirit of Core's P2PInterface): it frames v1 messages itself, so tests
/// can send well-formed messages, malformed ones and raw garbage, and read what the node answers.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    /// <summary>The regtest network magic.</summary>
    public static readonly byte[] RegtestMagic = [0xfa, 0xbf, 0xb5, 0xda];

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private ScriptedPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<ScriptedPeer> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
        return new ScriptedPeer(client);
    }

    /// <summary>A framed v1 message: magic, type, length, checksum, payload.</summary>
    public static byte[] Frame(string type, ReadOnlySpan<byte> payload, byte[]? magic = null)
    {
        var message = new byte[24 + payload.Length];
        (magic ?? RegtestMagic).CopyTo(message, 0);
        Encoding.ASCII.GetBytes(type).CopyTo(message, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(16), (uint)payload.Length);
        SHA256.HashData(SHA256.HashData(payload)).AsSpan(0, 4).CopyTo(message.AsSpan(20));
        payload.CopyTo(message.AsSpan(24));
        return message;
    }

    /// <summary>A version payload (protocol 70016, NODE_NETWORK | NODE_WITNESS, relay on).</summary>
    public static byte[] VersionPayload(int startHeight = 0)
    {
        var payload = new List<byte>();
        payload.AddRange(BitConverter.GetBytes(70016));
        payload.AddRange(BitConverter.GetBytes(9UL));
        payload.AddRange(BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        payload.AddRange(new byte[26]); // addr_recv
        payload.AddRange(new byte[26]); // addr_from
        payload.AddRange(BitConverter.GetBytes(Random.Shared.NextInt64()));
        var agent = Encoding.ASCII.GetBytes("/scripted-peer:0.1/");
        payload.Add((byte)agent.Length);
        payload.AddRange(agent);
        payload.AddRange(BitConverter.GetBytes(startHeight));
        payload.Add(1);
        return [.. payload];
    }

    /// <summary>Writes raw bytes.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes).ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Sends a well-formed message.</summary>
    public Task SendAsync(string type, byte[]? payload = null) => SendRawAsync(Frame(type, payload ?? []));

    /// <summary>Reads the next message (type and payload); null when the node closed the connection.</summary>
    public async Task<(string Type, byte[] Payload)?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var header = new byte[24];
        if (!await ReadExactlyAsync(header, cancel.Token).ConfigureAwait(false))
            return null;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16));
        // Not a v1 header (a v2 node answering bytes it took for a key, say): report it without a payload.
        if (length > 4_000_000)
            return ("", []);
        var payload = new byte[length];
        if (!await ReadExactlyAsync(payload, cancel.Token).ConfigureAwait(false))
            return null;
        var type = Encoding.ASCII.GetString(header, 4, 12).TrimEnd('\0');
        return (type, payload);
    }

    /// <summary>Reads messages until one of <paramref name="type"/> arrives; null if the connection closes first.</summary>
    public async Task<byte[]?> WaitForAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow).ConfigureAwait(false);
            if (message is null)
                return null;
            if (message.Value.Type == type)
                return message.Value.Payload;
        }

        throw new TimeoutException($"no {type} message within {timeout}");
    }

    /// <summary>Version handshake: sends version, answers the node's version with verack, waits for its verack.</summary>
    public async Task HandshakeAsync()
    {
        await SendAsync("version", VersionPayload()).ConfigureAwait(false);
        Assert.NotNull(await WaitForAsync("version", TimeSpan.FromSeconds(30)).ConfigureAwait(false));
        await SendAsync("verack").ConfigureAwait(false);
        Assert.NotNull(await WaitForAsync("verack", TimeSpan.FromSeconds(30)).ConfigureAwait(false));
    }

    /// <summary>Sends a ping and waits for the matching pong: true if the connection still works.</summary>
    public async Task<bool> PingAsync()
    {
        ulong nonce = (ulong)Random.Shared.NextInt64();
        try
        {
            await SendAsync("ping", BitConverter.GetBytes(nonce)).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var pong = await WaitForAsync("pong", deadline - DateTime.UtcNow).ConfigureAwait(false);
                if (pong is null)
                    return false;
                if (BitConverter.ToUInt64(pong) == nonce)
                    return true;
            }
        }
        catch (IOException)
        {
            return false;
        }

        return false;
    }

    /// <summary>Waits until the node closes the connection (reading and dropping whatever it still sends).</summary>
    public async Task<bool> WaitForDisconnectAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                if (await ReceiveAsync(deadline - DateTime.UtcNow).ConfigureAwait(false) is null)
                    return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }

        return false;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancel)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(buffer.AsMemory(read), cancel).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return false;
            }

            if (n == 0)
                return false;
            read += n;
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
