using System.Net.Sockets;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Transport;

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
    private IPeerTransport? _transport;
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

    /// <summary>The transport's protocol and session id (getpeerinfo "transport_protocol_type", "session_id").</summary>
    public TransportInfo TransportInfo => _transport?.Info ?? new TransportInfo(TransportProtocolType.V1, null);

    /// <summary>True for an outbound v2 attempt the peer dropped before answering: reconnect with v1 (Core's ShouldReconnectV1).</summary>
    internal bool ShouldReconnectV1 => _transport?.ShouldReconnectV1 ?? false;

    /// <summary>
    /// Gives the connection its socket and transport: BIP324 v2 when <paramref name="useV2Transport"/> (an inbound one
    /// still accepts v1 peers, detected by their first bytes), else v1.
    /// </summary>
    internal void Attach(ConnectionManager manager, Socket socket, ReadOnlySpan<byte> magic, long receiveFloodSize, long sendBufferMaxSize,
        bool useV2Transport)
    {
        _manager = manager;
        _socket = socket;
        _transport = useV2Transport ? V2Transport.Create(magic, Id, initiating: !IsInbound) : new V1Transport(magic, Id);
        _receiveFloodSize = receiveFloodSize;
        _sendBufferMaxSize = sendBufferMaxSize;
    }

    internal void StartIo()
    {
        _receiveTask = Task.Run(ReceiveLoopAsync);
        _sendTask = Task.Run(SendLoopAsync);
        // An initiating v2 transport sends its key and garbage right away.
        if (_transport!.HasHandshakeBytes)
            _sendSignal.Release();
        // The cipher keys are wiped once neither loop can use them any more.
        var transport = _transport;
        _ = Task.WhenAll(_receiveTask, _sendTask).ContinueWith(_ => transport.Dispose(), TaskScheduler.Default);
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
                bool ok = _transport!.Receive(buffer.AsSpan(0, received), now, (message, rawSize) =>
                {
                    AccountReceived(message?.Type, rawSize);
                    if (message is not null)
                        completed.Add(message);
                });
                if (completed.Count > 0)
                    MarkReceivedForProcessing(completed);
                // Detecting v2 or receiving the peer's key gives the transport handshake bytes of its own to send.
                if (_transport.HasHandshakeBytes)
                    _sendSignal.Release();
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
        var transport = _transport!;
        var buffers = new List<ArraySegment<byte>>(2);
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _sendSignal.WaitAsync(token).ConfigureAwait(false);
                while (!token.IsCancellationRequested)
                {
                    // Handshake bytes first; messages only once the transport can carry them.
                    bool canSendMessages = transport.TakeHandshakeBytes(out var handshake);
                    if (handshake is not null)
                    {
                        int handshakeSent = await socket.SendAsync(handshake, SocketFlags.None, token).ConfigureAwait(false);
                        transport.MarkBytesSent(handshakeSent);
                        Interlocked.Exchange(ref _lastSendMicros, NetTime.NowMicros());
                        Interlocked.Add(ref _bytesSent, handshakeSent);
                        _manager!.RecordBytesSent(handshakeSent);
                    }

                    if (!canSendMessages)
                        break;
                    OutgoingMessage? message;
                    lock (_sendQueueLock)
                    {
                        if (!_sendQueue.TryPeek(out message))
                            break;
                    }

                    buffers.Clear();
                    transport.Frame(message.Type, message.Payload, buffers);
                    int sent = await socket.SendAsync(buffers, SocketFlags.None).ConfigureAwait(false);
                    transport.MarkBytesSent(sent);
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
                    _manager!.RecordBytesSent(sent);
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
