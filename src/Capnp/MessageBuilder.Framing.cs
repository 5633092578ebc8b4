using System.Buffers;
using System.IO.Pipelines;
using Capnp.Internal;

namespace Capnp;

/// <summary>Writing the message in the standard framing (unpacked or packed).</summary>
public sealed partial class MessageBuilder
{
    /// <summary>Size of the framed (unpacked) message in bytes: segment table and segments.</summary>
    public long FramedSize
    {
        get
        {
            long size = SegmentTable.Size(_count);
            for (int i = 0; i < _count; i++)
                size += _used[i];
            return size;
        }
    }

    /// <summary>Writes the framed message to <paramref name="output"/>: one copy of the segments, straight into the
    /// writer's buffers.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfDisposed();
        int tableSize = SegmentTable.Size(_count);
        WriteTable(output.GetSpan(tableSize));
        output.Advance(tableSize);
        for (int i = 0; i < _count; i++)
            Write(output, _buffers[i].AsSpan(0, _used[i]));
    }

    /// <summary>Writes the framed message packed, byte for byte as the C++ library packs it.</summary>
    public void WritePackedTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfDisposed();
        Span<byte> table = stackalloc byte[SegmentTable.Size(_count)];
        WriteTable(table);
        Packing.Pack(table, output);
        for (int i = 0; i < _count; i++)
            Packing.Pack(_buffers[i].AsSpan(0, _used[i]), output);
    }

    /// <summary>Writes the framed message to a pipe and flushes it.</summary>
    public ValueTask<FlushResult> WriteToAsync(PipeWriter output, CancellationToken cancellationToken = default)
    {
        WriteTo(output);
        return output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the framed message to a stream, the segments straight from their buffers.</summary>
    public async ValueTask WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ThrowIfDisposed();
        var table = new byte[SegmentTable.Size(_count)];
        WriteTable(table);
        await output.WriteAsync(table, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < _count; i++)
            await output.WriteAsync(_buffers[i].AsMemory(0, _used[i]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The framed message as a new array.</summary>
    public byte[] ToFramedArray()
    {
        var writer = new ArrayBufferWriter<byte>((int)FramedSize);
        WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The packed framed message as a new array.</summary>
    public byte[] ToPackedArray()
    {
        var writer = new ArrayBufferWriter<byte>();
        WritePackedTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = output.GetSpan(Math.Min(bytes.Length, 1 << 20));
            int n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            output.Advance(n);
            bytes = bytes[n..];
        }
    }

    private void WriteTable(Span<byte> destination)
    {
        Span<int> words = _count <= 64 ? stackalloc int[_count] : new int[_count];
        for (int i = 0; i < _count; i++)
            words[i] = _used[i] / 8;
        SegmentTable.Write(destination, words);
    }
}
