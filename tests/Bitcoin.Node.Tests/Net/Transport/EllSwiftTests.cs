using Bitcoin.Node.Net.Transport;
using NBitcoin;

namespace Bitcoin.Node.Tests.Net.Transport;

public class EllSwiftTests
{
    private static FieldElement Fe(string hex) => FieldElement.FromHex(hex);

    [Fact]
    public void InverseFindsExactlyTheEncodingsOfLibsecp256k1Vectors()
    {
        foreach (var (bitmap, u, x, encodings) in EllSwiftVectors.Inverse)
        {
            for (int c = 0; c < 8; c++)
            {
                bool found = EllSwift.TryXSwiftECInverse(Fe(x), Fe(u), c, out var t);
                Assert.Equal(((bitmap >> c) & 1) == 1, found);
                if (!found)
                    continue;
                Assert.Equal(Fe(encodings[c]), t);
                Assert.Equal(Fe(x), EllSwift.XSwiftEC(Fe(u), t));
            }
        }
    }

    [Fact]
    public void DecodingGivesTheVectorsPointIncludingYParity()
    {
        foreach (var (encoding, x, oddY) in EllSwiftVectors.Decode)
        {
            var bytes = Convert.FromHexString(encoding);
            Assert.Equal(x, Convert.ToHexStringLower(EllSwift.DecodeX(bytes)));
            Assert.Equal(oddY, EllSwift.DecodedYIsOdd(bytes));
        }
    }

    [Fact]
    public void Bip324SharedSecretsMatchTheVectors()
    {
        foreach (var (secret, ours, theirs, initiating, shared) in EllSwiftVectors.Bip324Xdh)
        {
            var initiator = Convert.FromHexString(initiating ? ours : theirs);
            var responder = Convert.FromHexString(initiating ? theirs : ours);
            var result = EllSwift.ComputeBip324Secret(initiator, responder, Convert.FromHexString(secret), weAreResponder: !initiating);
            Assert.Equal(shared, Convert.ToHexStringLower(result));
        }
    }

    [Fact]
    public void CreatedEncodingDecodesToTheKeysPublicKeyAndBothSidesAgree()
    {
        for (int i = 0; i < 8; i++)
        {
            using var a = new Key();
            using var b = new Key();
            var aux = new byte[32];
            aux[0] = (byte)i;
            var encodedA = EllSwift.Create(a.ToBytes(), aux);
            var encodedB = EllSwift.Create(b.ToBytes(), aux);
            var compressed = a.PubKey.ToBytes();
            Assert.Equal(compressed.AsSpan(1).ToArray(), EllSwift.DecodeX(encodedA));
            Assert.Equal(compressed[0] == 0x03, EllSwift.DecodedYIsOdd(encodedA));
            // Deterministic in key and auxiliary randomness, as libsecp256k1's ellswift_create.
            Assert.Equal(encodedA, EllSwift.Create(a.ToBytes(), aux));
            Assert.Equal(
                EllSwift.ComputeBip324Secret(encodedA, encodedB, a.ToBytes(), weAreResponder: false),
                EllSwift.ComputeBip324Secret(encodedA, encodedB, b.ToBytes(), weAreResponder: true));
        }
    }
}
