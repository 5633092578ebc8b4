using Bitcoin.Common.Formats;
using Bitcoin.Common.Tests.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's ParseScript (script_parse_tests.cpp), FormatScript and ScriptToAsmStr.</summary>
public class ScriptFormatTests
{
    // script_parse_tests.cpp parse_script IN_OUT.
    public static TheoryData<string, string> ParseCases() => new()
    {
        { "", "" }, { "0", "00" }, { "1", "51" }, { "2", "52" }, { "3", "53" }, { "4", "54" }, { "5", "55" },
        { "6", "56" }, { "7", "57" }, { "8", "58" }, { "9", "59" }, { "10", "5a" }, { "11", "5b" }, { "12", "5c" },
        { "13", "5d" }, { "14", "5e" }, { "15", "5f" }, { "16", "60" }, { "17", "0111" }, { "-9", "0189" },
        { "0x17", "17" }, { "'17'", "023137" }, { "ELSE", "67" }, { "NOP10", "b9" },
    };

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void ParseScriptMatchesCore(string text, string hex)
        => Assert.Equal(hex, Hex(ScriptFormat.Parse(text)));

    [Fact]
    public void ParseScriptOfAllCasesJoinedIsTheirConcatenation()
    {
        string allIn = "", allOut = "";
        foreach (var row in ParseCases())
        {
            allIn += " " + (string)row[0] + " ";
            allOut += (string)row[1];
        }
        Assert.Equal(allOut, Hex(ScriptFormat.Parse(allIn)));
    }

    [Theory]
    [InlineData("11111111111111111111", "script parse error: decimal numeric value only allowed in the range -0xFFFFFFFF...0xFFFFFFFF")]
    [InlineData("11111111111", "script parse error: decimal numeric value only allowed in the range -0xFFFFFFFF...0xFFFFFFFF")]
    [InlineData("-4294967296", "script parse error: decimal numeric value only allowed in the range -0xFFFFFFFF...0xFFFFFFFF")]
    [InlineData("OP_CHECKSIGADD", "script parse error: unknown opcode")]
    [InlineData("NOTANOPCODE", "script parse error: unknown opcode")]
    [InlineData("0xabc", "script parse error: unknown opcode")]
    public void ParseScriptRejectsWithCoreMessage(string text, string message)
        => Assert.Equal(message, Assert.Throws<FormatException>(() => ScriptFormat.Parse(text)).Message);

    [Fact]
    public void ParseScriptAcceptsNamesWithAndWithoutPrefixAndWhitespaceKinds()
    {
        Assert.Equal("76a9", Hex(ScriptFormat.Parse("OP_DUP\tHASH160")));
        Assert.Equal("50", Hex(ScriptFormat.Parse("RESERVED")));
        Assert.Equal("05ffffffff00", Hex(ScriptFormat.Parse("4294967295")));
        Assert.Equal("05ffffffff80", Hex(ScriptFormat.Parse("-4294967295")));
        Assert.Equal("5152", Hex(ScriptFormat.Parse("1\n2")));
    }

    [Fact]
    public void EveryScriptInCoreScriptTestsParsesAndFormatRoundTrips()
    {
        int parsed = 0;
        foreach (var row in CoreTestData.LoadArray("script_tests.json"))
        {
            var a = row!.AsArray();
            if (a.Count < 4) continue; // comments
            int offset = a[0] is System.Text.Json.Nodes.JsonArray ? 1 : 0;
            foreach (int column in new[] { offset, offset + 1 })
            {
                string text = (string)a[column]!;
                // Core's script_tests.cpp substitutes #SCRIPT#, #CONTROLBLOCK# and #TAPROOTOUTPUT# before parsing.
                if (text.Contains('#')) continue;
                var script = Record.Exception(() => ScriptFormat.Parse(text)) is { } e
                    ? throw new Xunit.Sdk.XunitException($"'{text}': {e.Message}")
                    : ScriptFormat.Parse(text);
                string formatted = ScriptFormat.Format(script);
                Assert.True(Hex(script) == Hex(ScriptFormat.Parse(formatted)), $"'{text}' formatted as '{formatted}'");
                parsed++;
            }
        }
        Assert.True(parsed > 2000);
    }

    [Fact]
    public void FormatScriptNamesNumbersAndOpcodesAndShowsPushesAsRawHex()
    {
        var p2pkh = Script.FromHex("76a9145dd1d3a048119c27b28293056724d9522f26d94588ac");
        Assert.Equal("DUP HASH160 0x14 0x5dd1d3a048119c27b28293056724d9522f26d945 EQUALVERIFY CHECKSIG", ScriptFormat.Format(p2pkh));
        // Every opcode from NOP to NOP10 is named, OP_RETURN too; others below NOP are raw.
        Assert.Equal("0 -1 1 16 RETURN 0x50", ScriptFormat.Format(Script.FromHex("004f51606a50")));
        Assert.Equal("0x4c02 0xabcd", ScriptFormat.Format(Script.FromHex("4c02abcd")));
        // A truncated push is shown raw and ends the text.
        Assert.Equal("1 0x02ee", ScriptFormat.Format(Script.FromBytesUnsafe(Convert.FromHexString("5102ee"))));
    }

    [Theory]
    [InlineData("5102eeee", "1 -28398")]
    [InlineData("6aee", "OP_RETURN OP_UNKNOWN")]
    [InlineData("6a02ee", "OP_RETURN [error]")]
    [InlineData("5100", "1 0")]
    [InlineData("4f", "-1")]
    [InlineData("0480808080", "-8421504")]
    [InlineData("050000000080", "0000000080")]
    [InlineData("b1b2", "OP_CHECKLOCKTIMEVERIFY OP_CHECKSEQUENCEVERIFY")]
    [InlineData("ba50", "OP_CHECKSIGADD OP_RESERVED")]
    [InlineData("63670320a107b17568", "OP_IF OP_ELSE 500000 OP_CHECKLOCKTIMEVERIFY OP_DROP OP_ENDIF")]
    public void AsmMatchesCore(string hex, string asm)
        => Assert.Equal(asm, ScriptFormat.ToAsm(Convert.FromHexString(hex)));

    private const string Signature = "304502207fa7a6d1e0ee81132a269ad84e68d695483745cde8b541e3bf630749894e342a022100c1f7ab20e13e22fb95281a870f3dcf38d782e53023ee313d741ad0cfbc0c509001";
    private const string PublicKey = "03b0da749730dc9b4b1f4a14d6902877a92541f5368778853d9c4a0cb7802dcfb2";

    [Fact]
    public void AsmWithoutSighashDecodingShowsSignaturesAsHex()
    {
        // rpc_decodescript.py decodescript_script_sig: decodescript never decodes sighash types.
        Assert.Equal(Signature, ScriptFormat.ToAsm(Convert.FromHexString("48" + Signature)));
        Assert.Equal(Signature + " " + PublicKey, ScriptFormat.ToAsm(Convert.FromHexString("48" + Signature + "21" + PublicKey)));
        Assert.Equal("0 " + Signature + " " + Signature, ScriptFormat.ToAsm(Convert.FromHexString("00" + "48" + Signature + "48" + Signature)));
    }

    [Fact]
    public void AsmWithSighashDecodingNamesTheSighashOfStrictDerSignatures()
    {
        string der = Signature[..^2];
        Assert.Equal(der + "[ALL] " + PublicKey,
            ScriptFormat.ToAsm(Convert.FromHexString("48" + Signature + "21" + PublicKey), attemptSighashDecode: true));
        Assert.Equal(der + "[NONE|ANYONECANPAY]", ScriptFormat.ToAsm(Convert.FromHexString("48" + der + "82"), attemptSighashDecode: true));
        Assert.Equal(der + "[SINGLE]", ScriptFormat.ToAsm(Convert.FromHexString("48" + der + "03"), attemptSighashDecode: true));
        // An undefined sighash byte is left in the hex.
        Assert.Equal(der + "04", ScriptFormat.ToAsm(Convert.FromHexString("48" + der + "04"), attemptSighashDecode: true));
        // A push that is not a strict DER signature (here its R length is one byte too long) is plain hex.
        Assert.Equal("3011020801010101010101020601010101010101",
            ScriptFormat.ToAsm(Convert.FromHexString("143011020801010101010101020601010101010101"), attemptSighashDecode: true));
        // The smallest well-formed DER signature is decoded...
        Assert.Equal("30110207010101010101010206010101010101[ALL|ANYONECANPAY]",
            ScriptFormat.ToAsm(Convert.FromHexString("143011020701010101010101020601010101010181"), attemptSighashDecode: true));
        // ...but nothing is in a script that starts with OP_RETURN (rpc_decodescript.py's crafted scriptSig).
        Assert.Equal("OP_RETURN 3011020701010101010101020601010101010101",
            ScriptFormat.ToAsm(Convert.FromHexString("6a143011020701010101010101020601010101010101"), attemptSighashDecode: true));
        Assert.Equal("OP_RETURN " + Signature, ScriptFormat.ToAsm(Convert.FromHexString("6a48" + Signature), attemptSighashDecode: true));
    }

    private static string Hex(Script s) => Convert.ToHexString(s.ToBytes(true)).ToLowerInvariant();
}
