using System.Text.Json.Nodes;

namespace Bitcoin.Node.Tests.Rpc;

/// <summary>
/// What Core's getblockstats returns for heights 101 to 103 of <see cref="GetBlockStatsChain"/> (the expectations of
/// Core's rpc_getblockstats.py), as our own table: one row per statistic, one column per height.
/// </summary>
internal static class GetBlockStatsExpectations
{
    /// <summary>The first height with expectations; the table has one column per height from here to the tip.</summary>
    public const int FirstHeight = 101;

    /// <summary>The block hashes Core reported for heights 101, 102 and 103.</summary>
    public static readonly string[] BlockHashes =
    [
        "29a36876ddc6899a2541afc78ce2b3ca7659cfc01875e8208d9110d59bce3a9b",
        "06e5883dc39af4810bcd505b95149db664206c13ec7f5d4b33e25e30f37b5961",
        "7474991c2ae3c94c4813d75b4c752028304b773dd4dce8d460dfa2d1e7b542a3",
    ];

    // Fee rates (sat/vB) at the 10th, 25th, 50th, 75th and 90th percentile of weight, per height.
    private static readonly long[][] FeeratePercentiles =
    [
        [0, 0, 0, 0, 0],
        [20, 20, 20, 20, 20],
        [20, 20, 20, 301, 301],
    ];

    // Block 101 holds only its coinbase; 102 one payment; 103 four, with fee rates of 20 and 301 sat/vB.
    private static readonly (string Stat, long[] PerHeight)[] Numbers =
    [
        ("height", [101, 102, 103]),
        ("time", [1525107243, 1525107243, 1525107243]),
        ("mediantime", [1525107242, 1525107242, 1525107243]),
        ("txs", [1, 2, 5]),
        ("ins", [0, 1, 4]),
        ("outs", [2, 4, 10]),
        ("subsidy", [5000000000, 5000000000, 5000000000]),
        ("total_out", [0, 4999995560, 10899908680]),
        ("totalfee", [0, 4440, 85560]),
        ("minfee", [0, 4440, 2880]),
        ("maxfee", [0, 4440, 43200]),
        ("avgfee", [0, 4440, 21390]),
        ("medianfee", [0, 4440, 19740]),
        ("minfeerate", [0, 20, 20]),
        ("maxfeerate", [0, 20, 301]),
        ("avgfeerate", [0, 20, 155]),
        ("mintxsize", [0, 222, 203]),
        ("maxtxsize", [0, 222, 225]),
        ("avgtxsize", [0, 222, 219]),
        ("mediantxsize", [0, 222, 225]),
        ("total_size", [0, 222, 878]),
        ("total_weight", [0, 888, 2204]),
        ("swtxs", [0, 0, 4]),
        ("swtotal_size", [0, 0, 878]),
        ("swtotal_weight", [0, 0, 2204]),
        ("utxo_increase", [2, 3, 6]),
        ("utxo_size_inc", [161, 232, 435]),
        ("utxo_increase_actual", [1, 2, 4]),
        ("utxo_size_inc_actual", [74, 145, 296]),
    ];

    /// <summary>How many heights the table covers.</summary>
    public static int Count => BlockHashes.Length;

    /// <summary>Every statistic getblockstats reports for <paramref name="height"/> (key order is not Core's).</summary>
    public static JsonObject At(int height)
    {
        int column = height - FirstHeight;
        var stats = new JsonObject
        {
            ["blockhash"] = BlockHashes[column],
            ["feerate_percentiles"] = new JsonArray(FeeratePercentiles[column].Select(rate => (JsonNode?)rate).ToArray()),
        };
        foreach (var (stat, perHeight) in Numbers) stats[stat] = perHeight[column];
        return stats;
    }
}
