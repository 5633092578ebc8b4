using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Node.Tests.Rpc.Support;

namespace Bitcoin.Node.Tests.Rpc;

// Core's rpc_getblockstats.py with its data file (Rpc/Data/rpc_getblockstats.json).
public sealed class GetBlockStatsTests : IClassFixture<GetBlockStatsTests.ChainFromCoreData>
{
    private const int StartHeight = 101;
    private readonly ChainFromCoreData _chain;

    public GetBlockStatsTests(ChainFromCoreData chain) => _chain = chain;

    private RegtestNode Node => _chain.Node;

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
        int tip = StartHeight + 2;
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

        var tip = await Node.CallAsync("getblockstats", StartHeight + 2);
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

    /// <summary>A node holding the 104 blocks of Core's data file, shared by the tests of the class.</summary>
    public sealed class ChainFromCoreData : IDisposable
    {
        public ChainFromCoreData()
        {
            var data = JsonText.Parse(File.ReadAllText(DataFile()));
            Expected = data.Find("stats").GetArr().Select(s => s!.DeepClone()).ToList();
            Node = new RegtestNode(mockTime: data.Find("mocktime").GetInt64());
            foreach (var block in data.Find("blocks").GetArr())
            {
                var result = Node.CallAsync("submitblock", block.GetStr()).GetAwaiter().GetResult();
                // The genesis block is already known.
                Assert.True(result is null || result.GetStr() == "duplicate", result?.ToJsonString());
            }
            Assert.Equal(StartHeight + 2, Node.Chainman.ActiveHeight);
        }

        public RegtestNode Node { get; }

        public List<JsonNode> Expected { get; }

        public void Dispose() => Node.Dispose();

        private static string DataFile([CallerFilePath] string thisFile = "") =>
            Path.Combine(Path.GetDirectoryName(thisFile)!, "Data", "rpc_getblockstats.json");
    }
}
