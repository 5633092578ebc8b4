using Bitcoin.Common.Json;

namespace Bitcoin.Common.Tests.Json;

/// <summary>
/// The parser cases UniValue's own unit test runs (its fail/pass/round documents, most of them from the JSON.org
/// checker suite), each written here as a JSON text, what it checks and the verdict UniValue gives.
/// </summary>
public class JsonVectorTests
{
    // UniValue's limit is 512 levels of nesting; these four documents sit on either side of it.
    private static readonly string NestedTooDeepWithString = Nested(513, "\"Too deep\"");
    private static readonly string NestedTooDeepEmpty = Nested(513, "");
    private static readonly string NestedAtLimitWithString = Nested(512, "\"Not too deep\"");
    private static readonly string NestedAtLimitEmpty = Nested(512, "");

    /// <summary>Documents UniValue rejects (its fail1 to fail45; there is no fail43).</summary>
    public static TheoryData<string, string> Rejected => new()
    {
        { "string at top level never closed (newline, then end)", "\"This is a string that never ends, yes it goes on and on, my friends.\n" },
        { "array never closed", "[\"Unclosed array\"" },
        { "object key without quotes", "{unquoted_key: \"keys must be quoted\"}" },
        { "comma before array end", "[\"extra comma\",]" },
        { "two commas before array end", "[\"double extra comma\",,]" },
        { "array starting with a comma", "[   , \"<-- missing value\"]" },
        { "comma after the top-level array", "[\"Comma after the close\"]," },
        { "one close bracket too many", "[\"Extra close\"]]" },
        { "comma before object end", "{\"Extra comma\": true,}" },
        { "second value after the top-level object", "{\"Extra value after close\": true} \"misplaced quoted value\"" },
        { "arithmetic expression as a value", "{\"Illegal expression\": 1 + 2}" },
        { "function call as a value", "{\"Illegal invocation\": alert()}" },
        { "number with a leading zero", "{\"Numbers cannot have leading zeroes\": 013}" },
        { "hexadecimal number", "{\"Numbers cannot be hex\": 0x14}" },
        { "\\x escape in a string", "[\"Illegal backslash escape: \\x15\"]" },
        { "escape outside a string", "[\\naked]" },
        { "octal escape in a string", "[\"Illegal backslash escape: \\017\"]" },
        { "513 nested arrays around a string", NestedTooDeepWithString + "\n" },
        { "object member without a colon", "{\"Missing colon\" null}" },
        { "object member with two colons", "{\"Double colon\":: null}" },
        { "comma where the colon belongs", "{\"Comma instead of colon\", null}" },
        { "colon inside an array", "[\"Colon instead of comma\": false]" },
        { "misspelt literal true", "[\"Bad value\", truth]" },
        { "single-quoted string", "['single quote']" },
        { "raw tab characters inside a string", "[\"\ttab\tcharacter\tin\tstring\t\"]" },
        { "backslash followed by spaces inside a string", "[\"tab\\   character\\   in\\  string\\  \"]" },
        { "raw line feed inside a string", "[\"line\nbreak\"]" },
        { "backslash followed by a raw line feed", "[\"line\\\nbreak\"]" },
        { "exponent without digits", "[0e]" },
        { "exponent with a sign but no digits", "[0e+]" },
        { "exponent with two signs", "[0e+-1]" },
        { "object never closed after a comma", "{\"Comma instead if closing brace\": true," },
        { "array closed with a brace", "[\"mismatch\"}" },
        { "bare word after the top-level object", "{} garbage" },
        { "array elements without commas", "[ true true true [] [] [] ]\n" },
        { "object member without a value", "{\"a\":}\n" },
        { "object members without a comma", "{\"a\":1 \"b\":2}\n" },
        { "lone high surrogate escape", "[\"\\ud834\"]\n" },
        { "lone low surrogate escape", "[\"\\udd61\"]\n" },
        { "NUL byte and a second value after a valid document", "[\"before nul byte\"]\0\"after nul byte\"\n" },
        { "string at top level never closed (end without newline)", "\"This file ends without a newline or close-quote." },
        { "513 nested empty arrays", NestedTooDeepEmpty + "\n" },
    };

    /// <summary>Documents UniValue accepts (its pass1 to pass4); round-trip documents are accepted too, below.</summary>
    public static TheoryData<string, string> Accepted => new()
    {
        { "every kind of value, escape and number form, with odd whitespace", EveryKindOfValue },
        { "512 nested arrays around a string", NestedAtLimitWithString + "\n" },
        { "an object at top level with an object inside", "{\n    \"JSON Test Pattern pass3\": {\n        \"The outermost value\": \"must be an object or array.\",\n        \"In this test\": \"It is an object.\"\n    }\n}\n" },
        { "512 nested empty arrays", NestedAtLimitEmpty + "\n" },
    };

    /// <summary>Documents UniValue writes back exactly as read, in compact form (its round1 to round7).</summary>
    public static TheoryData<string, string> RoundTrips => new()
    {
        { "every ASCII character in a string, control characters escaped", """["\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f"]""" },
        { "UTF-8 of one to four bytes, left unescaped", "[\"a\u00a7\u25a0\U00010392\U0001d161\"]" },
        { "bare string", "\"abcdefghijklmnopqrstuvwxyz\"" },
        { "bare number", "7" },
        { "bare true", "true" },
        { "bare false", "false" },
        { "bare null", "null" },
    };

    /// <summary>Byte sequences that are not UTF-8 inside a string (UniValue's fail40 and fail41).</summary>
    [Theory]
    [InlineData("continuation bytes without a lead byte", "5b229d85a1225d")]
    [InlineData("four-byte sequence cut after three bytes", "5b22f09d85225d")]
    public void RejectsStringsThatAreNotUtf8(string what, string hex)
        => Assert.False(JsonText.TryParse(Convert.FromHexString(hex), out _), what);

    [Theory]
    [MemberData(nameof(Rejected))]
    public void RejectsMalformedDocument(string what, string json)
        => Assert.False(JsonText.TryParse(json, out _), what);

    [Theory]
    [MemberData(nameof(Accepted))]
    public void AcceptsWellFormedDocument(string what, string json)
        => Assert.True(JsonText.TryParse(json, out _), what);

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void WritesBackDocumentAsRead(string what, string json)
    {
        // UniValue's runner reads each document with a trailing newline and compares without it.
        Assert.True(JsonText.TryParse(json + "\n", out var value), what);
        Assert.Equal(json, JsonText.Write(value));
    }

    [Fact]
    public void EveryKindOfValueKeepsWhatItSays()
    {
        var document = JsonText.Parse(EveryKindOfValue);
        var items = document.GetArr();
        Assert.Equal(20, items.Count);
        Assert.Equal("JSON Test Pattern pass1", items[0].GetStr());
        Assert.Equal("-42", items[4].GetValStr());
        Assert.Equal(["0.5", "98.6", "99.44", "1066", "1e1", "0.1e1", "1e-1", "1e00", "2e+00", "2e-00"], items.Skip(9).Take(10).Select(n => n.GetValStr()));
        Assert.Equal("rosebud", items[19].GetStr());

        var members = items[8];
        Assert.Equal("1.234567890E+34", members.Find("E").GetValStr());
        Assert.Equal("23456789012E66", members.Find("").GetValStr());
        Assert.Equal("\b\f\n\r\t", members.Find("controls").GetStr());
        Assert.Equal("/ & /", members.Find("slash").GetStr());
        Assert.Equal("\u0123\u4567\u89ab\ucdef\uabcd\uef4a", members.Find("hex").GetStr());
        Assert.Equal("&#34; \" %22 0x22 034 &#x22;", members.Find("quotes").GetStr());
        Assert.Equal("[1,2,3,4,5,6,7]", JsonText.Write(members.Find(" s p a c e d ")));
        Assert.Equal("A key can be any string", members.Find("/\\\"\ucafe\ubabe\uab98\ufcde\ubcda\uef4a\b\f\n\r\t`1~!@#$%^&*()_+-=[]{}|;:',./<>?").GetStr());
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

    private static string Nested(int depth, string inner) => new string('[', depth) + inner + new string(']', depth);

    // UniValue's pass1: one array holding every kind of value, every escape, numbers in each form and whitespace
    // (spaces, blank lines, line feeds) between tokens. The layout is part of the case, so it stays as it is.
    private const string EveryKindOfValue = """
        [
            "JSON Test Pattern pass1",
            {"object with 1 member":["array with 1 element"]},
            {},
            [],
            -42,
            true,
            false,
            null,
            {
                "integer": 1234567890,
                "real": -9876.543210,
                "e": 0.123456789e-12,
                "E": 1.234567890E+34,
                "":  23456789012E66,
                "zero": 0,
                "one": 1,
                "space": " ",
                "quote": "\"",
                "backslash": "\\",
                "controls": "\b\f\n\r\t",
                "slash": "/ & \/",
                "alpha": "abcdefghijklmnopqrstuvwyz",
                "ALPHA": "ABCDEFGHIJKLMNOPQRSTUVWYZ",
                "digit": "0123456789",
                "0123456789": "digit",
                "special": "`1~!@#$%^&*()_+-={':[,]}|;.</>?",
                "hex": "\u0123\u4567\u89AB\uCDEF\uabcd\uef4A",
                "true": true,
                "false": false,
                "null": null,
                "array":[  ],
                "object":{  },
                "address": "50 St. James Street",
                "url": "http://www.JSON.org/",
                "comment": "// /* <!-- --",
                "# -- --> */": " ",
                " s p a c e d " :[1,2 , 3

        ,

        4 , 5        ,          6           ,7        ],"compact":[1,2,3,4,5,6,7],
                "jsontext": "{\"object with 1 member\":[\"array with 1 element\"]}",
                "quotes": "&#34; \u0022 %22 0x22 034 &#x22;",
                "\/\\\"\uCAFE\uBABE\uAB98\uFCDE\ubcda\uef4A\b\f\n\r\t`1~!@#$%^&*()_+-=[]{}|;:',./<>?"
        : "A key can be any string"
            },
            0.5 ,98.6
        ,
        99.44
        ,

        1066,
        1e1,
        0.1e1,
        1e-1,
        1e00,2e+00,2e-00
        ,"rosebud"]
        """;
}
