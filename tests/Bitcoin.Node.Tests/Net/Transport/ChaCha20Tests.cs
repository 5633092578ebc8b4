using Bitcoin.Node.Net.Transport;

namespace Bitcoin.Node.Tests.Net.Transport;

// Vectors from RFC 8439 and Core's crypto_tests.cpp (chacha20_testvector, FSChaCha20, FSChaCha20Poly1305).
public class ChaCha20Tests
{
    public static TheoryData<string, string, uint, ulong, uint, string> StreamVectors => new()
    {
        // RFC 8439 2.3.2 (keystream), 2.4.2 (encryption), A.1 #1, #4, #5, A.2 #2, #3 and the 32-bit counter overflow.
        { "", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 0x09000000, 0x4a000000, 1,
          "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4ed2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e" },
        { "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73637265656e20776f756c642062652069742e",
          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 0, 0x4a000000, 1,
          "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d" },
        { "", "0000000000000000000000000000000000000000000000000000000000000000", 0, 0, 0,
          "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586" },
        { "", "00ff000000000000000000000000000000000000000000000000000000000000", 0, 0, 2,
          "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096" },
        { "", "0000000000000000000000000000000000000000000000000000000000000000", 0, 0x200000000000000, 0,
          "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c78a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d" },
        { "2754776173206272696c6c69672c20616e642074686520736c6974687920746f7665730a446964206779726520616e642067696d626c6520696e2074686520776162653a0a416c6c206d696d737920776572652074686520626f726f676f7665732c0a416e6420746865206d6f6d65207261746873206f757467726162652e",
          "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", 0, 0x200000000000000, 42,
          "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553ebf39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f7704c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1" },
        { "", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 0, 0xdeadbeef12345678, 0xffffffff,
          "2d292c880513397b91221c3a647cfb0765a4815894715f411e3df5e0dd0ba9dffd565dea5addbdb914208fde7950f23e0385f9a727143f6a6ac51d84b1c0fb3e2e3b00b63d6841a1cc6d1538b1d3a74bef1eb2f54c7b7281e36e484dba89b351c8f572617e61e342879f211b0e4c515df50ea9d0771518fad96cd0baee62deb6" },
    };

    [Theory]
    [MemberData(nameof(StreamVectors))]
    public void StreamMatchesVectorsWhateverTheChunking(string message, string key, uint nonceLow, ulong nonceHigh, uint block, string expected)
    {
        var input = Convert.FromHexString(message);
        int length = expected.Length / 2;
        var cipher = new ChaCha20(Convert.FromHexString(key));
        foreach (int[] cuts in new[] { new[] { length }, new[] { 1, 63, length }, new[] { 7, 70, length }, new[] { 64, 65, length } })
        {
            cipher.Seek(nonceLow, nonceHigh, block);
            var output = new byte[length];
            int position = 0;
            foreach (int cut in cuts)
            {
                int end = Math.Min(cut, length);
                if (end <= position)
                    continue;
                if (input.Length > 0)
                    cipher.Crypt(input.AsSpan(position, end - position), output.AsSpan(position, end - position));
                else
                    cipher.Keystream(output.AsSpan(position, end - position));
                position = end;
            }

            Assert.Equal(expected, Convert.ToHexStringLower(output));
        }
    }

    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "0000000000000000000000000000000000000000000000000000000000000000", 256u, "a93df4ef03011f3db95f60d996e1785df5de38fc39bfcb663a47bb5561928349")]
    [InlineData("01", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 5u, "ea")]
    [InlineData("e93fdb5c762804b9a706816aca31e35b11d2aa3080108ef46a5b1f1508819c0a", "8ec4c3ccdaea336bdeb245636970be01266509b33f3d2642504eaf412206207a", 4096u, "8bfaa4eacff308fdb4a94a5ff25bd9d0c1f84b77f81239f67ff39d6e1ac280c9")]
    public void ForwardSecureChaCha20RekeysAfterTheInterval(string plaintext, string key, uint interval, string afterRotation)
    {
        var plain = Convert.FromHexString(plaintext);
        var fs = new FSChaCha20(Convert.FromHexString(key), interval);
        var plainStream = new ChaCha20(Convert.FromHexString(key));
        var fsOut = new byte[plain.Length];
        var streamOut = new byte[plain.Length];
        for (uint i = 0; i < interval; i++)
        {
            fs.Crypt(plain, fsOut);
            plainStream.Crypt(plain, streamOut);
            Assert.Equal(streamOut, fsOut);
        }

        fs.Crypt(plain, fsOut);
        Assert.Equal(afterRotation, Convert.ToHexStringLower(fsOut));
    }

    [Theory]
    [InlineData("d6a4cb04ef0f7c09c1866ed29dc24d820e75b0491032a51b4c3366f9ca35c19ea3047ec6be9d45f9637b63e1cf9eb4c2523a5aab7b851ebeba87199db0e839cf0d5c25e50168306377aedbe9089fd2463ded88b83211cf51b73b150608cc7a600d0f11b9a742948482e1b109d8faf15b450aa7322e892fa2208c6691e3fecf4c711191b14d75a72147",
        "786cb9b6ebf44288974cf0", "5c9e1c3951a74fba66708bf9d2c217571684556b6a6a3573bff2847d38612654", 500,
        "9dcebbd3281ea3dd8e9a1ef7d55a97abd6743e56ebc0c190cb2c4e14160b385e0bf508dddf754bd02c7c208447c131ce23e47a4a14dfaf5dd8bc601323950f754e05d46e9232f83fc5120fbbef6f5347a826ec79a93820718d4ec7a2b7cfaaa44b21e16d726448b62f803811aff4f6d827ed78e738ce8a507b81a8ae131311928039213de18a5120dc9b7370baca878f50ff254418de3da50c")]
    [InlineData("8349b7a2690b63d01204800c288ff1138a1d473c832c90ea8b3fc102d0bb3adc44261b247c7c3d6760bfbe979d061c305f46d94c0582ac3099f0bf249f8cb234",
        "", "3bd2093fcbcb0d034d8c569583c5425c1a53171ea299f8cc3bbf9ae3530adfce", 60000,
        "30a6757ff8439b975363f166a0fa0e36722ab35936abd704297948f45083f4d499433137ce931f7fca28a0acd3bc30f57b550acbc21cbd45bbef0739d9caf30c14b94829deb27f0b1923a2af704ae5d6")]
    public void ForwardSecureAeadMatchesVectorsAfterManyRekeyings(string plaintext, string aad, string key, int index, string expected)
    {
        var plain = Convert.FromHexString(plaintext);
        var associated = Convert.FromHexString(aad);
        using var encryptor = new FSChaCha20Poly1305(Convert.FromHexString(key), 224);
        using var decryptor = new FSChaCha20Poly1305(Convert.FromHexString(key), 224);
        var tagOnly = new byte[FSChaCha20Poly1305.Expansion];
        for (int i = 0; i < index; i++)
        {
            encryptor.Encrypt([], [], [], tagOnly);
            Assert.True(decryptor.Decrypt(tagOnly, [], []));
        }

        var cipher = new byte[plain.Length + FSChaCha20Poly1305.Expansion];
        // Split the plaintext in two, as BIP324 does with its header byte.
        encryptor.Encrypt(plain.AsSpan(0, 1), plain.AsSpan(1), associated, cipher);
        Assert.Equal(expected, Convert.ToHexStringLower(cipher));

        var decrypted = new byte[plain.Length];
        Assert.True(decryptor.Decrypt(cipher, associated, decrypted));
        Assert.Equal(plain, decrypted);
    }

    [Fact]
    public void TamperedAeadPacketFailsAuthentication()
    {
        var key = new byte[32];
        using var encryptor = new FSChaCha20Poly1305(key, 224);
        using var decryptor = new FSChaCha20Poly1305(key, 224);
        var cipher = new byte[5 + FSChaCha20Poly1305.Expansion];
        encryptor.Encrypt("hello"u8, [], [], cipher);
        cipher[2] ^= 1;
        Assert.False(decryptor.Decrypt(cipher, [], new byte[5]));
    }
}
