using Bitcoin.Node.Net.Transport;

namespace Bitcoin.Node.Tests.Net.Transport;

public class Bip324CipherTests
{
    private static readonly byte[] MainnetMagic = [0xf9, 0xbe, 0xb4, 0xd9];

    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Bip324PacketVectors.All.Length; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void PacketVectorEncryptsAndDecryptsOnlyWithTheRightSideAndData(int vectorIndex)
    {
        var v = Bip324PacketVectors.All[vectorIndex];
        var secret = Convert.FromHexString(v.Secret);
        var ours = Convert.FromHexString(v.Ours);
        var theirs = Convert.FromHexString(v.Theirs);
        using var cipher = new Bip324Cipher(secret, ours);
        cipher.Initialize(theirs, v.Initiating, MainnetMagic);
        Assert.Equal(v.SessionId, Convert.ToHexStringLower(cipher.SessionId));
        Assert.Equal(v.SendTerminator, Convert.ToHexStringLower(cipher.SendGarbageTerminator));
        Assert.Equal(v.ReceiveTerminator, Convert.ToHexStringLower(cipher.ReceiveGarbageTerminator));

        var dummies = new List<byte[]>();
        for (uint i = 0; i < v.Index; i++)
        {
            var dummy = new byte[Bip324Cipher.Expansion];
            cipher.Encrypt([], [], ignore: true, dummy);
            dummies.Add(dummy);
        }

        var unit = Convert.FromHexString(v.Contents);
        var contents = new byte[unit.Length * v.Multiply];
        for (int i = 0; i < v.Multiply; i++)
            unit.CopyTo(contents, i * unit.Length);
        var aad = Convert.FromHexString(v.Aad);
        var ciphertext = new byte[contents.Length + Bip324Cipher.Expansion];
        cipher.Encrypt(contents, aad, v.Ignore, ciphertext);
        var hex = Convert.ToHexStringLower(ciphertext);
        if (v.Ciphertext.Length > 0)
            Assert.Equal(v.Ciphertext, hex);
        else
            Assert.EndsWith(v.CiphertextEndsWith, hex, StringComparison.Ordinal);

        // 0: intact; 1: wrong side; 2: flipped ciphertext bit; 3: flipped aad bit; 4: extra aad byte; 5: wrong packet number.
        for (int error = 0; error <= 5; error++)
        {
            if ((error == 3 && aad.Length == 0) || (error == 5 && v.Index == 0))
                continue;
            using var decryptor = new Bip324Cipher(secret, ours);
            decryptor.Initialize(theirs, v.Initiating ^ (error == 1), MainnetMagic, selfDecrypt: true);
            uint seek = error == 5 ? v.Index - 1 : v.Index;
            for (int i = 0; i < seek; i++)
            {
                decryptor.DecryptLength(dummies[i].AsSpan(0, Bip324Cipher.LengthSize));
                bool dummyOk = decryptor.Decrypt(dummies[i].AsSpan(Bip324Cipher.LengthSize), [], out bool dummyIgnore, []);
                // The wrong side's keys cannot authenticate anything.
                Assert.Equal(error != 1, dummyOk);
                Assert.Equal(error != 1, dummyIgnore);
            }

            var damaged = (byte[])ciphertext.Clone();
            if (error == 2)
                damaged[^1] ^= 0x10;
            var damagedAad = error switch
            {
                3 => aad.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b).ToArray(),
                4 => [.. aad, 0],
                _ => aad,
            };
            uint length = decryptor.DecryptLength(damaged.AsSpan(0, Bip324Cipher.LengthSize));
            if (error == 0)
                Assert.Equal((uint)contents.Length, length);
            if (length != contents.Length)
            {
                // A wrong key stream already garbles the length; the packet cannot authenticate.
                Assert.NotEqual(0, error);
                continue;
            }

            var decrypted = new byte[length];
            bool ok = decryptor.Decrypt(damaged.AsSpan(Bip324Cipher.LengthSize), damagedAad, out bool ignore, decrypted);
            Assert.Equal(error == 0, ok);
            if (ok)
            {
                Assert.Equal(contents, decrypted);
                Assert.Equal(v.Ignore, ignore);
            }
        }
    }
}
