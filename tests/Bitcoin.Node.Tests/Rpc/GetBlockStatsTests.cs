using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Node.Tests.Rpc.Support;

namespace Bitcoin.Node.Tests.Rpc;

// Core's rpc_getblockstats.py: the same chain, rebuilt (GetBlockStatsChain), and Core's expected statistics for its
// last three blocks (GetBlockStatsExpectations).
public sealed class GetBlockStatsTests : IClassFixture<GetBlockStatsTests.RebuiltChain>
{
    private const int StartHeight = GetBlockStatsExpectations.FirstHeight;
    private readonly RebuiltChain _chain;

    public GetBlockStatsTests(RebuiltChain chain) => _chain = chain;

    private RegtestNode Node => _chain.Node;

    [Fact]
    public async Task RebuiltBlocksHaveTheHashesCoreReported()
    {
        for (int i = 0; i < GetBlockStatsExpectations.Count; i++)
        {
            Assert.Equal(GetBlockStatsExpectations.BlockHashes[i], (await Node.CallAsync("getblockhash", StartHeight + i)).GetStr());
        }
        Assert.Equal(GetBlockStatsChain.TipHeight, Node.Chainman.ActiveHeight);
    }

    [Fact]
    public async Task StatisticsMatchCoresForEveryBlockByHeightAndByHash()
    {
        for (int i = 0; i < _chain.Expected.Count; i++)
        {
            var expected = _chain.Expected[i];
            var byHeight = await Node.CallAsync("getblockstats", StartHeight + i);
            Assert.Equal(Canonical(expected), Canonical(byHeight));
            var byHash = await Node.CallNamedAsync("getblockstats", new JsonObject { ["hash_or_height"] = expected.Find("blockhash").GetStr() });
            Assert.Equal(Canonical(expected), Canonical(byHash));
        }
    }

    [Fact]
    public async Task EachStatisticCanBeAskedForAlone()
    {
        for (int i = 0; i < _chain.Expected.Count; i++)
        {
            foreach (var (key, value) in _chain.Expected[i].GetObj())
            {
                var result = await Node.CallAsync("getblockstats", StartHeight + i, new JsonArray(key));
                Assert.Equal([key], result.GetObj().Select(kv => kv.Key));
                Assert.Equal(JsonText.Write(value), JsonText.Write(result.Find(key)));
            }
        }

        var some = await Node.CallNamedAsync("getblockstats", new JsonObject { ["hash_or_height"] = 1, ["stats"] = new JsonArray("minfee", "maxfee") });
        Assert.Equal(["maxfee", "minfee"], some.GetObj().Select(kv => kv.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BadHeightsHashesAndStatisticsGetCoresErrors()
    {
        int tip = GetBlockStatsChain.TipHeight;
        var error = await Node.CallErrorAsync("getblockstats", tip + 1);
        Assert.Equal((-8, $"Target block height {tip + 1} after current tip {tip}"), (error.Code, error.Message));
        error = await Node.CallErrorAsync("getblockstats", -1);
        Assert.Equal((-8, "Target block height -1 is negative"), (error.Code, error.Message));
        foreach (var stats in new[] { new JsonArray("asdfghjkl"), new JsonArray("minfee", "asdfghjkl"), new JsonArray("asdfghjkl", "minfee"), new JsonArray("minfee", "asdfghjkl", "maxfee") })
        {
            error = await Node.CallErrorAsync("getblockstats", 1, stats);
            Assert.Equal((-8, "Invalid selected statistic 'asdfghjkl'"), (error.Code, error.Message));
        }
        error = await Node.CallErrorAsync("getblockstats", 1, new JsonArray("minfee", "aaaasdfghjkl"));
        Assert.Equal((-8, "Invalid selected statistic 'aaaasdfghjkl'"), (error.Code, error.Message));
        // Mainnet's genesis block is not on regtest.
        error = await Node.CallErrorAsync("getblockstats", "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
        Assert.Equal((-5, "Block not found"), (error.Code, error.Message));
    }

    [Fact]
    public async Task GenesisAndTipCountUnspendableOutputsApart()
    {
        var genesis = await Node.CallAsync("getblockstats", 0);
        Assert.Equal("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", genesis.Find("blockhash").GetStr());
        Assert.Equal(1, genesis.Find("utxo_increase").GetInt32());
        Assert.Equal(116, genesis.Find("utxo_size_inc").GetInt32());
        Assert.Equal(0, genesis.Find("utxo_increase_actual").GetInt32());
        Assert.Equal(0, genesis.Find("utxo_size_inc_actual").GetInt32());

        var tip = await Node.CallAsync("getblockstats", GetBlockStatsChain.TipHeight);
        Assert.Equal(6, tip.Find("utxo_increase").GetInt32());
        Assert.Equal(435, tip.Find("utxo_size_inc").GetInt32());
        Assert.Equal(4, tip.Find("utxo_increase_actual").GetInt32());
        Assert.Equal(296, tip.Find("utxo_size_inc_actual").GetInt32());
    }

    [Fact]
    public async Task ABlockKnownOnlyByItsHeaderHasNoStatistics()
    {
        var block = await Node.CallAsync("generateblock", "raw(55)", new JsonArray(), false);
        Assert.Null(await Node.CallAsync("submitheader", block.Find("hex").GetStr()));

        var error = await Node.CallErrorAsync("getblockstats", block.Find("hash").GetStr());

        Assert.Equal((-1, "Block not available (not fully downloaded)"), (error.Code, error.Message));
    }

    // Object keys sorted, so that only the values are compared (Core's test compares dictionaries).
    private static string Canonical(JsonNode? value) =>
        JsonText.Write(new JsonObject(value.GetObj().OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Detached()))));

    /// <summary>A node holding the rebuilt chain, shared by the tests of the class.</summary>
    public sealed class RebuiltChain : IDisposable
    {
        public RebuiltChain()
        {
            // Core's node mined at this frozen time; ours must not see the blocks as from the future.
            Node = new RegtestNode(mockTime: GetBlockStatsChain.MockTime);
            try
            {
                foreach (var block in GetBlockStatsChain.Build(Node.ChainParams))
                {
                    var result = Node.CallAsync("submitblock", TestBlocks.Hex(block)).GetAwaiter().GetResult();
                    Assert.True(result is null, result?.ToJsonString());
                }
            }
            catch
            {
                Node.Dispose();
                throw;
            }
            Expected = Enumerable.Range(StartHeight, GetBlockStatsExpectations.Count).Select(h => (JsonNode)GetBlockStatsExpectations.At(h)).ToList();
        }

        public RegtestNode Node { get; }

        public List<JsonNode> Expected { get; }

        public void Dispose() => Node.Dispose();
    }
}
