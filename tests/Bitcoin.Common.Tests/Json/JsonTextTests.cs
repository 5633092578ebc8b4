using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Tests.Json;

public class JsonTextTests
{
    [Theory]
    [InlineData("1.50")]
    [InlineData("-0")]
    [InlineData("1E+400")]
    [InlineData("0.00000001")]
    [InlineData("12345678901234567890123")]
    public void NumbersKeepTheirExactText(string text)
    {
        var arr = JsonText.Parse($"[{text}]");
        Assert.Equal($"[{text}]", JsonText.Write(arr));
        Assert.Equal(text, arr.At(0).GetValStr());
    }

    [Theory]
    [InlineData("01")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("1e")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[,1]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1 2]")]
    [InlineData("nul")]
    [InlineData("truex")]
    [InlineData("\"tab\there\"")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("[1] x")]
    [InlineData("\"\\x\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("// comment\n1")]
    public void StrictParserRejects(string text) => Assert.False(JsonText.TryParse(text, out _));

    [Theory]
    [InlineData(" \t\r\n1 \t\r\n", "1")]
    [InlineData("\"bare\"", "\"bare\"")]
    [InlineData("null", "null")]
    [InlineData("{ \"a\" : [ true , false ] }", "{\"a\":[true,false]}")]
    public void ParserAcceptsWhatUniValueAccepts(string text, string written)
        => Assert.Equal(written, JsonText.Write(JsonText.Parse(text)));

    [Fact]
    public void NestingIsLimitedTo512Levels()
    {
        Assert.True(JsonText.TryParse(new string('[', 512) + new string(']', 512), out _));
        Assert.False(JsonText.TryParse(new string('[', 513) + new string(']', 513), out _));
    }

    [Fact]
    public void InvalidUtf8InStringsIsRejected()
    {
        Assert.False(JsonText.TryParse([(byte)'"', 0xc3, (byte)'"'], out _));
        Assert.False(JsonText.TryParse([(byte)'"', 0x80, (byte)'"'], out _));
        Assert.True(JsonText.TryParse([(byte)'"', 0xc3, 0xa9, (byte)'"'], out var v));
        Assert.Equal("é", v.GetStr());
    }

    [Fact]
    public void RepeatedKeysKeepTheFirstValueAndAreReported()
    {
        var obj = JsonText.Parse("{\"a\":1,\"b\":2,\"a\":3}").GetObj();
        Assert.Equal(1, obj["a"].GetInt32());
        Assert.Equal(["a"], JsonText.DuplicateKeys(obj));
    }

    [Fact]
    public void StringsEscapeOnlyControlCharactersQuoteBackslashAndDelete()
    {
        Assert.Equal("\"ab\\u0000c\"", JsonText.Write(JsonValue.Create("ab\0c")));
        Assert.Equal("\"\\b\\t\\n\\f\\r\\u001f\\u007f\\\"\\\\/é€\"", JsonText.Write(JsonValue.Create("\b\t\n\f\r\u001f\u007f\"\\/é€")));
    }

    [Fact]
    public void PrettyOutputMatchesUniValueLayout()
    {
        var value = JsonText.Parse("{\"a\":[1,{\"b\":null}],\"c\":{},\"d\":[]}");
        Assert.Equal("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {\n  },\n  \"d\": [\n  ]\n}", JsonText.Write(value, 2));
        Assert.Equal("[\n]", JsonText.Write(new JsonArray(), 2));
        Assert.Equal("{\n    \"k\": \"v\"\n}", JsonText.Write(new JsonObject { ["k"] = "v" }, 4));
    }

    [Fact]
    public void ValuesFromSystemTextJsonAreWrittenTheSameWay()
    {
        var parsed = JsonNode.Parse("{\"n\":1.50,\"s\":\"é\\u0001\",\"a\":[true,null]}");
        Assert.Equal("{\"n\":1.50,\"s\":\"é\\u0001\",\"a\":[true,null]}", JsonText.Write(parsed));
        Assert.Equal("[1,2,3]", JsonText.Write(JsonValue.Create(new[] { 1, 2, 3 })));
        Assert.Equal(3, JsonValue.Create(new[] { 1, 2, 3 }).GetArr().Count);
    }

    [Fact]
    public void KeysKeepInsertionOrder()
        => Assert.Equal("{\"z\":1,\"a\":2,\"m\":3}", JsonText.Write(new JsonObject { ["z"] = 1, ["a"] = 2, ["m"] = 3 }));

    [Theory]
    [InlineData(-1.01, "-1.01")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(123456789.123456789, "123456789.1234568")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(4.2, "4.2")]
    [InlineData(0.0, "0")]
    [InlineData(1e-300, "1e-300")]
    public void DoublesAreWrittenAsUniValueSetFloat(double value, string expected)
    {
        Assert.Equal(expected, JsonText.Write(JsonNumbers.Double(value)));
        Assert.Equal(expected, JsonText.Write(JsonValue.Create(value)));
    }

    [Fact]
    public void NanIsNotAJsonNumber() => Assert.Throws<ArgumentException>(() => JsonNumbers.Double(double.NaN));

    [Theory]
    [InlineData(0L, "0.00000000")]
    [InlineData(1L, "0.00000001")]
    [InlineData(17622195L, "0.17622195")]
    [InlineData(50000000L, "0.50000000")]
    [InlineData(100000000L, "1.00000000")]
    [InlineData(2099999999999999L, "20999999.99999999")]
    [InlineData(-100000000L, "-1.00000000")]
    [InlineData(-10000000L, "-0.10000000")]
    [InlineData(10000000000000000L, "100000000.00000000")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    [InlineData(long.MinValue + 1, "-92233720368.54775807")]
    public void AmountsHaveEightDecimals(long satoshis, string expected)
        => Assert.Equal(expected, JsonText.Write(JsonNumbers.Amount(satoshis)));

    [Fact]
    public void AccessorsFailWithUniValueMessages()
    {
        var arr = JsonText.Parse("[\"x\",1.5,300,-1,true]");
        var e = Assert.Throws<JsonTypeException>(() => arr.At(0).GetInt32());
        Assert.Equal("JSON value of type string is not of expected type number", e.Message);
        Assert.Equal("JSON value of type number is not of expected type string", Assert.Throws<JsonTypeException>(() => arr.At(1).GetStr()).Message);
        Assert.Equal("JSON value of type null is not of expected type bool", Assert.Throws<JsonTypeException>(() => arr.At(9).GetBool()).Message);
        Assert.Equal("JSON integer out of range", Assert.Throws<OverflowException>(() => arr.At(1).GetInt32()).Message);
        Assert.Equal("JSON integer out of range", Assert.Throws<OverflowException>(() => arr.At(2).GetInt<byte>()).Message);
        Assert.Equal("JSON integer out of range", Assert.Throws<OverflowException>(() => arr.At(3).GetUInt32()).Message);
        Assert.Equal(-1, arr.At(3).GetInt64());
        Assert.Equal(1.5, arr.At(1).GetReal());
        Assert.True(arr.At(4).GetBool());
        Assert.Equal("1", arr.At(4).GetValStr());
    }

    [Fact]
    public void NumberFromTextValidates()
    {
        Assert.Equal("82", JsonText.Write(JsonNumbers.FromText("82")));
        var e = Assert.Throws<ArgumentException>(() => JsonNumbers.FromText("1.2.3"));
        Assert.StartsWith("The string '1.2.3' is not a valid JSON number", e.Message);
    }
}
