using System.Buffers;

namespace Capnp.Internal;

/// <summary>An array rented from the shared pool, returned once on dispose: the single owner of a received
/// message's bytes.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    public PooledBuffer(int minimumLength) => _array = ArrayPool<byte>.Shared.Rent(minimumLength);

    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>Replaces the array with a larger one holding the first <paramref name="keep"/> bytes.</summary>
    public void Grow(int minimumLength, int keep)
    {
        var larger = ArrayPool<byte>.Shared.Rent(minimumLength);
        Array.AsSpan(0, keep).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array!);
        _array = larger;
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
            ArrayPool<byte>.Shared.Return(array);
    }
}
