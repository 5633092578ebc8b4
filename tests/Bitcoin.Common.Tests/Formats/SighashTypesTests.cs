using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's SighashFromStr / ParseSighashString / SighashToStr.</summary>
public class SighashTypesTests
{
    [Theory]
    [InlineData("DEFAULT", 0x00)]
    [InlineData("ALL", 0x01)]
    [InlineData("NONE", 0x02)]
    [InlineData("SINGLE", 0x03)]
    [InlineData("ALL|ANYONECANPAY", 0x81)]
    [InlineData("NONE|ANYONECANPAY", 0x82)]
    [InlineData("SINGLE|ANYONECANPAY", 0x83)]
    public void NamesParseToTheirValues(string name, int value)
    {
        Assert.Equal(value, SighashTypes.ParseArgument(JsonValue.Create(name)));
        if (value != 0) Assert.Equal(name, SighashTypes.ToName((byte)value));
    }

    [Theory]
    [InlineData("all")]
    [InlineData("ANYONECANPAY")]
    [InlineData("ALL|NONE")]
    [InlineData("")]
    public void UnknownNamesAreCoreErrors(string name)
        => FormatsTestData.AssertRpcError(RpcErrorCode.InvalidParameter, $"'{name}' is not a valid sighash parameter.",
            () => SighashTypes.ParseArgument(JsonValue.Create(name)));

    [Fact]
    public void MissingArgumentMeansDefaultAndNonStringsAreTypeErrors()
    {
        Assert.Null(SighashTypes.ParseArgument(null));
        Assert.Throws<JsonTypeException>(() => SighashTypes.ParseArgument(JsonValue.Create(1)));
        Assert.Equal("", SighashTypes.ToName(0x00));
        Assert.Equal("", SighashTypes.ToName(0x04));
    }
}
