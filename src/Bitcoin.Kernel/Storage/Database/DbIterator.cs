namespace Bitcoin.Kernel.Storage.Database;

/// <summary>
/// A cursor over a <see cref="KeyValueDb"/> in key order, as Core's CDBIterator. Values come back de-obfuscated.
/// Reads a consistent snapshot taken when it was created. One owner; dispose it promptly.
/// </summary>
public sealed class DbIterator : IDisposable
{
    private readonly RocksDbSharp.Iterator _iterator;
    private readonly Obfuscation _obfuscation;

    internal DbIterator(RocksDbSharp.Iterator iterator, Obfuscation obfuscation)
    {
        _iterator = iterator;
        _obfuscation = obfuscation;
    }

    /// <summary>True while the cursor is on an entry.</summary>
    public bool Valid => _iterator.Valid();

    /// <summary>Moves to the first key at or after <paramref name="key"/>.</summary>
    public void Seek(ReadOnlySpan<byte> key) => _iterator.Seek(key);

    /// <summary>Moves to the next key.</summary>
    public void Next() => _iterator.Next();

    /// <summary>The current key (valid until the cursor moves).</summary>
    public ReadOnlySpan<byte> KeySpan => _iterator.GetKeySpan();

    /// <summary>A copy of the current value, de-obfuscated.</summary>
    public byte[] Value()
    {
        var value = _iterator.Value();
        _obfuscation.Apply(value);
        return value;
    }

    /// <inheritdoc/>
    public void Dispose() => _iterator.Dispose();
}
