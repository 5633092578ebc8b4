using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Capnp.Rpc.Bench;

/// <summary>
/// The baseline for the echo figure: the same bytes as an echo call, without Cap'n Proto. The client writes a request of
/// a fixed size; a server loop reads it whole and answers a response of a fixed size; a client read loop completes the
/// waiting callers in order. That is the least any RPC over this socket pair must do (a write, a read loop, a hand-off
/// to the caller), so the ratio to it is the cost of the RPC layer.
/// </summary>
internal sealed class RawPingPong : IAsyncDisposable
{
    private readonly Socket _client;
    private readonly Socket _server;
    private readonly byte[] _request;
    private readonly int _responseBytes;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentQueue<TaskCompletionSource> _waiting = new();
    private readonly Task _serverLoop;
    private readonly Task _clientLoop;

    private RawPingPong(int requestBytes, int responseBytes)
    {
        (_client, _server) = Tests.Support.LibC.SocketPair();
        _request = new byte[requestBytes];
        _responseBytes = responseBytes;
        _serverLoop = Task.Run(() => ServeAsync(requestBytes, responseBytes));
        _clientLoop = Task.Run(ReadResponsesAsync);
    }

    public static RawPingPong Start(int requestBytes, int responseBytes) => new(requestBytes, responseBytes);

    /// <summary>One request written and its response read back.</summary>
    public async Task RoundTripAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // Queued under the write lock, so responses (which come back in request order) find their callers.
            _waiting.Enqueue(done);
            await _client.SendAsync(_request, SocketFlags.None).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        await done.Task.ConfigureAwait(false);
    }

    private async Task ServeAsync(int requestBytes, int responseBytes)
    {
        var request = new byte[requestBytes];
        var response = new byte[responseBytes];
        while (await ReadExactlyAsync(_server, request).ConfigureAwait(false))
            await _server.SendAsync(response, SocketFlags.None).ConfigureAwait(false);
    }

    private async Task ReadResponsesAsync()
    {
        var response = new byte[_responseBytes];
        while (await ReadExactlyAsync(_client, response).ConfigureAwait(false))
        {
            if (_waiting.TryDequeue(out var caller)) caller.SetResult();
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }

            if (n == 0) return false;
            read += n;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Shutdown(SocketShutdown.Both);
        _client.Dispose();
        await _serverLoop.ConfigureAwait(false);
        _server.Dispose();
        await _clientLoop.ConfigureAwait(false);
        _writeLock.Dispose();
    }
}
