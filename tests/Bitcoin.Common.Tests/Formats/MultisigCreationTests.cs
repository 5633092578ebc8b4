using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Common.Tests.Formats.FormatsTestData;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's createmultisig (rpc_createmultisig.py) and the BIP 67 sortedmulti vectors, on regtest.</summary>
public class MultisigCreationTests
{
    private static readonly Key[] Keys = Enumerable.Range(1, 21).Select(i => new Key(Enumerable.Repeat((byte)i, 32).ToArray())).ToArray();
    private static readonly string[] PubKeys = Keys.Select(k => k.PubKey.ToHex()).ToArray();

    [Theory]
    [InlineData(2, 3, "legacy")]
    [InlineData(3, 3, "p2sh-segwit")]
    [InlineData(2, 5, "bech32")]
    [InlineData(10, 15, "legacy")]
    [InlineData(15, 15, "bech32")]
    [InlineData(16, 20, "p2sh-segwit")]
    [InlineData(16, 20, "bech32")]
    public void ResultHasAddressRedeemScriptAndDescriptor(int required, int count, string type)
    {
        var keys = PubKeys[..count];
        var result = MultisigCreation.CreateMultisig(required, keys, type, Network.RegTest);
        Assert.Equal(["address", "redeemScript", "descriptor"], result.Select(p => p.Key));

        string inner = $"multi({required},{string.Join(",", keys)})";
        string desc = type switch { "legacy" => $"sh({inner})", "p2sh-segwit" => $"sh(wsh({inner}))", _ => $"wsh({inner})" };
        Assert.Equal(DescriptorChecksum.Add(desc), (string)result["descriptor"]!);

        Assert.Equal(MultisigScriptHex(required, keys), (string)result["redeemScript"]!);
        var redeem = new Script(Convert.FromHexString((string)result["redeemScript"]!));
        var expected = type switch
        {
            "legacy" => redeem.Hash.GetAddress(Network.RegTest),
            "p2sh-segwit" => redeem.WitHash.ScriptPubKey.Hash.GetAddress(Network.RegTest),
            _ => (BitcoinAddress)redeem.WitHash.GetAddress(Network.RegTest),
        };
        Assert.Equal(expected.ToString(), (string)result["address"]!);
        if (type == "bech32") Assert.StartsWith("bcrt", (string)result["address"]!);
    }

    [Fact]
    public void RedeemScriptEncodesEveryKeyCount()
    {
        for (int n = 1; n <= 20; n++)
        {
            var keys = Enumerable.Repeat(PubKeys[0], n).ToArray();
            var result = MultisigCreation.CreateMultisig(n, keys, "bech32", Network.RegTest);
            Assert.Equal(MultisigScriptHex(n, keys), (string)result["redeemScript"]!);
            if (n <= 16)
                Assert.Equal(PayToMultiSigTemplate.Instance.GenerateScriptPubKey(n, keys.Select(k => new PubKey(k)).ToArray()).ToHex(), (string)result["redeemScript"]!);
        }
    }

    [Fact]
    public void ErrorsAreCores()
    {
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "createmultisig cannot create bech32m multisig addresses",
            () => MultisigCreation.CreateMultisig(2, PubKeys[..3], "bech32m", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Unknown address type 'foo'",
            () => MultisigCreation.CreateMultisig(2, PubKeys[..3], "foo", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "redeemScript exceeds size limit: 684 > 520",
            () => MultisigCreation.CreateMultisig(16, PubKeys[..20], "legacy", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "redeemScript exceeds size limit: 684 > 520",
            () => MultisigCreation.CreateMultisig(16, PubKeys[..20], null, Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Number of keys involved in the multisignature address creation > 20\nReduce the number",
            () => MultisigCreation.CreateMultisig(16, PubKeys, "p2sh-segwit", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "Number of keys involved in the multisignature address creation > 20\nReduce the number",
            () => MultisigCreation.CreateMultisig(16, PubKeys, "bech32", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "a multisignature address must require at least one key to redeem",
            () => MultisigCreation.CreateMultisig(0, PubKeys[..3], "legacy", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidParameter, "not enough keys supplied (got 3 keys, but need at least 4 to redeem)",
            () => MultisigCreation.CreateMultisig(4, PubKeys[..3], "legacy", Network.RegTest));
        AssertRpcError(RpcErrorCode.InvalidAddressOrKey, "Pubkey \"zz\" must be a hex string",
            () => MultisigCreation.CreateMultisig(1, ["zz"], "legacy", Network.RegTest));
    }

    [Fact]
    public void UncompressedKeysForceLegacyWithAWarning()
    {
        string uncompressed = Keys[2].PubKey.Decompress().ToHex();
        string[] mixed = [PubKeys[0], PubKeys[1], uncompressed];
        foreach (var keys in Permutations(mixed))
        {
            var legacy = MultisigCreation.CreateMultisig(2, keys, "legacy", Network.RegTest);
            Assert.False(legacy.ContainsKey("warnings"));
            foreach (string type in new[] { "bech32", "p2sh-segwit" })
            {
                var result = MultisigCreation.CreateMultisig(2, keys, type, Network.RegTest);
                Assert.Equal((string)legacy["address"]!, (string)result["address"]!);
                Assert.Equal(["address", "redeemScript", "descriptor", "warnings"], result.Select(p => p.Key));
                Assert.Equal("[\"Unable to make chosen address type, please ensure no uncompressed public keys are present.\"]", Write(result["warnings"]));
                Assert.StartsWith("sh(multi(2,", (string)result["descriptor"]!);
            }
        }
    }

    [Fact]
    public void SortedMultiFollowsBip67()
    {
        foreach (var vector in LoadArray("rpc_bip67.json"))
        {
            string keys = string.Join(",", vector!["keys"]!.AsArray().Select(k => (string)k!));
            string sortedKeys = string.Join(",", vector["sorted_keys"]!.AsArray().Select(k => (string)k!));
            string address = (string)vector["address"]!;
            Assert.Equal(address, (string)DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"sh(sortedmulti(2,{keys}))"), null, Network.RegTest)[0]!);
            Assert.Equal(address, (string)DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"sh(multi(2,{sortedKeys}))"), null, Network.RegTest)[0]!);

            var provider = new FlatSigningProvider();
            var desc = Descriptor.Parse($"sh(sortedmulti(2,{keys}))", Network.RegTest, provider)[0];
            Assert.True(desc.Expand(0, provider, out _, provider));
            Assert.Contains(provider.Scripts.Values, s => s.ToHex() == (string)vector["script"]!);
        }
    }

    // Numbers up to 16 are OP_N, larger ones a one-byte push (as the test framework's CScript encodes them).
    private static string MultisigScriptHex(int required, string[] keys)
    {
        static string Number(int n) => n <= 16 ? (0x50 + n).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)
            : "01" + n.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
        return Number(required) + string.Concat(keys.Select(k => "21" + k)) + Number(keys.Length) + "ae";
    }

    private static IEnumerable<string[]> Permutations(string[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }
}
