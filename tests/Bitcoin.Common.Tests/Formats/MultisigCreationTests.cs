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

    /// <summary>
    /// BIP 67 key-sorting cases (the ones Core's rpc_createmultisig.py runs): the keys as given, the 2-of-n redeem
    /// script with the keys in BIP 67 order, and that script's P2SH address on regtest.
    /// </summary>
    public static TheoryData<string, string[], string, string> Bip67Cases => new()
    {
        {
            "two keys given in reverse order",
            [
                "02ff12471208c14bd580709cb2358d98975247d8765f92bc25eab3b2763ed605f8",
                "02fe6f0a5a297eb38c391581c4413e084773ea23954d93f7753db7dc0adc188b2f",
            ],
            "5221" + "02fe6f0a5a297eb38c391581c4413e084773ea23954d93f7753db7dc0adc188b2f"
                + "21" + "02ff12471208c14bd580709cb2358d98975247d8765f92bc25eab3b2763ed605f8" + "52ae",
            "2N19tNw3Ss4L9QDERtCw7FhXb6jBsYmeXNu"
        },
        {
            "three keys already sorted",
            [
                "02632b12f4ac5b1d1b72b2a3b508c19172de44f6f46bcee50ba33f3f9291e47ed0",
                "027735a29bae7780a9755fae7a1c4374c656ac6a69ea9f3697fda61bb99a4f3e77",
                "02e2cc6bd5f45edd43bebe7cb9b675f0ce9ed3efe613b177588290ad188d11b404",
            ],
            "5221" + "02632b12f4ac5b1d1b72b2a3b508c19172de44f6f46bcee50ba33f3f9291e47ed0"
                + "21" + "027735a29bae7780a9755fae7a1c4374c656ac6a69ea9f3697fda61bb99a4f3e77"
                + "21" + "02e2cc6bd5f45edd43bebe7cb9b675f0ce9ed3efe613b177588290ad188d11b404" + "53ae",
            "2N3sVXU7MZefmYnZhrVX2bA7LyH6vygFZZ7"
        },
        {
            "four keys differing only in the prefix byte and the last byte",
            [
                "030000000000000000000000000000000000004141414141414141414141414141",
                "020000000000000000000000000000000000004141414141414141414141414141",
                "020000000000000000000000000000000000004141414141414141414141414140",
                "030000000000000000000000000000000000004141414141414141414141414140",
            ],
            "5221" + "020000000000000000000000000000000000004141414141414141414141414140"
                + "21" + "020000000000000000000000000000000000004141414141414141414141414141"
                + "21" + "030000000000000000000000000000000000004141414141414141414141414140"
                + "21" + "030000000000000000000000000000000000004141414141414141414141414141" + "54ae",
            "2Mt3L9TcDUAfLpSoyB3SNYtJGLiU49DKEWJ"
        },
        {
            "three keys in mixed order with both prefixes",
            [
                "022df8750480ad5b26950b25c7ba79d3e37d75f640f8e5d9bcd5b150a0f85014da",
                "03e3818b65bcc73a7d64064106a859cc1a5a728c4345ff0b641209fba0d90de6e9",
                "021f2f6e1e50cb6a953935c3601284925decd3fd21bc445712576873fb8c6ebc18",
            ],
            "5221" + "021f2f6e1e50cb6a953935c3601284925decd3fd21bc445712576873fb8c6ebc18"
                + "21" + "022df8750480ad5b26950b25c7ba79d3e37d75f640f8e5d9bcd5b150a0f85014da"
                + "21" + "03e3818b65bcc73a7d64064106a859cc1a5a728c4345ff0b641209fba0d90de6e9" + "53ae",
            "2NFd5JqpwmQNz3gevZJ3rz9ofuHvqaP9Cye"
        },
    };

    [Theory]
    [MemberData(nameof(Bip67Cases))]
    public void SortedMultiFollowsBip67(string what, string[] keys, string sortedRedeemScript, string address)
    {
        // The keys in BIP 67 order are the ones the redeem script pushes after OP_2.
        var sortedKeys = new Script(Convert.FromHexString(sortedRedeemScript)).ToOps().Skip(1).SkipLast(2).Select(op => Convert.ToHexStringLower(op.PushData)).ToArray();
        Assert.Equal(keys.Length, sortedKeys.Length);
        Assert.Equal(keys.Order(StringComparer.Ordinal), sortedKeys);

        string given = string.Join(",", keys);
        Assert.Equal(address, (string)DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"sh(sortedmulti(2,{given}))"), null, Network.RegTest)[0]!);
        Assert.Equal(address, (string)DescriptorJson.DeriveAddresses(DescriptorChecksum.Add($"sh(multi(2,{string.Join(",", sortedKeys)}))"), null, Network.RegTest)[0]!);

        var provider = new FlatSigningProvider();
        var desc = Descriptor.Parse($"sh(sortedmulti(2,{given}))", Network.RegTest, provider)[0];
        Assert.True(desc.Expand(0, provider, out _, provider), what);
        Assert.Contains(provider.Scripts.Values, s => s.ToHex() == sortedRedeemScript);
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
