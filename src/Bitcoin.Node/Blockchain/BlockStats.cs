using System.Text.Json.Nodes;
using NBitcoin;

namespace Bitcoin.Node.Blockchain;

/// <summary>Per-block statistics as getblockstats reports them (amounts in satoshis, fee rates in sat/vB).</summary>
public sealed record BlockStats
{
    /// <summary>Average fee of the non-coinbase transactions.</summary>
    public long AvgFee { get; init; }

    /// <summary>Total fee times four divided by total weight.</summary>
    public long AvgFeeRate { get; init; }

    /// <summary>Average size of the non-coinbase transactions.</summary>
    public long AvgTxSize { get; init; }

    /// <summary>The block hash.</summary>
    public required uint256 BlockHash { get; init; }

    /// <summary>Fee rates at the 10th, 25th, 50th, 75th and 90th percentile of weight.</summary>
    public required IReadOnlyList<long> FeeRatePercentiles { get; init; }

    /// <summary>The block height.</summary>
    public int Height { get; init; }

    /// <summary>Inputs, not counting the coinbase's.</summary>
    public long Ins { get; init; }

    /// <summary>Largest fee.</summary>
    public long MaxFee { get; init; }

    /// <summary>Largest fee rate.</summary>
    public long MaxFeeRate { get; init; }

    /// <summary>Largest transaction size.</summary>
    public long MaxTxSize { get; init; }

    /// <summary>Truncated median fee.</summary>
    public long MedianFee { get; init; }

    /// <summary>The block's median time past.</summary>
    public long MedianTime { get; init; }

    /// <summary>Truncated median transaction size.</summary>
    public long MedianTxSize { get; init; }

    /// <summary>Smallest fee (0 without transactions).</summary>
    public long MinFee { get; init; }

    /// <summary>Smallest fee rate (0 without transactions).</summary>
    public long MinFeeRate { get; init; }

    /// <summary>Smallest transaction size (0 without transactions).</summary>
    public long MinTxSize { get; init; }

    /// <summary>Outputs, coinbase included.</summary>
    public long Outs { get; init; }

    /// <summary>The block subsidy.</summary>
    public long Subsidy { get; init; }

    /// <summary>Total size of the transactions with witness data.</summary>
    public long SwTotalSize { get; init; }

    /// <summary>Total weight of the transactions with witness data.</summary>
    public long SwTotalWeight { get; init; }

    /// <summary>Transactions with witness data.</summary>
    public long SwTxs { get; init; }

    /// <summary>The block's timestamp.</summary>
    public long Time { get; init; }

    /// <summary>Output total of the non-coinbase transactions.</summary>
    public long TotalOut { get; init; }

    /// <summary>Total size of the non-coinbase transactions.</summary>
    public long TotalSize { get; init; }

    /// <summary>Total weight of the non-coinbase transactions.</summary>
    public long TotalWeight { get; init; }

    /// <summary>Sum of the fees.</summary>
    public long TotalFee { get; init; }

    /// <summary>Transactions, coinbase included.</summary>
    public long Txs { get; init; }

    /// <summary>Outputs minus inputs.</summary>
    public long UtxoIncrease { get; init; }

    /// <summary>Change in UTXO set size, unspendable outputs included.</summary>
    public long UtxoSizeInc { get; init; }

    /// <summary>Change in the number of unspent outputs, unspendable outputs excluded.</summary>
    public long UtxoIncreaseActual { get; init; }

    /// <summary>Change in UTXO set size, unspendable outputs excluded.</summary>
    public long UtxoSizeIncActual { get; init; }

    /// <summary>Every statistic under Core's key, in Core's order.</summary>
    public JsonObject ToJson()
    {
        var percentiles = new JsonArray();
        foreach (var p in FeeRatePercentiles) percentiles.Add(p);
        return new JsonObject
        {
            ["avgfee"] = AvgFee,
            ["avgfeerate"] = AvgFeeRate,
            ["avgtxsize"] = AvgTxSize,
            ["blockhash"] = BlockHash.ToString(),
            ["feerate_percentiles"] = percentiles,
            ["height"] = Height,
            ["ins"] = Ins,
            ["maxfee"] = MaxFee,
            ["maxfeerate"] = MaxFeeRate,
            ["maxtxsize"] = MaxTxSize,
            ["medianfee"] = MedianFee,
            ["mediantime"] = MedianTime,
            ["mediantxsize"] = MedianTxSize,
            ["minfee"] = MinFee,
            ["minfeerate"] = MinFeeRate,
            ["mintxsize"] = MinTxSize,
            ["outs"] = Outs,
            ["subsidy"] = Subsidy,
            ["swtotal_size"] = SwTotalSize,
            ["swtotal_weight"] = SwTotalWeight,
            ["swtxs"] = SwTxs,
            ["time"] = Time,
            ["total_out"] = TotalOut,
            ["total_size"] = TotalSize,
            ["total_weight"] = TotalWeight,
            ["totalfee"] = TotalFee,
            ["txs"] = Txs,
            ["utxo_increase"] = UtxoIncrease,
            ["utxo_size_inc"] = UtxoSizeInc,
            ["utxo_increase_actual"] = UtxoIncreaseActual,
            ["utxo_size_inc_actual"] = UtxoSizeIncActual,
        };
    }
}
