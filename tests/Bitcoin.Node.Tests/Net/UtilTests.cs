using Bitcoin.Node.Net.Util;

namespace Bitcoin.Node.Tests.Net;

// Core's hash_tests (SipHash-2-4, MurmurHash3) and bloom_tests (rolling bloom filter) facts.
public class UtilTests
{
    [Fact]
    public void SipHashVectors()
    {
        var hasher = new SipHasher(0x0706050403020100UL, 0x0F0E0D0C0B0A0908UL);
        Assert.Equal(0x726fdb47dd0e0e31UL, hasher.Finalize());
        hasher = hasher.Write([0]);
        Assert.Equal(0x74f839c593dc67fdUL, hasher.Finalize());
        hasher = hasher.Write([1, 2, 3, 4, 5, 6, 7]);
        Assert.Equal(0x93f5f5799a932462UL, hasher.Finalize());
        hasher = hasher.Write(0x0F0E0D0C0B0A0908UL);
        Assert.Equal(0x3f2acc7f57c29bdbUL, hasher.Finalize());
        hasher = hasher.Write([16, 17]);
        Assert.Equal(0x4bc1b3f0968dd39cUL, hasher.Finalize());
        hasher = hasher.Write([18, 19, 20, 21, 22, 23, 24, 25, 26]);
        Assert.Equal(0x2f2e6163076bcfadUL, hasher.Finalize());
        hasher = hasher.Write([27, 28, 29, 30, 31]);
        Assert.Equal(0x7127512f72f27cceUL, hasher.Finalize());
        hasher = hasher.Write(0x2726252423222120UL);
        Assert.Equal(0x0e3ea96b5304a7d0UL, hasher.Finalize());
        hasher = hasher.Write(0x2F2E2D2C2B2A2928UL);
        Assert.Equal(0xe612a3cb9ecba951UL, hasher.Finalize());
    }

    [Theory]
    [InlineData(0x00000000U, 0x00000000U, "")]
    [InlineData(0x6a396f08U, 0xFBA4C795U, "")]
    [InlineData(0x81f16f39U, 0xffffffffU, "")]
    [InlineData(0x514e28b7U, 0x00000000U, "00")]
    [InlineData(0xea3f0b17U, 0xFBA4C795U, "00")]
    [InlineData(0xfd6cf10dU, 0x00000000U, "ff")]
    [InlineData(0x16c6b7abU, 0x00000000U, "0011")]
    public void MurmurHash3Vectors(uint expected, uint seed, string hex) =>
        Assert.Equal(expected, RollingBloomFilter.MurmurHash3(seed, Convert.FromHexString(hex)));

    [Fact]
    public void RollingBloomFilterKeepsRecentAndForgetsOld()
    {
        var filter = new RollingBloomFilter(100, 0.01);
        static byte[] Key(int i) => BitConverter.GetBytes(i);
        for (int i = 0; i < 100; i++)
            filter.Insert(Key(i));
        for (int i = 0; i < 100; i++)
            Assert.True(filter.Contains(Key(i)));
        int falsePositives = Enumerable.Range(1000, 10_000).Count(i => filter.Contains(Key(i)));
        Assert.True(falsePositives < 300, $"{falsePositives} false positives");
        // After three generations more, the first inserts are gone.
        for (int i = 100; i < 400; i++)
            filter.Insert(Key(i));
        Assert.True(Enumerable.Range(0, 100).Count(i => filter.Contains(Key(i))) < 10);
        filter.Reset();
        Assert.False(filter.Contains(Key(399)));
    }
}
