using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Tests.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>The TaprootTreeBuilder against BIP341's wallet test vectors (scriptPubKey section).</summary>
public class TaprootTreeBuilderTests
{
    public static TheoryData<int> Vectors()
    {
        var data = new TheoryData<int>();
        var all = CoreTestData.LoadArrayFromObject("bip341_wallet_vectors.json", "scriptPubKey");
        for (int i = 0; i < all.Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void BuildsBip341Outputs(int index)
    {
        var v = CoreTestData.LoadArrayFromObject("bip341_wallet_vectors.json", "scriptPubKey")[index]!.AsObject();
        var internalKey = new XOnlyPubKey(Convert.FromHexString((string)v["given"]!["internalPubkey"]!));
        var leaves = new List<(int Depth, int Id, byte[] Script, int Version)>();
        Flatten(v["given"]!["scriptTree"], 0, leaves);

        var builder = new TaprootTreeBuilder();
        foreach (var leaf in leaves) builder.Add(leaf.Depth, leaf.Script, leaf.Version);
        Assert.True(builder.IsComplete);
        Assert.True(TaprootTreeBuilder.ValidDepths(leaves.Select(l => l.Depth).ToList()));
        builder.Finalize(internalKey);

        var expected = v["expected"]!.AsObject();
        var spk = new WitnessV1TaprootDestination(builder.OutputKey.Bytes);
        Assert.Equal((string)expected["scriptPubKey"]!, Convert.ToHexString(spk.ScriptBytes).ToLowerInvariant());
        Assert.Equal((string)expected["bip350Address"]!, AddressEncoding.EncodeDestination(spk, Network.Main));

        var intermediary = v["intermediary"]!.AsObject();
        var spend = builder.GetSpendData();
        if (intermediary["merkleRoot"] is JsonNode root && root.GetValueKind() == System.Text.Json.JsonValueKind.String)
            Assert.Equal((string)root!, Convert.ToHexString(spend.MerkleRoot!.ToBytes()).ToLowerInvariant());
        else
            Assert.Null(spend.MerkleRoot);

        if (expected["scriptPathControlBlocks"] is JsonArray controls)
        {
            foreach (var leaf in leaves)
            {
                var blocks = spend.Scripts[new TaprootLeafKey(leaf.Script, leaf.Version)];
                Assert.Contains((string)controls[leaf.Id]!, blocks.Select(b => Convert.ToHexString(b).ToLowerInvariant()));
            }
        }
    }

    private static void Flatten(JsonNode? tree, int depth, List<(int, int, byte[], int)> leaves)
    {
        switch (tree)
        {
            case null:
                return;
            case JsonArray branch:
                foreach (var sub in branch) Flatten(sub, depth + 1, leaves);
                return;
            case JsonObject leaf:
                leaves.Add((depth, (int)leaf["id"]!, Convert.FromHexString((string)leaf["script"]!), (int)leaf["leafVersion"]!));
                return;
        }
    }

    // script_standard_tests.cpp script_standard_taproot_builder: which leaf depth sequences form a tree.
    public static TheoryData<int[], bool> DepthCases() => new()
    {
        { [], true },
        { [0], true },
        { [1], false },
        { [2], false },
        { [0, 0], false },
        { [0, 1], false },
        { [0, 2], false },
        { [1, 0], false },
        { [1, 1], true },
        { [1, 2], false },
        { [2, 0], false },
        { [2, 1], false },
        { [2, 2], false },
        { [0, 0, 0], false },
        { [0, 0, 1], false },
        { [0, 0, 2], false },
        { [0, 1, 0], false },
        { [0, 1, 1], false },
        { [0, 1, 2], false },
        { [0, 2, 0], false },
        { [0, 2, 1], false },
        { [0, 2, 2], false },
        { [1, 0, 0], false },
        { [1, 0, 1], false },
        { [1, 0, 2], false },
        { [1, 1, 0], false },
        { [1, 1, 1], false },
        { [1, 1, 2], false },
        { [1, 2, 0], false },
        { [1, 2, 1], false },
        { [1, 2, 2], true },
        { [2, 0, 0], false },
        { [2, 0, 1], false },
        { [2, 0, 2], false },
        { [2, 1, 0], false },
        { [2, 1, 1], false },
        { [2, 1, 2], false },
        { [2, 2, 0], false },
        { [2, 2, 1], true },
        { [2, 2, 2], false },
        { [2, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 14, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 31, 31, 31, 31, 31, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 128], true },
        { [128, 128, 127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], true },
        { [129, 129, 128, 127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], false },
    };

    [Theory]
    [MemberData(nameof(DepthCases))]
    public void ValidDepthsMatchesCore(int[] depths, bool valid) => Assert.Equal(valid, TaprootTreeBuilder.ValidDepths(depths));

    [Fact]
    public void BuilderTracksValidityAndCompletenessAsCore()
    {
        var inner = new XOnlyPubKey(Convert.FromHexString("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"));
        byte[] script1 = Convert.FromHexString("20c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5ac");
        byte[] script2 = Convert.FromHexString("20f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9ac");
        // uint256 "31fe...6b68" in Core's display order, i.e. reversed bytes.
        byte[] hash3 = Convert.FromHexString("31fe7061656bea2a36aa60a2f7ef940578049273746935d296426dc0afd86b68").Reverse().ToArray();

        var builder = new TaprootTreeBuilder();
        Assert.True(builder.IsValid);
        Assert.True(builder.IsComplete);
        builder.Add(2, script2, 0xc0);
        Assert.True(builder.IsValid);
        Assert.False(builder.IsComplete);
        builder.AddOmitted(2, hash3);
        Assert.True(builder.IsValid);
        Assert.False(builder.IsComplete);
        builder.Add(1, script1, 0xc0);
        Assert.True(builder.IsValid);
        Assert.True(builder.IsComplete);
        builder.Finalize(inner);
        Assert.True(builder.IsValid);
        Assert.True(builder.IsComplete);
        var output = new WitnessV1TaprootDestination(builder.OutputKey.Bytes);
        Assert.Equal("bc1pj6gaw944fy0xpmzzu45ugqde4rz7mqj5kj0tg8kmr5f0pjq8vnaqgynnge",
            AddressEncoding.EncodeDestination(output, Network.Main));

        Assert.False(new TaprootTreeBuilder().Add(1, [0x51], 0xc0).IsComplete);
        Assert.False(new TaprootTreeBuilder().Add(0, [0x51], 0xc0).Add(0, [0x52], 0xc0).IsValid);
    }
}
