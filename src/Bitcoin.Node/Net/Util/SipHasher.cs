using System.Buffers.Binary;
using System.Numerics;
using NBitcoin;

namespace Bitcoin.Node.Net.Util;

/// <summary>
/// SipHash-2-4 (Core's CSipHasher): keyed 64-bit hashing for short transaction ids (BIP152), deterministic peer
/// randomizers and hash tables that peers must not be able to predict. A mutable value; copy it to fork a state.
/// </summary>
public struct SipHasher
{
    private ulong _v0, _v1, _v2, _v3;
    private ulong _tmp;
    private byte _count;

    /// <summary>Starts a hash with the 128-bit key (<paramref name="k0"/>, <paramref name="k1"/>).</summary>
    public SipHasher(ulong k0, ulong k1)
    {
        _v0 = 0x736f6d6570736575UL ^ k0;
        _v1 = 0x646f72616e646f6dUL ^ k1;
        _v2 = 0x6c7967656e657261UL ^ k0;
        _v3 = 0x7465646279746573UL ^ k1;
        _tmp = 0;
        _count = 0;
    }

    /// <summary>Adds a little-endian 64-bit word; only valid at a multiple of 8 bytes.</summary>
    public SipHasher Write(ulong data)
    {
        if (_count % 8 != 0)
            throw new InvalidOperationException("64-bit writes must be aligned.");
        Compress(data);
        _count += 8;
        return this;
    }

    /// <summary>Adds bytes.</summary>
    public SipHasher Write(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            _tmp |= (ulong)b << (8 * (_count % 8));
            _count++;
            if ((_count & 7) == 0)
            {
                Compress(_tmp);
                _tmp = 0;
            }
        }

        return this;
    }

    /// <summary>The hash of everything written so far (the state is left as it was).</summary>
    public readonly ulong Finalize()
    {
        var copy = this;
        copy.Compress(_tmp | ((ulong)_count << 56));
        return copy.Finish();
    }

    /// <summary>SipHash-2-4 of a 256-bit value's 32 bytes with the key (<paramref name="k0"/>, <paramref name="k1"/>).</summary>
    public static ulong HashUInt256(ulong k0, ulong k1, uint256 value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> bytes = stackalloc byte[32];
        value.ToBytes(bytes);
        var hasher = new SipHasher(k0, k1);
        for (int i = 0; i < 4; i++)
            hasher.Compress(BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]));
        hasher.Compress(32UL << 56);
        return hasher.Finish();
    }

    private void Compress(ulong data)
    {
        _v3 ^= data;
        Round();
        Round();
        _v0 ^= data;
    }

    private ulong Finish()
    {
        _v2 ^= 0xFF;
        Round();
        Round();
        Round();
        Round();
        return _v0 ^ _v1 ^ _v2 ^ _v3;
    }

    private void Round()
    {
        _v0 += _v1; _v1 = BitOperations.RotateLeft(_v1, 13); _v1 ^= _v0;
        _v0 = BitOperations.RotateLeft(_v0, 32);
        _v2 += _v3; _v3 = BitOperations.RotateLeft(_v3, 16); _v3 ^= _v2;
        _v0 += _v3; _v3 = BitOperations.RotateLeft(_v3, 21); _v3 ^= _v0;
        _v2 += _v1; _v1 = BitOperations.RotateLeft(_v1, 17); _v1 ^= _v2;
        _v2 = BitOperations.RotateLeft(_v2, 32);
    }
}
