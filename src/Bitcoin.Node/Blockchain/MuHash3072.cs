using System.Numerics;
using System.Security.Cryptography;
using Bitcoin.Node.Blockchain.Internal;
using NBitcoin;

namespace Bitcoin.Node.Blockchain;

/// <summary>
/// The MuHash3072 rolling set hash (Core's crypto/muhash): each element is hashed with SHA256, expanded with ChaCha20
/// to a 3072-bit number, and multiplied into a numerator (insert) or denominator (remove) modulo the prime
/// 2^3072 - 1103717. The digest is SHA256 of numerator/denominator as 384 little-endian bytes, so it depends only on
/// the set, not on the order of operations. gettxoutsetinfo's "muhash" is this over the serialized coins.
/// </summary>
public sealed class MuHash3072
{
    /// <summary>The size of the serialized numbers, in bytes.</summary>
    public const int ByteSize = 384;

    private static readonly BigInteger Modulus = (BigInteger.One << 3072) - 1103717;

    private BigInteger _numerator = BigInteger.One;
    private BigInteger _denominator = BigInteger.One;

    /// <summary>The hash of the empty set.</summary>
    public MuHash3072()
    {
    }

    /// <summary>The hash of the set holding only <paramref name="element"/>.</summary>
    public MuHash3072(ReadOnlySpan<byte> element)
    {
        _numerator = ToNum3072(element);
    }

    /// <summary>Adds <paramref name="element"/> to the set.</summary>
    public MuHash3072 Insert(ReadOnlySpan<byte> element)
    {
        _numerator = _numerator * ToNum3072(element) % Modulus;
        return this;
    }

    /// <summary>Removes <paramref name="element"/> from the set.</summary>
    public MuHash3072 Remove(ReadOnlySpan<byte> element)
    {
        _denominator = _denominator * ToNum3072(element) % Modulus;
        return this;
    }

    /// <summary>Adds every element of <paramref name="other"/> (Core's operator*=).</summary>
    public MuHash3072 Combine(MuHash3072 other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _numerator = _numerator * other._numerator % Modulus;
        _denominator = _denominator * other._denominator % Modulus;
        return this;
    }

    /// <summary>Removes every element of <paramref name="other"/> (Core's operator/=).</summary>
    public MuHash3072 Subtract(MuHash3072 other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _numerator = _numerator * other._denominator % Modulus;
        _denominator = _denominator * other._numerator % Modulus;
        return this;
    }

    /// <summary>
    /// The digest (Core's Finalize): folds the denominator into the numerator, which leaves the set unchanged, and
    /// returns SHA256 of the 384-byte little-endian numerator.
    /// </summary>
    public uint256 Finalize()
    {
        // The modulus is prime, so the inverse is a^(p-2) (Fermat).
        _numerator = _numerator * BigInteger.ModPow(_denominator, Modulus - 2, Modulus) % Modulus;
        _denominator = BigInteger.One;
        return new uint256(SHA256.HashData(ToBytes(_numerator)));
    }

    /// <summary>The state as Core serializes it: numerator then denominator, 384 little-endian bytes each.</summary>
    public byte[] Serialize() => [.. ToBytes(_numerator), .. ToBytes(_denominator)];

    /// <summary>Restores a state written by <see cref="Serialize"/> (values at or above the modulus are accepted, as in Core).</summary>
    public static MuHash3072 Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length != 2 * ByteSize) throw new ArgumentException($"A MuHash3072 state is {2 * ByteSize} bytes.", nameof(data));
        return new MuHash3072
        {
            _numerator = FromBytes(data[..ByteSize]) % Modulus,
            _denominator = FromBytes(data[ByteSize..]) % Modulus,
        };
    }

    private static BigInteger ToNum3072(ReadOnlySpan<byte> element)
    {
        Span<byte> key = stackalloc byte[32];
        SHA256.HashData(element, key);
        Span<byte> stream = stackalloc byte[ByteSize];
        ChaCha20Keystream.Generate(key, stream);
        // The expanded value may exceed the modulus; reducing now gives the same products.
        return FromBytes(stream) % Modulus;
    }

    private static BigInteger FromBytes(ReadOnlySpan<byte> littleEndian) => new(littleEndian, isUnsigned: true, isBigEndian: false);

    private static byte[] ToBytes(BigInteger value)
    {
        var bytes = new byte[ByteSize];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }
}
