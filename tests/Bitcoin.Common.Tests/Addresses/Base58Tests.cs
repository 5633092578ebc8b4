using Bitcoin.Common.Addresses;

namespace Bitcoin.Common.Tests.Addresses;

public class Base58Tests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var test in CoreTestData.LoadArray("base58_encode_decode.json"))
        {
            var arr = test!.AsArray();
            if (arr.Count < 2) continue;
            data.Add((string)arr[0]!, (string)arr[1]!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EncodesCoreVectors(string hex, string expected)
        => Assert.Equal(expected, Base58.Encode(Convert.FromHexString(hex)));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void DecodesCoreVectors(string hex, string encoded)
    {
        Assert.True(Base58.TryDecode(encoded, 256, out var result));
        Assert.Equal(hex, Convert.ToHexString(result), ignoreCase: true);
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("invalid\0")]
    [InlineData("\0invalid")]
    [InlineData("bad0IOl")]
    [InlineData("goodbad0IOl")]
    [InlineData("good\0bad0IOl")]
    public void RejectsNonAlphabetCharactersAndEmbeddedNul(string text)
        => Assert.False(Base58.TryDecode(text, 100, out _));

    [Fact]
    public void AcceptsPlainWord() => Assert.True(Base58.TryDecode("good", 100, out _));

    [Fact]
    public void SkipsSurroundingWhitespaceButNotTrailingGarbage()
    {
        Assert.False(Base58.TryDecode(" \t\n\v\f\r skip \r\f\v\n\t a", 3, out _));
        Assert.True(Base58.TryDecode(" \t\n\v\f\r skip \r\f\v\n\t ", 3, out var result));
        Assert.Equal("971a55", Convert.ToHexString(result).ToLowerInvariant());
    }

    [Fact]
    public void DecodeCheckVerifiesChecksum()
    {
        Assert.True(Base58.TryDecodeCheck("3vQB7B6MrGQZaxCuFg4oh", 100, out _));
        Assert.False(Base58.TryDecodeCheck("3vQB7B6MrGQZaxCuFg4oi", 100, out _));
        Assert.False(Base58.TryDecodeCheck("3vQB7B6MrGQZaxCuFg4oh0IOl", 100, out _));
        Assert.False(Base58.TryDecodeCheck("3vQB7B6MrGQZaxCuFg4oh\00IOl", 100, out _));
    }

    [Fact]
    public void DecodeFailsWhenResultExceedsLimit()
    {
        var encoded = Base58.Encode(new byte[] { 1, 2, 3, 4, 5 });
        Assert.True(Base58.TryDecode(encoded, 5, out _));
        Assert.False(Base58.TryDecode(encoded, 4, out _));
    }
}
