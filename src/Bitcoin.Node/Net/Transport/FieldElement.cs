using System.Buffers.Binary;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// An element of secp256k1's base field, p = 2^256 - 2^32 - 977, as four 64-bit limbs (little-endian), always
/// reduced below p. NBitcoin keeps its field type internal, and ElligatorSwift only works on public data (keys both
/// sides send in the clear), so this variable-time arithmetic is enough; reduction uses 2^256 = 2^32 + 977 (mod p).
/// </summary>
internal readonly struct FieldElement : IEquatable<FieldElement>
{
    // 2^256 - p.
    private const ulong C = 0x1000003D1UL;

    private static readonly FieldElement P = new(0xFFFFFFFEFFFFFC2FUL, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);
    private static readonly ulong[] SqrtExponent = [0xFFFFFFFFBFFFFF0CUL, ulong.MaxValue, ulong.MaxValue, 0x3FFFFFFFFFFFFFFFUL];       // (p + 1) / 4
    private static readonly ulong[] LegendreExponent = [0xFFFFFFFF7FFFFE17UL, ulong.MaxValue, ulong.MaxValue, 0x7FFFFFFFFFFFFFFFUL];   // (p - 1) / 2
    private static readonly ulong[] InverseExponent = [0xFFFFFFFEFFFFFC2DUL, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue];           // p - 2

    private readonly ulong _l0, _l1, _l2, _l3;

    private FieldElement(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    public static FieldElement Zero => default;

    public static FieldElement One => new(1, 0, 0, 0);

    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    public bool IsOdd => (_l0 & 1) != 0;

    /// <summary>A small non-negative integer.</summary>
    public static FieldElement FromInt(uint value) => new(value, 0, 0, 0);

    /// <summary>Reads 32 big-endian bytes reduced modulo p (libsecp256k1's fe_set_b32_mod).</summary>
    public static FieldElement FromBytes(ReadOnlySpan<byte> bytes32) => Reduce(
        BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes32),
        0);

    /// <summary>Parses 64 hex digits (big-endian).</summary>
    public static FieldElement FromHex(string hex) => FromBytes(Convert.FromHexString(hex));

    /// <summary>Writes the element as 32 big-endian bytes.</summary>
    public void WriteBytes(Span<byte> destination32)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination32, _l3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[8..], _l2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[16..], _l1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[24..], _l0);
    }

    public static FieldElement operator +(FieldElement a, FieldElement b)
    {
        UInt128 s = (UInt128)a._l0 + b._l0;
        ulong r0 = (ulong)s;
        s = (s >> 64) + a._l1 + b._l1;
        ulong r1 = (ulong)s;
        s = (s >> 64) + a._l2 + b._l2;
        ulong r2 = (ulong)s;
        s = (s >> 64) + a._l3 + b._l3;
        return Reduce(r0, r1, r2, (ulong)s, (ulong)(s >> 64));
    }

    public static FieldElement operator -(FieldElement a) => a.IsZero ? a : Subtract(P, a);

    public static FieldElement operator -(FieldElement a, FieldElement b) => a + (-b);

    public static FieldElement operator *(FieldElement a, FieldElement b)
    {
        Span<ulong> r = stackalloc ulong[8];
        ReadOnlySpan<ulong> x = [a._l0, a._l1, a._l2, a._l3];
        ReadOnlySpan<ulong> y = [b._l0, b._l1, b._l2, b._l3];
        for (int i = 0; i < 4; i++)
        {
            UInt128 carry = 0;
            for (int j = 0; j < 4; j++)
            {
                UInt128 t = (UInt128)x[i] * y[j] + r[i + j] + carry;
                r[i + j] = (ulong)t;
                carry = t >> 64;
            }

            r[i + 4] = (ulong)carry;
        }

        // lo + hi * C, where hi * C fits in 4 limbs plus 34 bits.
        UInt128 acc = 0;
        Span<ulong> s = stackalloc ulong[5];
        for (int i = 0; i < 4; i++)
        {
            acc += (UInt128)r[i + 4] * C + r[i];
            s[i] = (ulong)acc;
            acc >>= 64;
        }

        return Reduce(s[0], s[1], s[2], s[3], (ulong)acc);
    }

    /// <summary>The square.</summary>
    public FieldElement Square() => this * this;

    /// <summary>The inverse of a non-zero element (zero for zero).</summary>
    public FieldElement Inverse() => Pow(InverseExponent);

    /// <summary>True for zero and the non-zero squares (Euler's criterion).</summary>
    public bool IsSquare() => IsZero || Pow(LegendreExponent) == One;

    /// <summary>A square root, or false when there is none (p = 3 mod 4, so it is a^((p+1)/4) when one exists).</summary>
    public bool TrySqrt(out FieldElement root)
    {
        root = Pow(SqrtExponent);
        return root.Square() == this;
    }

    /// <summary>Half of the element.</summary>
    public FieldElement Half()
    {
        // An odd value is made even by adding p (the sum needs 257 bits), then shifted.
        if (!IsOdd)
            return new FieldElement((_l0 >> 1) | (_l1 << 63), (_l1 >> 1) | (_l2 << 63), (_l2 >> 1) | (_l3 << 63), _l3 >> 1);
        UInt128 s = (UInt128)_l0 + P._l0;
        ulong r0 = (ulong)s;
        s = (s >> 64) + _l1 + P._l1;
        ulong r1 = (ulong)s;
        s = (s >> 64) + _l2 + P._l2;
        ulong r2 = (ulong)s;
        s = (s >> 64) + _l3 + P._l3;
        ulong r3 = (ulong)s, top = (ulong)(s >> 64);
        return new FieldElement((r0 >> 1) | (r1 << 63), (r1 >> 1) | (r2 << 63), (r2 >> 1) | (r3 << 63), (r3 >> 1) | (top << 63));
    }

    public static bool operator ==(FieldElement a, FieldElement b) => a.Equals(b);

    public static bool operator !=(FieldElement a, FieldElement b) => !a.Equals(b);

    public bool Equals(FieldElement other) => _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;

    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private FieldElement Pow(ulong[] exponent)
    {
        var result = One;
        for (int limb = 3; limb >= 0; limb--)
        {
            for (int bit = 63; bit >= 0; bit--)
            {
                result = result.Square();
                if (((exponent[limb] >> bit) & 1) != 0)
                    result *= this;
            }
        }

        return result;
    }

    private static FieldElement Subtract(FieldElement a, FieldElement b)
    {
        // a >= b here (a is p, b below p).
        ulong r0 = a._l0 - b._l0;
        ulong borrow = a._l0 < b._l0 ? 1UL : 0;
        ulong r1 = a._l1 - b._l1 - borrow;
        borrow = a._l1 < b._l1 || (a._l1 == b._l1 && borrow == 1) ? 1UL : 0;
        ulong r2 = a._l2 - b._l2 - borrow;
        borrow = a._l2 < b._l2 || (a._l2 == b._l2 && borrow == 1) ? 1UL : 0;
        ulong r3 = a._l3 - b._l3 - borrow;
        return new FieldElement(r0, r1, r2, r3);
    }

    // Reduces l0..l3 + top * 2^256 (top below 2^35) modulo p.
    private static FieldElement Reduce(ulong l0, ulong l1, ulong l2, ulong l3, ulong top)
    {
        while (true)
        {
            UInt128 s = (UInt128)top * C + l0;
            l0 = (ulong)s;
            s = (s >> 64) + l1;
            l1 = (ulong)s;
            s = (s >> 64) + l2;
            l2 = (ulong)s;
            s = (s >> 64) + l3;
            l3 = (ulong)s;
            top = (ulong)(s >> 64);
            if (top == 0)
                break;
        }

        // Below 2^256 now; at most one subtraction of p remains: value - p = value + C - 2^256.
        if (!(l3 == ulong.MaxValue && l2 == ulong.MaxValue && l1 == ulong.MaxValue && l0 >= P._l0))
            return new FieldElement(l0, l1, l2, l3);
        UInt128 r = (UInt128)l0 + C;
        ulong r0 = (ulong)r;
        r = (r >> 64) + l1;
        ulong r1 = (ulong)r;
        r = (r >> 64) + l2;
        ulong r2 = (ulong)r;
        r = (r >> 64) + l3;
        return new FieldElement(r0, r1, r2, (ulong)r);
    }
}
