using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>
/// An unsigned 256-bit integer with arithmetic, as Core's arith_uint256: chain work, proof-of-work targets and the
/// compact "nBits" encoding. Arithmetic wraps modulo 2^256 like Core's (callers that must not overflow check first).
/// </summary>
public readonly struct ArithUInt256 : IEquatable<ArithUInt256>, IComparable<ArithUInt256>
{
    // Little-endian 64-bit limbs: _l0 holds the least significant bits.
    private readonly ulong _l0, _l1, _l2, _l3;

    /// <summary>Creates a value from its four 64-bit limbs, least significant first.</summary>
    public ArithUInt256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    /// <summary>Creates a value from a 64-bit number.</summary>
    public ArithUInt256(ulong value) : this(value, 0, 0, 0)
    {
    }

    /// <summary>Zero.</summary>
    public static ArithUInt256 Zero => default;

    /// <summary>One.</summary>
    public static ArithUInt256 One => new(1);

    /// <summary>2^256 - 1.</summary>
    public static ArithUInt256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    /// <summary>The least significant 64 bits.</summary>
    public ulong GetLow64() => _l0;

    /// <summary>Limb <paramref name="i"/> (0..3), least significant first.</summary>
    public ulong GetLimb(int i) => i switch
    {
        0 => _l0,
        1 => _l1,
        2 => _l2,
        3 => _l3,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    /// <summary>The position of the highest set bit plus one (0 for zero), as Core's bits().</summary>
    public int Bits()
    {
        if (_l3 != 0) return 192 + 64 - BitOperations.LeadingZeroCount(_l3);
        if (_l2 != 0) return 128 + 64 - BitOperations.LeadingZeroCount(_l2);
        if (_l1 != 0) return 64 + 64 - BitOperations.LeadingZeroCount(_l1);
        if (_l0 != 0) return 64 - BitOperations.LeadingZeroCount(_l0);
        return 0;
    }

    /// <summary>Reads NBitcoin's uint256 (little-endian bytes, displayed reversed) as a number.</summary>
    public static ArithUInt256 FromUInt256(uint256 value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> bytes = stackalloc byte[32];
        value.ToBytes(bytes, lendian: true);
        return FromLittleEndian(bytes);
    }

    /// <summary>Reads 32 little-endian bytes.</summary>
    public static ArithUInt256 FromLittleEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32) throw new ArgumentException("A 256-bit number needs exactly 32 bytes.", nameof(bytes));
        return new ArithUInt256(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    /// <summary>Writes 32 little-endian bytes.</summary>
    public void WriteLittleEndian(Span<byte> destination)
    {
        if (destination.Length < 32) throw new ArgumentException("Needs 32 bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _l0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _l1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _l2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _l3);
    }

    /// <summary>The same number as NBitcoin's uint256.</summary>
    public uint256 ToUInt256()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteLittleEndian(bytes);
        return new uint256(bytes);
    }

    /// <summary>Parses 64 (or fewer) hexadecimal digits, most significant first, with an optional 0x prefix.</summary>
    public static ArithUInt256 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        if (s.Length == 0 || s.Length > 64) throw new FormatException("A 256-bit number takes 1 to 64 hex digits.");
        s = s.PadLeft(64, '0');
        Span<ulong> limbs = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            limbs[3 - i] = ulong.Parse(s.AsSpan(i * 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        return new ArithUInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    /// <summary>64 lowercase hex digits, most significant first (Core's GetHex).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{_l3:x16}{_l2:x16}{_l1:x16}{_l0:x16}");

    /// <summary>An approximation as a double (Core's getdouble), used for difficulty and log2 of work.</summary>
    public double ToDouble()
    {
        double ret = 0;
        double fact = 1;
        for (int i = 0; i < 4; i++)
        {
            var limb = GetLimb(i);
            ret += fact * (limb & 0xffffffff);
            fact *= 4294967296.0;
            ret += fact * (limb >> 32);
            fact *= 4294967296.0;
        }
        return ret;
    }

    /// <summary>
    /// Decodes Core's compact representation ("nBits"): a base-256 exponent byte and a 23-bit mantissa with a sign bit.
    /// </summary>
    public static ArithUInt256 FromCompact(uint compact, out bool negative, out bool overflow)
    {
        int size = (int)(compact >> 24);
        uint word = compact & 0x007fffff;
        ArithUInt256 result;
        if (size <= 3)
        {
            word >>= 8 * (3 - size);
            result = new ArithUInt256(word);
        }
        else
        {
            result = new ArithUInt256(word) << (8 * (size - 3));
        }
        negative = word != 0 && (compact & 0x00800000) != 0;
        overflow = word != 0 && ((size > 34) || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return result;
    }

    /// <summary>Decodes a compact value, ignoring the sign and overflow flags.</summary>
    public static ArithUInt256 FromCompact(uint compact) => FromCompact(compact, out _, out _);

    /// <summary>Encodes this value in compact form (Core's GetCompact).</summary>
    public uint ToCompact(bool negative = false)
    {
        int size = (Bits() + 7) / 8;
        uint compact;
        if (size <= 3)
        {
            compact = (uint)(GetLow64() << (8 * (3 - size)));
        }
        else
        {
            compact = (uint)(this >> (8 * (size - 3))).GetLow64();
        }
        // The 0x00800000 bit denotes the sign; if it is set, divide the mantissa by 256 and grow the exponent.
        if ((compact & 0x00800000) != 0)
        {
            compact >>= 8;
            size++;
        }
        compact |= (uint)size << 24;
        compact |= negative && (compact & 0x007fffff) != 0 ? 0x00800000u : 0;
        return compact;
    }

    /// <summary>Sum modulo 2^256.</summary>
    public static ArithUInt256 operator +(ArithUInt256 a, ArithUInt256 b)
    {
        ulong carry = 0;
        ulong r0 = AddWithCarry(a._l0, b._l0, ref carry);
        ulong r1 = AddWithCarry(a._l1, b._l1, ref carry);
        ulong r2 = AddWithCarry(a._l2, b._l2, ref carry);
        ulong r3 = AddWithCarry(a._l3, b._l3, ref carry);
        return new ArithUInt256(r0, r1, r2, r3);
    }

    /// <summary>Difference modulo 2^256.</summary>
    public static ArithUInt256 operator -(ArithUInt256 a, ArithUInt256 b) => a + (~b + One);

    /// <summary>Bitwise complement.</summary>
    public static ArithUInt256 operator ~(ArithUInt256 a) => new(~a._l0, ~a._l1, ~a._l2, ~a._l3);

    /// <summary>Product modulo 2^256.</summary>
    public static ArithUInt256 operator *(ArithUInt256 a, ArithUInt256 b)
    {
        Span<ulong> x = [a._l0, a._l1, a._l2, a._l3];
        Span<ulong> y = [b._l0, b._l1, b._l2, b._l3];
        Span<ulong> r = stackalloc ulong[4];
        for (int j = 0; j < 4; j++)
        {
            UInt128 carry = 0;
            for (int i = 0; i + j < 4; i++)
            {
                UInt128 n = carry + r[i + j] + (UInt128)x[j] * y[i];
                r[i + j] = (ulong)n;
                carry = n >> 64;
            }
        }
        return new ArithUInt256(r[0], r[1], r[2], r[3]);
    }

    /// <summary>Quotient; throws <see cref="DivideByZeroException"/> for a zero divisor, as Core's throws.</summary>
    public static ArithUInt256 operator /(ArithUInt256 a, ArithUInt256 b)
    {
        int divBits = b.Bits();
        if (divBits == 0) throw new DivideByZeroException("Division by zero in a 256-bit number.");
        int numBits = a.Bits();
        if (divBits > numBits) return Zero;
        var div = b;
        var num = a;
        int shift = numBits - divBits;
        div <<= shift;
        Span<ulong> q = stackalloc ulong[4];
        while (shift >= 0)
        {
            if (num >= div)
            {
                num -= div;
                q[shift / 64] |= 1UL << (shift & 63);
            }
            div >>= 1;
            shift--;
        }
        return new ArithUInt256(q[0], q[1], q[2], q[3]);
    }

    /// <summary>Shift left (bits shifted out are lost).</summary>
    public static ArithUInt256 operator <<(ArithUInt256 a, int shift)
    {
        if (shift <= 0) return shift == 0 ? a : a >> -shift;
        if (shift >= 256) return Zero;
        Span<ulong> src = [a._l0, a._l1, a._l2, a._l3];
        Span<ulong> r = stackalloc ulong[4];
        int k = shift / 64, s = shift % 64;
        for (int i = 3; i >= k; i--)
        {
            ulong v = src[i - k] << s;
            if (s != 0 && i - k - 1 >= 0) v |= src[i - k - 1] >> (64 - s);
            r[i] = v;
        }
        return new ArithUInt256(r[0], r[1], r[2], r[3]);
    }

    /// <summary>Shift right.</summary>
    public static ArithUInt256 operator >>(ArithUInt256 a, int shift)
    {
        if (shift <= 0) return shift == 0 ? a : a << -shift;
        if (shift >= 256) return Zero;
        Span<ulong> src = [a._l0, a._l1, a._l2, a._l3];
        Span<ulong> r = stackalloc ulong[4];
        int k = shift / 64, s = shift % 64;
        for (int i = 0; i + k < 4; i++)
        {
            ulong v = src[i + k] >> s;
            if (s != 0 && i + k + 1 < 4) v |= src[i + k + 1] << (64 - s);
            r[i] = v;
        }
        return new ArithUInt256(r[0], r[1], r[2], r[3]);
    }

    /// <inheritdoc/>
    public int CompareTo(ArithUInt256 other)
    {
        int c = _l3.CompareTo(other._l3);
        if (c != 0) return c;
        c = _l2.CompareTo(other._l2);
        if (c != 0) return c;
        c = _l1.CompareTo(other._l1);
        return c != 0 ? c : _l0.CompareTo(other._l0);
    }

    /// <inheritdoc/>
    public bool Equals(ArithUInt256 other) =>
        _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ArithUInt256 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    /// <summary>Widens a 64-bit number.</summary>
    public static implicit operator ArithUInt256(ulong value) => new(value);

#pragma warning disable CS1591 // The comparison operators mean what they say.
    public static bool operator ==(ArithUInt256 a, ArithUInt256 b) => a.Equals(b);
    public static bool operator !=(ArithUInt256 a, ArithUInt256 b) => !a.Equals(b);
    public static bool operator <(ArithUInt256 a, ArithUInt256 b) => a.CompareTo(b) < 0;
    public static bool operator >(ArithUInt256 a, ArithUInt256 b) => a.CompareTo(b) > 0;
    public static bool operator <=(ArithUInt256 a, ArithUInt256 b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ArithUInt256 a, ArithUInt256 b) => a.CompareTo(b) >= 0;
#pragma warning restore CS1591

    private static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong sum = a + b;
        ulong c1 = sum < a ? 1UL : 0;
        ulong result = sum + carry;
        ulong c2 = result < sum ? 1UL : 0;
        carry = c1 + c2;
        return result;
    }
}
