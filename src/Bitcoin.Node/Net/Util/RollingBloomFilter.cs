using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Bitcoin.Node.Net.Util;

/// <summary>
/// A bloom filter that remembers roughly the last <c>n</c> inserted keys (Core's CRollingBloomFilter): three
/// generations of n/2 entries, the oldest wiped when a new generation starts. Used for addresses and transactions a
/// peer already knows and for discouraged addresses. Not thread-safe.
/// </summary>
public sealed class RollingBloomFilter
{
    private readonly int _hashFuncs;
    private readonly uint _entriesPerGeneration;
    private readonly ulong[] _data;
    private uint _entriesThisGeneration;
    private uint _generation;
    private uint _tweak;

    /// <summary>A filter for about <paramref name="elements"/> keys with false-positive rate <paramref name="falsePositiveRate"/>.</summary>
    public RollingBloomFilter(uint elements, double falsePositiveRate)
    {
        double logFpRate = Math.Log(falsePositiveRate);
        _hashFuncs = Math.Max(1, Math.Min((int)Math.Round(logFpRate / Math.Log(0.5), MidpointRounding.AwayFromZero), 50));
        _entriesPerGeneration = (elements + 1) / 2;
        uint maxElements = _entriesPerGeneration * 3;
        uint filterBits = (uint)Math.Ceiling(-1.0 * _hashFuncs * maxElements / Math.Log(1.0 - Math.Exp(logFpRate / _hashFuncs)));
        // Two words per 64 positions: the generation number of each position is spread over two bits.
        _data = new ulong[((filterBits + 63) / 64) << 1];
        Reset();
    }

    /// <summary>Adds a key.</summary>
    public void Insert(ReadOnlySpan<byte> key)
    {
        if (_entriesThisGeneration == _entriesPerGeneration)
        {
            _entriesThisGeneration = 0;
            _generation++;
            if (_generation == 4)
                _generation = 1;
            ulong mask1 = 0UL - (_generation & 1);
            ulong mask2 = 0UL - (_generation >> 1);
            // Forget the entries of the generation number being reused.
            for (int p = 0; p < _data.Length; p += 2)
            {
                ulong p1 = _data[p], p2 = _data[p + 1];
                ulong mask = (p1 ^ mask1) | (p2 ^ mask2);
                _data[p] = p1 & mask;
                _data[p + 1] = p2 & mask;
            }
        }

        _entriesThisGeneration++;
        for (int n = 0; n < _hashFuncs; n++)
        {
            uint h = Hash(n, key);
            int bit = (int)(h & 0x3F);
            uint pos = FastRange(h, (uint)_data.Length);
            _data[pos & ~1U] = (_data[pos & ~1U] & ~(1UL << bit)) | ((ulong)(_generation & 1) << bit);
            _data[pos | 1] = (_data[pos | 1] & ~(1UL << bit)) | ((ulong)(_generation >> 1) << bit);
        }
    }

    /// <summary>True if the key was probably inserted among the recent ones.</summary>
    public bool Contains(ReadOnlySpan<byte> key)
    {
        for (int n = 0; n < _hashFuncs; n++)
        {
            uint h = Hash(n, key);
            int bit = (int)(h & 0x3F);
            uint pos = FastRange(h, (uint)_data.Length);
            if ((((_data[pos & ~1U] | _data[pos | 1]) >> bit) & 1) == 0)
                return false;
        }

        return true;
    }

    /// <summary>Forgets everything and picks a new random tweak.</summary>
    public void Reset()
    {
        _tweak = BinaryPrimitives.ReadUInt32LittleEndian(RandomNumberGenerator.GetBytes(4));
        _entriesThisGeneration = 0;
        _generation = 1;
        Array.Clear(_data);
    }

    private uint Hash(int n, ReadOnlySpan<byte> key) => MurmurHash3(unchecked((uint)n * 0xFBA4C795 + _tweak), key);

    private static uint FastRange(uint x, uint n) => (uint)(((ulong)x * n) >> 32);

    /// <summary>MurmurHash3 x86_32, as Core's bloom filters use it.</summary>
    public static uint MurmurHash3(uint seed, ReadOnlySpan<byte> data)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        uint h1 = seed;
        int blocks = data.Length / 4;
        for (int i = 0; i < blocks; i++)
        {
            uint k1 = BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]);
            k1 *= c1;
            k1 = BitOperations.RotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = BitOperations.RotateLeft(h1, 13);
            h1 = (h1 * 5) + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint k = 0;
        switch (data.Length & 3)
        {
            case 3:
                k ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k ^= tail[0];
                k *= c1;
                k = BitOperations.RotateLeft(k, 15);
                k *= c2;
                h1 ^= k;
                break;
        }

        h1 ^= (uint)data.Length;
        h1 ^= h1 >> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >> 16;
        return h1;
    }
}
