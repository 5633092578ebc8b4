using System.Numerics;
using Bitcoin.Node.Net.Transport;

namespace Bitcoin.Node.Tests.Net.Transport;

public class FieldElementTests
{
    private static readonly BigInteger P = (BigInteger.One << 256) - (BigInteger.One << 32) - 977;

    private static BigInteger Big(FieldElement e) => BigInteger.Parse("0" + e.ToString(), System.Globalization.NumberStyles.HexNumber);

    private static FieldElement Fe(BigInteger value)
    {
        var bytes = new byte[32];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(bytes, 32 - raw.Length);
        return FieldElement.FromBytes(bytes);
    }

    private static IEnumerable<BigInteger> Samples()
    {
        // Edge values around 0, p and 2^256, then random ones.
        yield return BigInteger.Zero;
        yield return BigInteger.One;
        yield return P - 1;
        yield return P - 2;
        yield return (BigInteger.One << 255) + 12345;
        yield return (BigInteger.One << 64) - 1;
        var random = new Random(324);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[32];
            random.NextBytes(bytes);
            yield return new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % P;
        }
    }

    [Fact]
    public void ArithmeticMatchesBigIntegerModP()
    {
        var values = Samples().ToList();
        for (int i = 0; i < values.Count; i++)
        {
            var a = values[i];
            var b = values[(i * 7 + 3) % values.Count];
            Assert.Equal((a + b) % P, Big(Fe(a) + Fe(b)));
            Assert.Equal(((a - b) % P + P) % P, Big(Fe(a) - Fe(b)));
            Assert.Equal(a * b % P, Big(Fe(a) * Fe(b)));
            Assert.Equal(a * 2 % P == 0 ? 0 : a, Big(Fe(a).Half() + Fe(a).Half()));
            if (!a.IsZero)
                Assert.Equal(BigInteger.One, Big(Fe(a).Inverse() * Fe(a)));
            bool square = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            Assert.Equal(square, Fe(a).IsSquare());
            Assert.Equal(square, Fe(a).TrySqrt(out var root));
            if (square)
                Assert.Equal(a, Big(root * root));
        }
    }

    [Fact]
    public void BytesAtOrAbovePAreReduced()
    {
        Assert.Equal(FieldElement.Zero, Fe(P));
        Assert.Equal(FieldElement.FromInt(5), Fe(P + 5));
        Assert.Equal(Fe((BigInteger.One << 256) - 1 - P), FieldElement.FromBytes(Enumerable.Repeat((byte)0xff, 32).ToArray()));
    }
}
