using System.Security.Cryptography;
using System.Text;
using NBitcoin;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// ElligatorSwift encoding of secp256k1 public keys as 64 uniformly random-looking bytes (u, t), and the x-only
/// Diffie-Hellman of BIP324, following libsecp256k1's ellswift module: <see cref="Create"/> is its ellswift_create,
/// <see cref="DecodeX"/> its decoding, <see cref="ComputeBip324Secret"/> its ellswift_xdh with the BIP324 hash.
/// </summary>
public static class EllSwift
{
    /// <summary>Size of an encoded public key.</summary>
    public const int EncodedSize = 64;

    // c1 = (sqrt(-3) - 1) / 2, c2 = (-sqrt(-3) - 1) / 2, c3 = -c1, c4 = c1 + 1.
    private static readonly FieldElement C1 = FieldElement.FromHex("851695d49a83f8ef919bb86153cbcb16630fb68aed0a766a3ec693d68e6afa40");
    private static readonly FieldElement C2 = FieldElement.FromHex("7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee");
    private static readonly FieldElement C3 = FieldElement.FromHex("7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ef");
    private static readonly FieldElement C4 = FieldElement.FromHex("851695d49a83f8ef919bb86153cbcb16630fb68aed0a766a3ec693d68e6afa41");
    private static readonly FieldElement Seven = FieldElement.FromInt(7);

    private static readonly byte[] CreateTag = TagPrefix("secp256k1_ellswift_create");
    private static readonly byte[] Bip324Tag = TagPrefix("bip324_ellswift_xonly_ecdh");

    /// <summary>
    /// Encodes the public key of <paramref name="secretKey"/> (32 bytes, a valid key) as 64 bytes, deterministically
    /// from the key and the 32 bytes of <paramref name="auxRandom"/> exactly as libsecp256k1's ellswift_create.
    /// </summary>
    public static byte[] Create(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> auxRandom)
    {
        if (secretKey.Length != 32 || auxRandom.Length != 32)
            throw new ArgumentException("The secret key and the auxiliary randomness are 32 bytes each.");
        using var key = new Key(secretKey.ToArray());
        var compressed = key.PubKey.ToBytes();
        var x = FieldElement.FromBytes(compressed.AsSpan(1));
        bool oddY = compressed[0] == 0x03;

        // The random stream is SHA256(tag prefix || seckey || 32 zero bytes || auxrnd || counter) for counter = 0, 1, ...
        var seed = new byte[CreateTag.Length + 32 + 32 + 32 + 4];
        CreateTag.CopyTo(seed, 0);
        secretKey.CopyTo(seed.AsSpan(CreateTag.Length));
        auxRandom.CopyTo(seed.AsSpan(CreateTag.Length + 64));
        try
        {
            return EncodeX(x, oddY, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The X coordinate (32 bytes, big-endian) that the encoding <paramref name="encoded"/> stands for.</summary>
    public static byte[] DecodeX(ReadOnlySpan<byte> encoded)
    {
        var x = new byte[32];
        DecodeXValue(encoded).WriteBytes(x);
        return x;
    }

    /// <summary>True when the point the encoding stands for has an odd Y coordinate (the parity of t).</summary>
    public static bool DecodedYIsOdd(ReadOnlySpan<byte> encoded) => FieldElement.FromBytes(encoded.Slice(32, 32)).IsOdd;

    /// <summary>
    /// BIP324's shared secret: the tagged hash "bip324_ellswift_xonly_ecdh" of the initiator's encoding, the responder's
    /// encoding and the X coordinate of our secret key times their point. <paramref name="weAreResponder"/> says which of
    /// the two encodings is ours (libsecp256k1's party argument).
    /// </summary>
    public static byte[] ComputeBip324Secret(ReadOnlySpan<byte> initiatorEncoded, ReadOnlySpan<byte> responderEncoded,
        ReadOnlySpan<byte> secretKey, bool weAreResponder)
    {
        if (initiatorEncoded.Length != EncodedSize || responderEncoded.Length != EncodedSize || secretKey.Length != 32)
            throw new ArgumentException("Encodings are 64 bytes and the secret key 32 bytes.");
        var theirs = weAreResponder ? initiatorEncoded : responderEncoded;
        var point = new byte[33];
        point[0] = 0x02;
        DecodeXValue(theirs).WriteBytes(point.AsSpan(1));
        using var key = new Key(secretKey.ToArray());
        // x(k*P) = x(k*(-P)), so either Y works for an x-only result.
        var shared = new PubKey(point).GetSharedPubkey(key).ToBytes();
        var message = new byte[Bip324Tag.Length + 64 + 64 + 32];
        Bip324Tag.CopyTo(message, 0);
        initiatorEncoded.CopyTo(message.AsSpan(Bip324Tag.Length));
        responderEncoded.CopyTo(message.AsSpan(Bip324Tag.Length + 64));
        shared.AsSpan(1, 32).CopyTo(message.AsSpan(Bip324Tag.Length + 128));
        var secret = SHA256.HashData(message);
        CryptographicOperations.ZeroMemory(message);
        CryptographicOperations.ZeroMemory(shared);
        return secret;
    }

    /// <summary>Decodes (u, t) to an X coordinate (libsecp256k1's xswiftec): always a valid curve X.</summary>
    internal static FieldElement XSwiftEC(FieldElement u, FieldElement t)
    {
        if (u.IsZero)
            u = FieldElement.One;
        var s = t.IsZero ? FieldElement.One : t.Square();
        var uu = u.Square();
        var g = uu * u + Seven;
        var p = g + s;
        if (p.IsZero)
        {
            s *= FieldElement.FromInt(4);
            p = g + s;
        }

        // x3 = (3*s*u^3 - (g+s)^2) / (3*s*u^2)
        var d = s * uu * FieldElement.FromInt(3);
        var n = d * u - p.Square();
        if (IsFractionXOnCurve(n, d))
            return n * d.Inverse();

        // x2 = u*(c1*s + c2*g) / (g+s)
        n = (C1 * s + C2 * g) * u;
        if (IsFractionXOnCurve(n, p))
            return n * p.Inverse();

        // x1 = -(x2 + u)
        return -(n + p * u) * p.Inverse();
    }

    /// <summary>
    /// One of the up to eight partial inverses of <see cref="XSwiftEC"/> (libsecp256k1's xswiftec_inv): a t with
    /// XSwiftEC(u, t) = x, or false. <paramref name="x"/> must be on the curve, <paramref name="u"/> non-zero.
    /// </summary>
    internal static bool TryXSwiftECInverse(FieldElement x, FieldElement u, int c, out FieldElement t)
    {
        t = FieldElement.Zero;
        FieldElement s, v;
        if ((c & 2) == 0)
        {
            // Fail if -x-u is on the curve: that encoding would decode through x3 instead.
            if (IsXOnCurve(-(x + u)))
                return false;
            // s = -(u^3 + 7) / (u^2 + u*x + x^2); square iff its numerator times its denominator is.
            var denominator = u.Square() + u * x + x.Square();
            var g = u.Square() * u + Seven;
            if (!(-(g * denominator)).IsSquare())
                return false;
            s = -(g * denominator.Inverse());
            v = x;
        }
        else
        {
            s = x - u;
            if (!s.IsSquare())
                return false;
            var uu = u.Square();
            var q = -(s * (FieldElement.FromInt(4) * (uu * u + Seven) + FieldElement.FromInt(3) * uu * s));
            if (!q.TrySqrt(out var r))
                return false;
            if ((c & 1) == 1 && r.IsZero)
                return false;
            if (s.IsZero)
                return false;
            v = (r * s.Inverse() - u).Half();
        }

        s.TrySqrt(out var w);
        if ((c & 5) == 0 || (c & 5) == 5)
            w = -w;
        t = w * (u * ((c & 1) == 1 ? C4 : C3) + v);
        return true;
    }

    // True when x^3 + 7 is a square, i.e. x is the X coordinate of a curve point.
    private static bool IsXOnCurve(FieldElement x) => (x.Square() * x + Seven).IsSquare();

    // True when n/d (d non-zero) is a curve X: n^3*d + 7*d^4 = d^4 * ((n/d)^3 + 7) is square.
    private static bool IsFractionXOnCurve(FieldElement n, FieldElement d)
    {
        var d2 = d.Square();
        return (n.Square() * n * d + Seven * d2.Square()).IsSquare();
    }

    private static FieldElement DecodeXValue(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != EncodedSize)
            throw new ArgumentException("An ElligatorSwift encoding is 64 bytes.", nameof(encoded));
        return XSwiftEC(FieldElement.FromBytes(encoded[..32]), FieldElement.FromBytes(encoded.Slice(32, 32)));
    }

    // libsecp256k1's xelligatorswift followed by the Y-parity fix of elligatorswift: random u and branch values from
    // SHA256(seed || counter) until an inverse exists.
    private static byte[] EncodeX(FieldElement x, bool oddY, byte[] seed)
    {
        var branchHash = new byte[32];
        var result = new byte[EncodedSize];
        int branchesLeft = 0;
        uint counter = 0;
        while (true)
        {
            if (branchesLeft == 0)
            {
                Prng(seed, counter++, branchHash);
                branchesLeft = 64;
            }

            branchesLeft--;
            int branch = (branchHash[branchesLeft >> 1] >> ((branchesLeft & 1) << 2)) & 7;
            Prng(seed, counter++, result.AsSpan(0, 32));
            var u = FieldElement.FromBytes(result.AsSpan(0, 32));
            if (!TryXSwiftECInverse(x, u, branch, out var t))
                continue;
            if (t.IsOdd != oddY)
                t = -t;
            t.WriteBytes(result.AsSpan(32));
            return result;
        }
    }

    private static void Prng(byte[] seed, uint counter, Span<byte> output)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(seed.AsSpan(seed.Length - 4), counter);
        SHA256.HashData(seed, output);
    }

    private static byte[] TagPrefix(string tag)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(tag));
        return [.. hash, .. hash];
    }
}
