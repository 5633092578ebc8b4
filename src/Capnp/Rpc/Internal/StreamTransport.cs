using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Capnp.Rpc.Internal;

/// <summary>A connection over a <see cref="Stream"/> (a socket's, a pipe's, anything duplex): reads through a pipe
/// reader, writes each batch from one pooled buffer in one write.</summary>
internal sealed class StreamTransport : RpcTransport
{
    private const int RetainedBufferBytes = 1 << 20;
    private readonly Stream _stream;
    private readonly Socket? _socket;
    private readonly PipeReader _pipe;
    private readonly PipeMessageReader _reader;
    private readonly BatchBuffer _buffer = new();

    public StreamTransport(Stream stream, ReaderOptions options, Socket? socket = null)
    {
        _stream = stream;
        _socket = socket;
        _pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _reader = new PipeMessageReader(_pipe, options);
    }

    public override IBufferWriter<byte> Output => _buffer;

    public override ValueTask<MessageReader?> ReadAsync(CancellationToken cancellationToken) =>
        _reader.ReadMessageAsync(cancellationToken);

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0)
            return;
        try
        {
            await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _buffer.Reset(RetainedBufferBytes);
        }
    }

    public override void CompleteOutput()
    {
        try
        {
            _socket?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: closing follows anyway.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _pipe.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket?.Dispose();
        _buffer.Dispose();
    }

    /// <summary>A growable pooled buffer a batch is framed into.</summary>
    private sealed class BatchBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _written;

        public int WrittenCount => _written;

        public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_written);
        }

        /// <summary>Empties the buffer, giving back an array grown past <paramref name="retain"/> bytes.</summary>
        public void Reset(int retain)
        {
            _written = 0;
            if (_array.Length > retain)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
            }
        }

        public void Dispose()
        {
            var array = _array;
            _array = [];
            if (array.Length > 0)
                ArrayPool<byte>.Shared.Return(array);
        }

        private void Ensure(int sizeHint)
        {
            int needed = Math.Max(sizeHint, 1);
            if (_array.Length - _written >= needed)
                return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + needed));
            _array.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}
