using System.Runtime.CompilerServices;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Tests.Json;

/// <summary>UniValue's own parser vectors: fail*, pass* and round* files.</summary>
public class JsonVectorTests
{
    private static string VectorDir([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "Vectors");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(VectorDir(), "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void AllVectorFilesArePresent() => Assert.Equal(55, Files().Count);

    [Theory]
    [MemberData(nameof(Files))]
    public void ParserAcceptsOrRejectsVectorLikeUniValue(string name)
    {
        byte[] data = File.ReadAllBytes(Path.Combine(VectorDir(), name));
        bool ok = JsonText.TryParse(data, out var value);
        if (name.StartsWith("fail", StringComparison.Ordinal))
        {
            Assert.False(ok, $"{name} must be rejected");
            return;
        }
        Assert.True(ok, $"{name} must be accepted");
        if (name.StartsWith("round", StringComparison.Ordinal))
        {
            string expected = System.Text.Encoding.UTF8.GetString(data).TrimEnd(' ', '\n', '\r', '\t');
            Assert.Equal(expected, JsonText.Write(value));
        }
    }

    [Fact]
    public void EscapedCodePointsBecomeTheirCharacters()
    {
        Assert.Equal("\"", JsonText.Parse("[\"\\u0022\"]").At(0).GetStr());
        Assert.Equal("\u0191", JsonText.Parse("[\"\\u0191\"]").At(0).GetStr());
        Assert.Equal("\u2191", JsonText.Parse("[\"\\u2191\"]").At(0).GetStr());
        Assert.Equal(char.ConvertFromUtf32(0x1d161), JsonText.Parse("[\"\\ud834\\udd61\"]").At(0).GetStr());
    }

    [Fact]
    public void ParsingStopsAtTheGivenSpan()
    {
        byte[] buf = "___[1,2,3]___"u8.ToArray();
        Assert.True(JsonText.TryParse(buf.AsSpan(3, 7), out var value));
        Assert.Equal("[1,2,3]", JsonText.Write(value));
    }
}
