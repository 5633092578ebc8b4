using System.Buffers;
using System.IO.Pipelines;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// Reads framed messages (unpacked or packed) one after another from a <see cref="PipeReader"/>, however the bytes
/// are split across reads: a message may arrive in many reads, many messages in one. Each message's bytes are
/// copied once, as they arrive, into a pooled buffer the returned <see cref="MessageReader"/> owns (dispose it to
/// return the buffer). The buffer grows with the bytes actually received, never just because a segment table
/// claims a size, and the claim itself is bounded by the traversal limit. One reader per pipe, one read at a time;
/// after a <see cref="CapnpFormatException"/> or a cancelled read the stream position is lost and the connection
/// should be closed, as the C++ library does.
/// </summary>
public sealed class PipeMessageReader
{
    private const int InitialBodyBytes = 64 * 1024;
    private readonly PipeReader _input;
    private readonly ReaderOptions _options;
    private readonly bool _packed;
    private readonly byte[] _table = new byte[SegmentTable.MaxTableBytes];
    private readonly int[] _sizes = new int[SegmentTable.MaxSegments];
    private PackedDecoder _decoder;

    /// <summary>Reads messages from <paramref name="input"/>.</summary>
    public PipeMessageReader(PipeReader input, ReaderOptions? options = null, bool packed = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _options = options ?? ReaderOptions.Default;
        _packed = packed;
    }

    /// <summary>Reads messages from <paramref name="stream"/> (left open).</summary>
    public static PipeMessageReader Create(Stream stream, ReaderOptions? options = null, bool packed = false) =>
        new(PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)), options, packed);

    /// <summary>
    /// Reads the next message. Returns null when the input ends cleanly between messages; throws
    /// <see cref="CapnpFormatException"/> when it ends inside one or the message is invalid.
    /// </summary>
    public async ValueTask<MessageReader?> ReadMessageAsync(CancellationToken cancellationToken = default)
    {
        int got = await FillAsync(_table.AsMemory(0, 8), cancellationToken).ConfigureAwait(false);
        if (got == 0)
            return null;
        if (got < 8)
            ThrowTruncated();

        int count = SegmentTable.SegmentCount(_table);
        int tableSize = SegmentTable.Size(count);
        if (await FillAsync(_table.AsMemory(8, tableSize - 8), cancellationToken).ConfigureAwait(false) < tableSize - 8)
            ThrowTruncated();
        long totalWords = SegmentTable.ReadSizes(_table, count, _sizes, _options);
        int totalBytes = (int)(totalWords * 8);

        var buffer = new PooledBuffer(Math.Min(totalBytes, InitialBodyBytes));
        try
        {
            int filled = 0;
            while (filled < totalBytes)
            {
                if (filled == buffer.Array.Length)
                    buffer.Grow((int)Math.Min(totalBytes, buffer.Array.Length * 2L), filled);
                int n = await FillAsync(buffer.Array.AsMemory(filled, Math.Min(buffer.Array.Length, totalBytes) - filled),
                    cancellationToken).ConfigureAwait(false);
                if (n == 0)
                    ThrowTruncated();
                filled += n;
            }

            if (_packed && _decoder.InRun)
                ThrowHelper.Format("Packed input did not end cleanly at the end of the message.");

            var segments = new SegmentSlice[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                segments[i] = new SegmentSlice(buffer.Array.AsMemory(at, _sizes[i] * 8));
                at += _sizes[i] * 8;
            }

            return MessageReader.CreateOwned(segments, _options, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static void ThrowTruncated() =>
        ThrowHelper.Format("The stream ended in the middle of a message.");

    // Fills 'destination' as far as the input allows; less only at the end of the input.
    private async ValueTask<int> FillAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int n = await ReadSomeAsync(destination[filled..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
                break;
            filled += n;
        }

        return filled;
    }

    // One read from the pipe: copies (or unpacks) what is buffered into 'destination'; 0 at the end of the input.
    private async ValueTask<int> ReadSomeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            int written;
            long consumed;
            if (_packed)
            {
                written = _decoder.Decode(buffer, destination.Span, out consumed);
            }
            else
            {
                written = (int)Math.Min(buffer.Length, destination.Length);
                buffer.Slice(0, written).CopyTo(destination.Span);
                consumed = written;
            }

            if (written > 0)
            {
                _input.AdvanceTo(buffer.GetPosition(consumed));
                return written;
            }

            // Nothing usable yet: keep what is buffered and wait for more.
            _input.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
            if (result.IsCompleted)
            {
                if (!buffer.Slice(consumed).IsEmpty)
                    ThrowHelper.Format("The stream ended in the middle of a packed word.");
                return 0;
            }

            if (result.IsCanceled)
                throw new OperationCanceledException("The read was cancelled.");
        }
    }
}
