using RocksDbSharp;

namespace Bitcoin.Kernel.Storage.Database;

/// <summary>
/// A set of writes applied atomically by <see cref="KeyValueDb.WriteBatch"/>, as Core's CDBBatch. Values are
/// obfuscated with the owning database's key as they are added. One owner; not thread-safe.
/// </summary>
public sealed class DbBatch : IDisposable
{
    private readonly WriteBatch _batch = new();
    private readonly Obfuscation _obfuscation;
    private long _approximateSize;

    internal DbBatch(Obfuscation obfuscation)
    {
        _obfuscation = obfuscation;
    }

    internal WriteBatch Native => _batch;

    /// <summary>Bytes of keys and values queued (an estimate, used to split large flushes as Core does).</summary>
    public long ApproximateSize => _approximateSize;

    /// <summary>Number of operations queued.</summary>
    public int Count { get; private set; }

    /// <summary>Queues key := value.</summary>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (_obfuscation.IsActive)
        {
            var copy = value.ToArray();
            _obfuscation.Apply(copy);
            _batch.Put(key, copy);
        }
        else
        {
            _batch.Put(key, value);
        }
        _approximateSize += key.Length + value.Length + 8;
        Count++;
    }

    /// <summary>Queues the removal of key.</summary>
    public void Delete(ReadOnlySpan<byte> key)
    {
        _batch.Delete(key);
        _approximateSize += key.Length + 4;
        Count++;
    }

    /// <summary>Drops everything queued.</summary>
    public void Clear()
    {
        _batch.Clear();
        _approximateSize = 0;
        Count = 0;
    }

    /// <inheritdoc/>
    public void Dispose() => _batch.Dispose();
}
