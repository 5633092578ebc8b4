using Bitcoin.Common.Formats;
using Bitcoin.Common.Tests.Addresses;
using NBitcoin;
using static Bitcoin.Common.Tests.Formats.FormatsTestData;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's validateaddress result (rpc_validateaddress.py) and DescribeAddress fields.</summary>
public class AddressJsonTests
{
    [Theory]
    [MemberData(nameof(AddressDecodeErrorTests.Invalid), MemberType = typeof(AddressDecodeErrorTests))]
    public void InvalidAddressesShowErrorAndLocations(string address, string error, int[] locations)
    {
        var result = AddressJson.ValidateAddress(address, Network.Main);
        Assert.Equal(["isvalid", "error_locations", "error"], result.Select(p => p.Key));
        Assert.False((bool)result["isvalid"]!);
        Assert.Equal(error, (string)result["error"]!);
        Assert.Equal(locations, result["error_locations"]!.AsArray().Select(n => (int)n!));
    }

    [Theory]
    [MemberData(nameof(AddressDecodeErrorTests.Valid), MemberType = typeof(AddressDecodeErrorTests))]
    public void ValidAddressesShowTheirScript(string address, string scriptPubKey)
    {
        var result = AddressJson.ValidateAddress(address, Network.Main);
        Assert.True((bool)result["isvalid"]!);
        Assert.Equal(scriptPubKey, (string)result["scriptPubKey"]!);
        Assert.False(result.ContainsKey("error"));
        Assert.False(result.ContainsKey("error_locations"));
    }

    [Theory]
    [InlineData("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "{\"isvalid\":true,\"address\":\"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2\",\"scriptPubKey\":\"76a91477bff20c60e522dfaa3350c39b030a5d004e839a88ac\",\"isscript\":false,\"iswitness\":false}")]
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "{\"isvalid\":true,\"address\":\"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy\",\"scriptPubKey\":\"a914b472a266d0bd89c13706a4132ccfb16f7c3b9fcb87\",\"isscript\":true,\"iswitness\":false}")]
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "{\"isvalid\":true,\"address\":\"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\",\"scriptPubKey\":\"0014751e76e8199196d454941c45d1b3a323f1433bd6\",\"isscript\":false,\"iswitness\":true,\"witness_version\":0,\"witness_program\":\"751e76e8199196d454941c45d1b3a323f1433bd6\"}")]
    [InlineData("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        "{\"isvalid\":true,\"address\":\"bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3\",\"scriptPubKey\":\"00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262\",\"isscript\":true,\"iswitness\":true,\"witness_version\":0,\"witness_program\":\"1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262\"}")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "{\"isvalid\":true,\"address\":\"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0\",\"scriptPubKey\":\"512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798\",\"isscript\":true,\"iswitness\":true,\"witness_version\":1,\"witness_program\":\"79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798\"}")]
    [InlineData("bc1sw50qgdz25j",
        "{\"isvalid\":true,\"address\":\"bc1sw50qgdz25j\",\"scriptPubKey\":\"6002751e\",\"iswitness\":true,\"witness_version\":16,\"witness_program\":\"751e\"}")]
    [InlineData("bc1pfeessrawgf",
        "{\"isvalid\":true,\"address\":\"bc1pfeessrawgf\",\"scriptPubKey\":\"51024e73\",\"isscript\":true,\"iswitness\":true}")]
    public void ValidAddressObjectsAreWrittenAsCore(string address, string json)
        => Assert.Equal(json, Write(AddressJson.ValidateAddress(address, Network.Main)));

    [Fact]
    public void AddressesOfAnotherNetworkAreInvalid()
    {
        var result = AddressJson.ValidateAddress("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", Network.Main);
        Assert.False((bool)result["isvalid"]!);
        Assert.True((bool)AddressJson.ValidateAddress("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", Network.RegTest)["isvalid"]!);
    }
}
