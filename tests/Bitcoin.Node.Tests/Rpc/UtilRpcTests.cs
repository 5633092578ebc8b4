using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Node.Tests.Rpc.Support;

namespace Bitcoin.Node.Tests.Rpc;

// Ports of checks from Core's rpc_deriveaddresses.py, rpc_getdescriptorinfo.py, rpc_createmultisig.py and
// rpc_validateaddress.py (on regtest).
public sealed class UtilRpcTests
{
    private const string Tprv = "tprv8ZgxMBicQKsPd7Uf69XL1XwhmjHopUGep8GuEiJDZmbQz6o58LninorQAfcKZWARbtRtfnLcJ5MQ2AtHcQJCCRUcMRvmDUjyEmNUWwx8UbK";

    [Fact]
    public async Task DeriveAddressesGivesCoresAddresses()
    {
        using var node = new RegtestNode();

        Assert.Equal(["bcrt1qjqmxmkpmxt80xz4y3746zgt0q3u3ferr34acd5"],
            (await node.CallAsync("deriveaddresses", $"wpkh({Tprv}/1/1/0)#t6wfjs64")).GetArr().Select(a => a.GetStr()));
        Assert.Equal(["bcrt1qhku5rq7jz8ulufe2y6fkcpnlvpsta7rq4442dy", "bcrt1qpgptk2gvshyl0s9lqshsmx932l9ccsv265tvaq"],
            (await node.CallAsync("deriveaddresses", $"wpkh({Tprv}/1/1/*)#kft60nuy", new JsonArray(1, 2))).GetArr().Select(a => a.GetStr()));

        var error = await node.CallErrorAsync("deriveaddresses", "a");
        Assert.Equal((-5, "Missing checksum"), (error.Code, error.Message));
        error = await node.CallErrorAsync("deriveaddresses", $"wpkh({Tprv}/1/1/*)#kft60nuy");
        Assert.Equal((-8, "Range must be specified for a ranged descriptor"), (error.Code, error.Message));
        error = await node.CallErrorAsync("deriveaddresses", $"wpkh({Tprv}/1/1/*)#kft60nuy", new JsonArray(2, 0));
        Assert.Equal((-8, "Range specified as [begin,end] must not have begin after end"), (error.Code, error.Message));
    }

    [Fact]
    public async Task DescriptorInfoAddsTheChecksumAndReportsParseErrors()
    {
        using var node = new RegtestNode();
        const string key = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

        var info = await node.CallAsync("getdescriptorinfo", $"pk({key})");
        Assert.Equal($"pk({key})#", info.Find("descriptor").GetStr()[..^8]);
        Assert.Equal(8, info.Find("checksum").GetStr().Length);
        Assert.False(info.Find("isrange").GetBool());
        Assert.True(info.Find("issolvable").GetBool());
        Assert.False(info.Find("hasprivatekeys").GetBool());

        var error = await node.CallErrorAsync("getdescriptorinfo", "");
        Assert.Equal((-5, "'' is not a valid descriptor function"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getdescriptorinfo", $"pk( {key})");
        Assert.Equal((-5, $"pk(): Key ' {key}' is invalid due to whitespace"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getdescriptorinfo", 1);
        Assert.Equal(-3, error.Code);
        Assert.Contains("JSON value of type number is not of expected type string", error.Message);
    }

    [Fact]
    public async Task CreateMultisigBuildsTheAddressAndDescriptor()
    {
        using var node = new RegtestNode();
        var keys = new JsonArray(
            "03789ed0bb717d88f7d321a368d905e7430207ebbd82bd342cf11ae157a7ace5fd",
            "03dbc6764b8884a92e871274b87583e6d5c2a58819473e17e107ef3f6aa5a61626");

        var legacy = await node.CallAsync("createmultisig", 2, keys);
        Assert.StartsWith("2", legacy.Find("address").GetStr());
        Assert.StartsWith("sh(multi(2,", legacy.Find("descriptor").GetStr());
        Assert.StartsWith("5221", legacy.Find("redeemScript").GetStr());
        Assert.Null(legacy.Find("warnings"));
        var bech32 = await node.CallAsync("createmultisig", 2, keys, "bech32");
        Assert.StartsWith("bcrt1", bech32.Find("address").GetStr());

        var error = await node.CallErrorAsync("createmultisig", 2, keys, "bech32m");
        Assert.Equal((-5, "createmultisig cannot create bech32m multisig addresses"), (error.Code, error.Message));
        error = await node.CallErrorAsync("createmultisig", 2, keys, "foo");
        Assert.Equal((-5, "Unknown address type 'foo'"), (error.Code, error.Message));
    }

    [Fact]
    public async Task ValidateAddressDescribesValidAddressesAndLocatesErrors()
    {
        using var node = new RegtestNode();

        var valid = await node.CallAsync("validateaddress", "bcrt1qjqmxmkpmxt80xz4y3746zgt0q3u3ferr34acd5");
        Assert.True(valid.Find("isvalid").GetBool());
        Assert.True(valid.Find("iswitness").GetBool());
        Assert.Equal(0, valid.Find("witness_version").GetInt32());
        Assert.Equal("0014" + valid.Find("witness_program").GetStr(), valid.Find("scriptPubKey").GetStr());

        var invalid = await node.CallAsync("validateaddress", "bcrt1qjqmxmkpmxt80xz4y3746zgt0q3u3ferr34acd6");
        Assert.False(invalid.Find("isvalid").GetBool());
        Assert.False(string.IsNullOrEmpty(invalid.Find("error").GetStr()));
        Assert.Equal(["isvalid", "error_locations", "error"], invalid.GetObj().Select(kv => kv.Key));
    }
}
