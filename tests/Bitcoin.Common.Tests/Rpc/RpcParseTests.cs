using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>Core's rpc_parse_monetary_values and the messages of ParseHashV / ParseHexV and friends.</summary>
public class RpcParseTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.00000000", 0L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("0.17622195", 17622195L)]
    [InlineData("0.5", 50000000L)]
    [InlineData("0.50000000", 50000000L)]
    [InlineData("0.89898989", 89898989L)]
    [InlineData("1.00000000", 100000000L)]
    [InlineData("20999999.9999999", 2099999999999990L)]
    [InlineData("20999999.99999999", 2099999999999999L)]
    [InlineData("1e-8", 1L)]
    [InlineData("0.1e-7", 1L)]
    [InlineData("0.01e-6", 1L)]
    [InlineData("0.00000000000000000000000000000000000001e+30", 1L)]
    [InlineData("0.0000000000000000000000000000000000000000000000000000000000000000000000000001e+68", 1L)]
    [InlineData("10000000000000000000000000000000000000000000000000000000000000000e-64", 100000000L)]
    [InlineData("0.000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000e64", 100000000L)]
    [InlineData("0.00000001000000", 1L)]
    [InlineData("0.19e-6", 19L)]
    public void AmountParsesCoreVectors(string text, long expected)
        => Assert.Equal(expected, RpcParse.Amount(JsonNumbers.FromText(text)));

    [Theory]
    [InlineData("-0.00000001", "Amount out of range")]
    [InlineData("1e-9", "Invalid amount")]
    [InlineData("0.000000019", "Invalid amount")]
    [InlineData("19e-9", "Invalid amount")]
    [InlineData("92233720368.54775808", "Invalid amount")]
    [InlineData("1e+11", "Invalid amount")]
    [InlineData("1e11", "Invalid amount")]
    [InlineData("93e+9", "Invalid amount")]
    [InlineData("21000000.00000001", "Amount out of range")]
    public void AmountRejectsCoreVectors(string text, string message)
    {
        var e = Assert.Throws<RpcException>(() => RpcParse.Amount(JsonNumbers.FromText(text)));
        Assert.Equal(-3, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void AmountAcceptsStringsAndRejectsOtherTypes()
    {
        Assert.Equal(150000000L, RpcParse.Amount(JsonValue.Create("1.5")));
        Assert.Equal("Invalid amount", Assert.Throws<RpcException>(() => RpcParse.Amount(JsonValue.Create(".19e-6"))).Message);
        Assert.Equal("Amount is not a number or string", Assert.Throws<RpcException>(() => RpcParse.Amount(JsonValue.Create(true))).Message);
        Assert.Equal("Amount is not a number or string", Assert.Throws<RpcException>(() => RpcParse.Amount(null)).Message);
    }

    [Fact]
    public void FeeRateOfOneBitcoinPerKvBIsRejected()
    {
        Assert.Equal(1000L, RpcParse.FeeRate(JsonNumbers.FromText("0.00001")).FeePerK.Satoshi);
        var e = Assert.Throws<RpcException>(() => RpcParse.FeeRate(JsonNumbers.FromText("1")));
        Assert.Equal(-8, e.Code);
        Assert.Equal("Fee rates larger than or equal to 1BTC/kvB are not accepted", e.Message);
    }

    [Fact]
    public void HashMessagesNameTheParameter()
    {
        string hash = "00000000000000000000000000000000000000000000000000000000000000ff";
        Assert.Equal(hash, RpcParse.Hash(JsonValue.Create(hash), "blockhash").ToString());
        var e = Assert.Throws<RpcException>(() => RpcParse.Hash(JsonValue.Create("abc"), "blockhash"));
        Assert.Equal(-8, e.Code);
        Assert.Equal("blockhash must be of length 64 (not 3, for 'abc')", e.Message);
        string bad = new('z', 64);
        Assert.Equal($"blockhash must be hexadecimal string (not '{bad}')", Assert.Throws<RpcException>(() => RpcParse.Hash(JsonValue.Create(bad), "blockhash")).Message);
        Assert.Equal("JSON value of type number is not of expected type string", Assert.Throws<JsonTypeException>(() => RpcParse.Hash(JsonValue.Create(1), "blockhash")).Message);
    }

    [Fact]
    public void HexRequiresEvenLengthHexString()
    {
        Assert.Equal(new byte[] { 0xab, 0xcd }, RpcParse.Hex(JsonValue.Create("abCD"), "data"));
        Assert.Equal("data must be hexadecimal string (not 'abc')", Assert.Throws<RpcException>(() => RpcParse.Hex(JsonValue.Create("abc"), "data")).Message);
        Assert.Equal("data must be hexadecimal string (not '')", Assert.Throws<RpcException>(() => RpcParse.Hex(JsonValue.Create(5), "data")).Message);
    }

    [Fact]
    public void VerbosityAcceptsBooleansOnlyWhenAllowed()
    {
        Assert.Equal(1, RpcParse.Verbosity(null, 1, allowBool: false));
        Assert.Equal(1, RpcParse.Verbosity(JsonValue.Create(true), 0, allowBool: true));
        Assert.Equal(2, RpcParse.Verbosity(JsonValue.Create(2), 0, allowBool: false));
        Assert.Equal("Verbosity was boolean but only integer allowed",
            Assert.Throws<RpcException>(() => RpcParse.Verbosity(JsonValue.Create(false), 0, allowBool: false)).Message);
    }

    [Fact]
    public void DescriptorRangeChecksBounds()
    {
        Assert.Equal((0L, 5L), RpcParse.DescriptorRange(JsonValue.Create(5)));
        Assert.Equal((2L, 5L), RpcParse.DescriptorRange(JsonText.Parse("[2,5]")));
        Assert.Equal("Range specified as [begin,end] must not have begin after end", Assert.Throws<RpcException>(() => RpcParse.DescriptorRange(JsonText.Parse("[5,2]"))).Message);
        Assert.Equal("Range should be greater or equal than 0", Assert.Throws<RpcException>(() => RpcParse.DescriptorRange(JsonText.Parse("[-1,2]"))).Message);
        Assert.Equal("Range is too large", Assert.Throws<RpcException>(() => RpcParse.DescriptorRange(JsonText.Parse("[0,1000000]"))).Message);
        Assert.Equal("Range must be specified as end or as [begin,end]", Assert.Throws<RpcException>(() => RpcParse.DescriptorRange(JsonValue.Create("x"))).Message);
    }

    [Fact]
    public void CheckObjectReportsMissingWrongAndUnexpectedKeys()
    {
        var expected = new Dictionary<string, JsonKind?> { ["txid"] = JsonKind.String, ["vout"] = JsonKind.Number };
        Assert.Equal("Missing vout", Assert.Throws<RpcException>(() => RpcParse.CheckObject(JsonText.Parse("{\"txid\":\"a\"}"), expected)).Message);
        Assert.Equal("JSON value of type string for field vout is not of expected type number",
            Assert.Throws<RpcException>(() => RpcParse.CheckObject(JsonText.Parse("{\"txid\":\"a\",\"vout\":\"1\"}"), expected)).Message);
        Assert.Equal("Unexpected key x",
            Assert.Throws<RpcException>(() => RpcParse.CheckObject(JsonText.Parse("{\"txid\":\"a\",\"vout\":1,\"x\":1}"), expected, strict: true)).Message);
    }
}
