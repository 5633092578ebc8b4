using System.Buffers.Binary;
using System.Security.Cryptography;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Remembers transactions whose scripts all passed under given flags (Core's script execution cache), keyed by a
/// salted hash of the witness txid and the flags. A transaction accepted to the mempool under the block flags is
/// then not verified again when its block connects. NBitcoin's interpreter has no hook for a per-signature cache, so
/// this whole-transaction cache is what avoids re-verification. Thread-safe; bounded: when full, arbitrary entries
/// are dropped.
/// </summary>
public sealed class ValidationCache
{
    /// <summary>Bytes one entry is counted as.</summary>
    public const int EntryBytes = 32 + 48; // key plus dictionary overhead, roughly

    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<UInt256Key, byte> _entries = [];
    private readonly Lock _lock = new();
    private readonly int _capacity;

    /// <summary>Creates a cache of about <paramref name="maxBytes"/> bytes (Core sizes it from -maxsigcachesize).</summary>
    public ValidationCache(long maxBytes = 16L << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _capacity = (int)Math.Min(int.MaxValue, maxBytes / EntryBytes);
    }

    /// <summary>Number of cached transactions.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>The cache key of a transaction under some flags.</summary>
    public UInt256Key KeyFor(Transaction tx, ScriptVerifyFlags flags)
    {
        ArgumentNullException.ThrowIfNull(tx);
        Span<byte> data = stackalloc byte[32 + 32 + 8];
        _salt.CopyTo(data);
        tx.GetWitHash().ToBytes(data.Slice(32, 32));
        BinaryPrimitives.WriteUInt64LittleEndian(data[64..], (ulong)flags);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return new UInt256Key(hash);
    }

    /// <summary>True when the key is cached; with <paramref name="erase"/>, also forgets it (a connected block's transactions are not needed again).</summary>
    public bool Contains(UInt256Key key, bool erase)
    {
        lock (_lock)
        {
            return erase ? _entries.Remove(key) : _entries.ContainsKey(key);
        }
    }

    /// <summary>Remembers a key.</summary>
    public void Insert(UInt256Key key)
    {
        if (_capacity == 0) return;
        lock (_lock)
        {
            if (_entries.Count >= _capacity)
            {
                // Drop an arbitrary eighth: cheap, and like Core's cache no entry is guaranteed to stay.
                foreach (var old in _entries.Keys.Take(Math.Max(1, _capacity / 8)).ToList()) _entries.Remove(old);
            }
            _entries[key] = 0;
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        lock (_lock) _entries.Clear();
    }
}

/// <summary>A 32-byte value usable as a dictionary key.</summary>
public readonly record struct UInt256Key
{
    private readonly ulong _a, _b, _c, _d;

    /// <summary>Reads 32 bytes.</summary>
    public UInt256Key(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32) throw new ArgumentException("A key is 32 bytes.", nameof(bytes));
        _a = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }
}
