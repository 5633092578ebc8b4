using Bitcoin.Common.Json;
using Bitcoin.Node.Tests.Rpc.Support;

namespace Bitcoin.Node.Tests.Mining;

public sealed class GenerateTests
{
    private const long RegtestGenesisTime = 1296688602;

    [Fact]
    public async Task BlocksMinedAtCoresMockTimeMatchCoresHashesAndUtxoSetHash()
    {
        // Core's rpc_dumptxoutset.py: 100 blocks mined to node 0's key at genesis time + 1 give these exact values.
        using var node = new RegtestNode(mockTime: RegtestGenesisTime + 1);

        var hashes = await node.GenerateAsync(100);

        Assert.Equal(100, hashes.Count);
        Assert.Equal("220aee93f0f5409631f35488898258f0930952bd620063cb4d7d87f7c28a8f50", hashes[^1]);
        var info = await node.CallAsync("gettxoutsetinfo");
        Assert.Equal("771d773b5c27b6f35f598ce764652a2cf28fbc268341eb1827844e416c629c7d", info.Find("hash_serialized_3").GetStr());
        Assert.Equal(100, info.Find("txouts").GetInt32());
        Assert.Equal(101, (await node.CallAsync("getchaintxstats")).Find("txcount").GetInt32());
    }
}
