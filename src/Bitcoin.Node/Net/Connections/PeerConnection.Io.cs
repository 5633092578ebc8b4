using System.Net.Sockets;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Connections;

// The socket side: a receive loop that frames messages into the process queue (pausing when it exceeds
// -maxreceivebuffer) and a send loop that drains the send queue.
public sealed partial class PeerConnection
{
    private readonly Lock _processQueueLock = new();
    private readonly Queue<ReceivedMessage> _processQueue = new();
    private readonly Lock _sendQueueLock = new();
    private readonly Queue<OutgoingMessage> _sendQueue = new();
    private readonly SemaphoreSlim _sendSignal = new(0);
    private readonly SemaphoreSlim _resumeReceive = new(0);
    private readonly CancellationTokenSource _stop = new();
    private ConnectionManager? _manager;
    private Socket? _socket;
    private V1TransportReceiver? _receiver;
    private long _processQueueSize;
    private long _sendQueueSize;
    private long _receiveFloodSize;
    private long _sendBufferMaxSize;
    private volatile bool _pauseRecv;
    private volatile bool _pauseSend;
    private int _socketClosed;
    private Task _receiveTask = Task.CompletedTask;
    private Task _sendTask = Task.CompletedTask;

    /// <summary>The outbound slot this connection holds, released when it is gone.</summary>
    internal SlotGrant? Grant { get; set; }

    /// <summary>True while the send queue holds more than -maxsendbuffer (Core's fPauseSend): stop producing replies.</summary>
    public bool PauseSend => _pauseSend;

    /// <summary>True while the receive queue holds more than -maxreceivebuffer (Core's fPauseRecv).</summary>
    public bool PauseRecv => _pauseRecv;

    /// <summary>True once the socket was closed.</summary>
    public bool SocketClosed => Volatile.Read(ref _socketClosed) != 0;

    internal void Attach(ConnectionManager manager, Socket socket, ReadOnlySpan<byte> magic, long receiveFloodSize, long sendBufferMaxSize)
    {
        _manager = manager;
        _socket = socket;
        _receiver = new V1TransportReceiver(magic, Id);
        _receiveFloodSize = receiveFloodSize;
        _sendBufferMaxSize = sendBufferMaxSize;
    }

    internal void StartIo()
    {
        _receiveTask = Task.Run(ReceiveLoopAsync);
        _sendTask = Task.Run(SendLoopAsync);
    }

    internal Task IoCompletion => Task.WhenAll(_receiveTask, _sendTask);

    /// <summary>Takes the next received message (Core's PollMessage); <paramref name="more"/> says whether others wait.</summary>
    public ReceivedMessage? PollMessage(out bool more)
    {
        bool resume = false;
        ReceivedMessage? message = null;
        lock (_processQueueLock)
        {
            more = false;
            if (_processQueue.Count == 0)
                return null;
            message = _processQueue.Dequeue();
            _processQueueSize -= message.MemoryUsage;
            bool wasPaused = _pauseRecv;
            _pauseRecv = _processQueueSize > _receiveFloodSize;
            resume = wasPaused && !_pauseRecv;
            more = _processQueue.Count > 0;
        }

        if (resume)
            _resumeReceive.Release();
        return message;
    }

    /// <summary>Queues a message for sending (Core's PushMessage after the type check).</summary>
    internal long Enqueue(OutgoingMessage message)
    {
        lock (_sendQueueLock)
        {
            _sendQueue.Enqueue(message);
            _sendQueueSize += message.MemoryUsage;
            if (_sendQueueSize > _sendBufferMaxSize)
                _pauseSend = true;
        }

        _sendSignal.Release();
        return message.Payload.Length;
    }

    /// <summary>Closes the socket and marks the peer for disconnection (Core's CloseSocketDisconnect).</summary>
    internal void CloseSocketDisconnect()
    {
        _disconnect = true;
        if (Interlocked.Exchange(ref _socketClosed, 1) != 0)
            return;
        Log.Debug(LogCategory.Net, $"Resetting socket for {LogPeer()}");
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }

        try
        {
            _socket?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer may have gone already.
        }

        _socket?.Dispose();
        _resumeReceive.Release();
        _sendSignal.Release();
        _manager?.SignalHousekeeping();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var socket = _socket!;
        var token = _stop.Token;
        var completed = new List<ReceivedMessage>();
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (_pauseRecv)
                {
                    await _resumeReceive.WaitAsync(token).ConfigureAwait(false);
                    continue;
                }

                int received = await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                if (received == 0)
                {
                    if (!_disconnect)
                        Log.Debug(LogCategory.Net, $"socket closed, {DisconnectMessage()}");
                    CloseSocketDisconnect();
                    return;
                }

                long now = NetTime.NowMicros();
                Interlocked.Exchange(ref _lastRecvMicros, now);
                Interlocked.Add(ref _bytesRecv, received);
                _manager?.RecordBytesRecv(received);
                completed.Clear();
                bool ok = _receiver!.Receive(buffer.AsSpan(0, received), now, (message, rawSize) =>
                {
                    AccountReceived(message?.Type, rawSize);
                    if (message is not null)
                        completed.Add(message);
                });
                if (completed.Count > 0)
                    MarkReceivedForProcessing(completed);
                if (!ok)
                {
                    Log.Debug(LogCategory.Net, $"receiving message bytes failed, {DisconnectMessage()}");
                    CloseSocketDisconnect();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disconnecting.
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            if (!_disconnect)
                Log.Debug(LogCategory.Net, $"socket recv error, {DisconnectMessage()}: {e.Message}");
            CloseSocketDisconnect();
        }
    }

    private void MarkReceivedForProcessing(List<ReceivedMessage> messages)
    {
        lock (_processQueueLock)
        {
            foreach (var message in messages)
            {
                _processQueue.Enqueue(message);
                _processQueueSize += message.MemoryUsage;
            }

            _pauseRecv = _processQueueSize > _receiveFloodSize;
        }

        _manager?.WakeMessageHandler();
    }

    private async Task SendLoopAsync()
    {
        var socket = _socket!;
        var token = _stop.Token;
        var magic = _manager!.Magic;
        var buffers = new List<ArraySegment<byte>>(2);
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _sendSignal.WaitAsync(token).ConfigureAwait(false);
                while (!token.IsCancellationRequested)
                {
                    OutgoingMessage? message;
                    lock (_sendQueueLock)
                    {
                        if (!_sendQueue.TryPeek(out message))
                            break;
                    }

                    var header = MessageHeader.Create(magic.Span, message.Type, message.Payload);
                    buffers.Clear();
                    buffers.Add(header);
                    if (message.Payload.Length > 0)
                        buffers.Add(message.Payload);
                    int sent = await socket.SendAsync(buffers, SocketFlags.None).ConfigureAwait(false);
                    bool resumed;
                    lock (_sendQueueLock)
                    {
                        _sendQueue.Dequeue();
                        _sendQueueSize -= message.MemoryUsage;
                        bool wasPaused = _pauseSend;
                        _pauseSend = _sendQueueSize > _sendBufferMaxSize;
                        resumed = wasPaused && !_pauseSend;
                    }

                    Interlocked.Exchange(ref _lastSendMicros, NetTime.NowMicros());
                    Interlocked.Add(ref _bytesSent, sent);
                    AccountSent(message.Type, sent);
                    _manager.RecordBytesSent(sent);
                    // Replies held back by a full send buffer can go out now.
                    if (resumed)
                        _manager.WakeMessageHandler();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disconnecting.
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            if (!_disconnect)
                Log.Debug(LogCategory.Net, $"socket send error, {DisconnectMessage()}: {e.Message}");
            CloseSocketDisconnect();
        }
    }
}
