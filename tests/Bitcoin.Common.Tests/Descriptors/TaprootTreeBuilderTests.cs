using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Tests.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>The TaprootTreeBuilder against BIP341's wallet test vectors (scriptPubKey section).</summary>
public class TaprootBuilderTests
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

    [Fact]
    public void InvalidDepthOrderIsDetected()
    {
        Assert.False(TaprootTreeBuilder.ValidDepths([0, 0]));
        Assert.False(TaprootTreeBuilder.ValidDepths([1]));
        Assert.True(TaprootTreeBuilder.ValidDepths([1, 2, 2]));
        Assert.False(new TaprootTreeBuilder().Add(1, [0x51], 0xc0).IsComplete);
    }
}
