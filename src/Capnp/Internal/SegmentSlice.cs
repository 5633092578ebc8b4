using System.Runtime.InteropServices;

namespace Capnp.Internal;

/// <summary>One segment of a received message: its memory, and the array under it when there is one (slicing an
/// array directly is cheaper than <see cref="ReadOnlyMemory{T}.Span"/> on every field read).</summary>
internal readonly struct SegmentSlice
{
    public SegmentSlice(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
        if (MemoryMarshal.TryGetArray(memory, out var array))
        {
            Array = array.Array;
            Start = array.Offset;
        }
    }

    public ReadOnlyMemory<byte> Memory { get; }

    public byte[]? Array { get; }

    public int Start { get; }

    public int Length => Memory.Length;

    public ReadOnlySpan<byte> Span => Array is not null ? new ReadOnlySpan<byte>(Array, Start, Memory.Length) : Memory.Span;
}
