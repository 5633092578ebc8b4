using System.Numerics;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// Arithmetic modulo secp256k1's field prime p = 2^256 - 2^32 - 977, on non-negative <see cref="BigInteger"/>s below
/// p. NBitcoin keeps its field element type internal, and ElligatorSwift only runs on public data (the keys both
/// sides send in the clear), so variable-time arithmetic is acceptable here.
/// </summary>
internal static class Secp256k1Field
{
    /// <summary>The field prime.</summary>
    public static readonly BigInteger P = (BigInteger.One << 256) - (BigInteger.One << 32) - 977;

    // p = 3 mod 4, so a square root of a square a is a^((p+1)/4); Euler's criterion uses a^((p-1)/2).
    private static readonly BigInteger SqrtExponent = (P + 1) / 4;
    private static readonly BigInteger LegendreExponent = (P - 1) / 2;

    /// <summary>Reads 32 big-endian bytes reduced modulo p (libsecp256k1's fe_set_b32_mod).</summary>
    public static BigInteger FromBytes(ReadOnlySpan<byte> bytes32) =>
        new BigInteger(bytes32[..32], isUnsigned: true, isBigEndian: true) % P;

    /// <summary>Writes <paramref name="value"/> as 32 big-endian bytes.</summary>
    public static void ToBytes(BigInteger value, Span<byte> destination32)
    {
        destination32[..32].Clear();
        int length = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination32.Slice(32 - length, length), out _, isUnsigned: true, isBigEndian: true);
    }

    public static BigInteger Add(BigInteger a, BigInteger b) => (a + b) % P;

    public static BigInteger Sub(BigInteger a, BigInteger b) => ((a - b) % P + P) % P;

    public static BigInteger Mul(BigInteger a, BigInteger b) => a * b % P;

    public static BigInteger Negate(BigInteger a) => a.IsZero ? a : P - a;

    /// <summary>The inverse of a non-zero element (Fermat).</summary>
    public static BigInteger Inverse(BigInteger a) => BigInteger.ModPow(a, P - 2, P);

    /// <summary>True for zero and the non-zero squares.</summary>
    public static bool IsSquare(BigInteger a) => a.IsZero || BigInteger.ModPow(a, LegendreExponent, P).IsOne;

    /// <summary>A square root of <paramref name="a"/>, or false when it has none.</summary>
    public static bool TrySqrt(BigInteger a, out BigInteger root)
    {
        root = BigInteger.ModPow(a, SqrtExponent, P);
        return root * root % P == a;
    }

    /// <summary>True when x^3 + 7 is a square, i.e. x is the X coordinate of a curve point.</summary>
    public static bool IsXOnCurve(BigInteger x) => IsSquare(Add(Mul(Mul(x, x), x), 7));

    /// <summary>True when n/d is the X coordinate of a curve point (d non-zero).</summary>
    public static bool IsFractionXOnCurve(BigInteger n, BigInteger d)
    {
        // n/d is on the curve iff (n/d)^3 + 7 is square iff n^3*d + 7*d^4 = d^4 * ((n/d)^3 + 7) is square.
        var d2 = Mul(d, d);
        var value = Add(Mul(Mul(Mul(n, n), n), d), Mul(7, Mul(d2, d2)));
        return IsSquare(value);
    }

    /// <summary>True when the element is odd.</summary>
    public static bool IsOdd(BigInteger a) => !a.IsEven;
}
