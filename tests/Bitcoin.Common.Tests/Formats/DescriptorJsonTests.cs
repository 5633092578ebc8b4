using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Common.Tests.Formats.FormatsTestData;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's getdescriptorinfo and deriveaddresses (rpc_getdescriptorinfo.py, rpc_deriveaddresses.py) on regtest.</summary>
public class DescriptorJsonTests
{
    private const string Tpub = "tpubD6NzVbkrYhZ4WaWSyoBvQwbpLkojyoTZPRsgXELWz3Popb3qkjcJyJUGLnL4qHHoQvao8ESaAstxYSnhyswJ76uZPStJRJCTKvosUCJZL5B";
    private const string Tprv = "tprv8ZgxMBicQKsPd7Uf69XL1XwhmjHopUGep8GuEiJDZmbQz6o58LninorQAfcKZWARbtRtfnLcJ5MQ2AtHcQJCCRUcMRvmDUjyEmNUWwx8UbK";
    private const string Address = "bcrt1qjqmxmkpmxt80xz4y3746zgt0q3u3ferr34acd5";

    public static TheoryData<string, bool> InfoCases() => new()
    {
        { "pk(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)", false },
        { "pkh(02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5)", false },
        { "wpkh(02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9)", false },
        { "sh(wpkh(03fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556))", false },
        { "combo(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)", false },
        { "sh(wsh(pkh(02e493dbf1c10d80f3581e4904930b1404cc6c13900ee0758474fa94abe8c4cd13)))", false },
        { "multi(1,022f8bde4d1a07209355b4a7250a5c5128e88b84bddc619ab7cba8d569b240efe4,025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc)", false },
        { "sh(multi(2,022f01e5e15cca351daff3843fb70f3c2f0a1bdd05e5af888a67784ef3e10a2a01,03acd484e2f0c7f65309ad178a9f559abde09796974c57e714c35f110dfc27ccbe))", false },
        { "wsh(multi(2,03a0434d9e47f3c86235477c7b1ae6ae5d3442d49b1943c2b752a68e2a47e247c7,03774ae7f858a9411e5ef4246b70c65aac5649980be5c17891bbec17895da008cb,03d01115d548e7561b15c38f004d734633687cf4419620095bc5b0f47070afe85a))", false },
        { "sh(wsh(multi(1,03f28773c2d975288bc7d1d205c3748651b075fbc6610e58cddeeddf8f19405aa8,03499fdf9e895e719cfd64e67f07d38e3226aa7b63678949e6e49b241a60e823e4,02d7924d4f7d43ea965a465ae3095ff41131e5946f3c85f79e44adbcf8e27e080e)))", false },
        { $"pk({Tpub})", false },
        { $"pkh({Tpub}/1h/2)", false },
        { $"pkh([d34db33f/44h/0h/0h]{Tpub}/1/*)", true },
        { $"wsh(multi(1,{Tpub}/1/0/*,{Tpub}/0/0/*))", true },
    };

    [Theory]
    [MemberData(nameof(InfoCases))]
    public void GetDescriptorInfoMatchesCore(string desc, bool isRange)
    {
        var info = DescriptorJson.GetDescriptorInfo(desc, Network.RegTest);
        Assert.Equal(Write(info), Write(DescriptorJson.GetDescriptorInfo(DescriptorChecksum.Add(desc), Network.RegTest)));
        Assert.Equal(["descriptor", "checksum", "isrange", "issolvable", "hasprivatekeys"], info.Select(p => p.Key));
        Assert.Equal(DescriptorChecksum.Add(desc), (string)info["descriptor"]!);
        Assert.Equal(isRange, (bool)info["isrange"]!);
        Assert.True((bool)info["issolvable"]!);
        Assert.False((bool)info["hasprivatekeys"]!);
    }

    [Fact]
    public void GetDescriptorInfoKnownChecksums()
    {
        Assert.Equal("pk(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)#gn28ywm7",
            (string)DescriptorJson.GetDescriptorInfo("pk(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)", Network.RegTest)["descriptor"]!);
        Assert.Equal("pkf8x6xf", (string)DescriptorJson.GetDescriptorInfo($"pkh([d34db33f/44h/0h/0h]{Tpub}/1/*)", Network.RegTest)["checksum"]!);
    }

    [Fact]
    public void MultipathDescriptorsListTheirExpansion()
    {
        var info = DescriptorJson.GetDescriptorInfo($"wpkh({Tpub}/<0;1>/*)", Network.RegTest);
        Assert.Equal(["descriptor", "multipath_expansion", "checksum", "isrange", "issolvable", "hasprivatekeys"], info.Select(p => p.Key));
        Assert.Equal(DescriptorChecksum.Add($"wpkh({Tpub}/0/*)"), (string)info["descriptor"]!);
        Assert.Equal([DescriptorChecksum.Add($"wpkh({Tpub}/0/*)"), DescriptorChecksum.Add($"wpkh({Tpub}/1/*)")],
            info["multipath_expansion"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("0pfxqzvr", (string)info["checksum"]!);

        var multi = DescriptorJson.GetDescriptorInfo($"wsh(multi(1,{Tpub}/<1;2>/0/*,{Tpub}/<2;3>/0/*))", Network.RegTest);
        Assert.Equal([DescriptorChecksum.Add($"wsh(multi(1,{Tpub}/1/0/*,{Tpub}/2/0/*))"), DescriptorChecksum.Add($"wsh(multi(1,{Tpub}/2/0/*,{Tpub}/3/0/*))")],
            multi["multipath_expansion"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void GetDescriptorInfoReportsPrivateKeysButShowsThePublicForm()
    {
        var info = DescriptorJson.GetDescriptorInfo($"wpkh({Tprv}/1/1/0)", Network.RegTest);
        Assert.True((bool)info["hasprivatekeys"]!);
        Assert.Equal(DescriptorChecksum.Add($"wpkh({Tpub}/1/1/0)"), (string)info["descriptor"]!);
    }

    [Theory]
    [InlineData("", "'' is not a valid descriptor function")]
    [InlineData("pk( 0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)", "pk(): Key ' 0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798' is invalid due to whitespace")]
    [InlineData("pk(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798 )", "pk(): Key '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798 ' is invalid due to whitespace")]
    [InlineData("wsh(multi(2, 03a0434d9e47f3c86235477c7b1ae6ae5d3442d49b1943c2b752a68e2a47e247c7,03774ae7f858a9411e5ef4246b70c65aac5649980be5c17891bbec17895da008cb,03d01115d548e7561b15c38f004d734633687cf4419620095bc5b0f47070afe85a))", "Multi: Key ' 03a0434d9e47f3c86235477c7b1ae6ae5d3442d49b1943c2b752a68e2a47e247c7' is invalid due to whitespace")]
    [InlineData("wsh(multi(2,03a0434d9e47f3c86235477c7b1ae6ae5d3442d49b1943c2b752a68e2a47e247c7, 03774ae7f858a9411e5ef4246b70c65aac5649980be5c17891bbec17895da008cb,03d01115d548e7561b15c38f004d734633687cf4419620095bc5b0f47070afe85a))", "Multi: Key ' 03774ae7f858a9411e5ef4246b70c65aac5649980be5c17891bbec17895da008cb' is invalid due to whitespace")]
    [InlineData("pk( cVKpPfVKSJxKqVpE9awvXNWuLHCa5j5tiE7K6zbUSptFpTEtiFrA)", "pk(): Key ' cVKpPfVKSJxKqVpE9awvXNWuLHCa5j5tiE7K6zbUSptFpTEtiFrA' is invalid due to whitespace")]
    public void GetDescriptorInfoParseErrorsAreCores(string desc, string message)
        => AssertRpcError(RpcErrorCode.InvalidAddressOrKey, message, () => DescriptorJson.GetDescriptorInfo(desc, Network.RegTest));

    [Fact]
    public void DeriveAddressesRequiresChecksum()
    {
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Missing checksum", () => DescriptorJson.DeriveAddresses("a", null, Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Missing checksum", () => DescriptorJson.DeriveAddresses($"wpkh({Tprv}/1/1/0)", null, Network.RegTest));
    }

    [Fact]
    public void DeriveAddressesOfFixedDescriptors()
    {
        Assert.Equal([Address], Strings(DescriptorJson.DeriveAddresses($"wpkh({Tprv}/1/1/0)#t6wfjs64", null, Network.RegTest)));
        Assert.Equal([Address], Strings(DescriptorJson.DeriveAddresses($"wpkh({Tpub}/1/1/0)#s9ga3alw", null, Network.RegTest)));
        // combo skips its P2PK script, which has no address.
        Assert.Equal(["mtfUoUax9L4tzXARpw1oTGxWyoogp52KhJ", Address, "2NDvEwGfpEqJWfybzpKPHF2XH3jwoQV3D7x"],
            Strings(DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"combo({Tprv}/1/1/0)"), null, Network.RegTest)));
    }

    [Fact]
    public void DeriveAddressesOverRanges()
    {
        string ranged = $"wpkh({Tprv}/1/1/*)#kft60nuy";
        Assert.Equal(["bcrt1qhku5rq7jz8ulufe2y6fkcpnlvpsta7rq4442dy", "bcrt1qpgptk2gvshyl0s9lqshsmx932l9ccsv265tvaq"],
            Strings(DescriptorJson.DeriveAddresses(ranged, ParseJson("[1,2]"), Network.RegTest)));
        Assert.Equal([Address, "bcrt1qhku5rq7jz8ulufe2y6fkcpnlvpsta7rq4442dy", "bcrt1qpgptk2gvshyl0s9lqshsmx932l9ccsv265tvaq"],
            Strings(DescriptorJson.DeriveAddresses(ranged, JsonValue.Create(2), Network.RegTest)));
        Assert.Equal(["bcrt1qtzs23vgzpreks5gtygwxf8tv5rldxvvsyfpdkg"],
            Strings(DescriptorJson.DeriveAddresses(ranged, ParseJson("[2147483647,2147483647]"), Network.RegTest)));

        var multipath = DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"wpkh({Tprv}/1/<0;1>/*)"), ParseJson("[1,2]"), Network.RegTest);
        Assert.Equal("[[\"bcrt1q7c8mdmdktrzs8xgpjmqw90tjn65j5a3yj04m3n\",\"bcrt1qs6n37uzu0v0qfzf0r0csm0dwa7prc0v5uavgy0\"],[\"bcrt1qhku5rq7jz8ulufe2y6fkcpnlvpsta7rq4442dy\",\"bcrt1qpgptk2gvshyl0s9lqshsmx932l9ccsv265tvaq\"]]",
            Write(multipath));
    }

    [Fact]
    public void DeriveAddressesRangeErrorsAreCores()
    {
        string unranged = DescriptorChecksum.Add($"wpkh({Tprv}/1/1/0)");
        string ranged = DescriptorChecksum.Add($"wpkh({Tprv}/1/1/*)");
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range should not be specified for an un-ranged descriptor", () => DescriptorJson.DeriveAddresses(unranged, ParseJson("[0,2]"), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range must be specified for a ranged descriptor", () => DescriptorJson.DeriveAddresses(ranged, null, Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "End of range is too high", () => DescriptorJson.DeriveAddresses(ranged, JsonValue.Create(10000000000L), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range is too large", () => DescriptorJson.DeriveAddresses(ranged, ParseJson("[1000000000,2000000000]"), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range specified as [begin,end] must not have begin after end", () => DescriptorJson.DeriveAddresses(ranged, ParseJson("[2,0]"), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range should be greater or equal than 0", () => DescriptorJson.DeriveAddresses(ranged, ParseJson("[-1,0]"), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range must be specified as end or as [begin,end]", () => DescriptorJson.DeriveAddresses(ranged, ParseJson("[1]"), Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Range must be specified as end or as [begin,end]", () => DescriptorJson.DeriveAddresses(ranged, JsonValue.Create("1"), Network.RegTest));
    }

    [Fact]
    public void DeriveAddressesErrorsForScriptsWithoutAddressesOrKeys()
    {
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Descriptor does not have a corresponding address",
            () => DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"pk({Tprv})"), null, Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Cannot derive script without private keys",
            () => DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"wpkh({Tpub}/1'/1/0)"), null, Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Descriptor does not have a corresponding address",
            () => DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"multi(1,{Tpub}/1/1/0,{Tpub}/1/1/1)"), null, Network.RegTest));
    }

    private static string[] Strings(JsonArray array) => array.Select(n => (string)n!).ToArray();
}
