using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using NBitcoin;

namespace Bitcoin.Node.Blockchain;

/// <summary>The arithmetic of Core's getblockstats, over a block and its undo data.</summary>
public static class BlockStatsCalculator
{
    // Core's PER_UTXO_OVERHEAD: an outpoint (36 bytes) and the height/coinbase field (4 bytes).
    private const long PerUtxoOverhead = 36 + 4;
    private const int MaxScriptSize = 10_000;

    /// <summary>
    /// Computes every statistic of <paramref name="block"/> (at <paramref name="index"/>) using <paramref name="undo"/>
    /// for the spent outputs. Core computes only what was asked for, but no statistic depends on which others were, so
    /// computing all of them gives the same values.
    /// </summary>
    /// <exception cref="InvalidDataException">The undo data does not match the block or a fee is out of range.</exception>
    public static BlockStats Compute(Block block, BlockUndo undo, BlockIndex index, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(undo);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(consensus);

        long maxFee = 0, maxFeeRate = 0, minFee = ConsensusConstants.MaxMoney, minFeeRate = ConsensusConstants.MaxMoney;
        long totalOut = 0, totalFee = 0, inputs = 0, maxTxSize = 0, minTxSize = ConsensusConstants.MaxBlockSerializedSize;
        long outputs = 0, swTotalSize = 0, swTotalWeight = 0, swTxs = 0, totalSize = 0, totalWeight = 0;
        long utxos = 0, utxoSizeInc = 0, utxoSizeIncActual = 0;
        var fees = new List<long>();
        var feeRates = new List<(long FeeRate, long Weight)>();
        var txSizes = new List<long>();
        bool bip30Repeat = ConsensusParams.IsBip30Repeat(index);

        for (int i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            outputs += tx.Outputs.Count;
            long txTotalOut = 0;
            foreach (var output in tx.Outputs)
            {
                txTotalOut += output.Value.Satoshi;
                long outSize = output.GetSerializedSize() + PerUtxoOverhead;
                utxoSizeInc += outSize;
                // The genesis coinbase and the duplicated BIP30 coinbases never entered the UTXO set.
                if (index.Height == 0 || (bip30Repeat && tx.IsCoinBase)) continue;
                if (IsUnspendable(output.ScriptPubKey)) continue;
                utxos++;
                utxoSizeIncActual += outSize;
            }
            if (tx.IsCoinBase) continue;

            inputs += tx.Inputs.Count;
            totalOut += txTotalOut;

            long txSize = tx.GetSerializedSize(TransactionOptions.All);
            txSizes.Add(txSize);
            maxTxSize = Math.Max(maxTxSize, txSize);
            minTxSize = Math.Min(minTxSize, txSize);
            totalSize += txSize;

            long weight = TxChecks.GetTransactionWeight(tx);
            totalWeight += weight;
            if (tx.HasWitness)
            {
                swTxs++;
                swTotalSize += txSize;
                swTotalWeight += weight;
            }

            if (i - 1 >= undo.TxUndos.Count) throw new InvalidDataException($"Undo data of block {index.Hash} has no entry for transaction {i}.");
            long txTotalIn = 0;
            foreach (var coin in undo.TxUndos[i - 1].PrevOut)
            {
                txTotalIn += coin.Output.Value.Satoshi;
                long prevoutSize = coin.Output.GetSerializedSize() + PerUtxoOverhead;
                utxoSizeInc -= prevoutSize;
                utxoSizeIncActual -= prevoutSize;
            }
            long fee = txTotalIn - txTotalOut;
            if (!ConsensusConstants.MoneyRange(fee)) throw new InvalidDataException($"Fee {fee} of transaction {tx.GetHash()} is out of range.");
            fees.Add(fee);
            maxFee = Math.Max(maxFee, fee);
            minFee = Math.Min(minFee, fee);
            totalFee += fee;

            // Satoshis per virtual byte, truncated.
            long feeRate = weight != 0 ? fee * ConsensusConstants.WitnessScaleFactor / weight : 0;
            feeRates.Add((feeRate, weight));
            maxFeeRate = Math.Max(maxFeeRate, feeRate);
            minFeeRate = Math.Min(minFeeRate, feeRate);
        }

        int txCount = block.Transactions.Count;
        return new BlockStats
        {
            AvgFee = txCount > 1 ? totalFee / (txCount - 1) : 0,
            AvgFeeRate = totalWeight != 0 ? totalFee * ConsensusConstants.WitnessScaleFactor / totalWeight : 0,
            AvgTxSize = txCount > 1 ? totalSize / (txCount - 1) : 0,
            BlockHash = index.Hash,
            FeeRatePercentiles = PercentilesByWeight(feeRates, totalWeight),
            Height = index.Height,
            Ins = inputs,
            MaxFee = maxFee,
            MaxFeeRate = maxFeeRate,
            MaxTxSize = maxTxSize,
            MedianFee = TruncatedMedian(fees),
            MedianTime = index.GetMedianTimePast(),
            MedianTxSize = TruncatedMedian(txSizes),
            MinFee = minFee == ConsensusConstants.MaxMoney ? 0 : minFee,
            MinFeeRate = minFeeRate == ConsensusConstants.MaxMoney ? 0 : minFeeRate,
            MinTxSize = minTxSize == ConsensusConstants.MaxBlockSerializedSize ? 0 : minTxSize,
            Outs = outputs,
            Subsidy = Subsidy.GetBlockSubsidy(index.Height, consensus).Satoshi,
            SwTotalSize = swTotalSize,
            SwTotalWeight = swTotalWeight,
            SwTxs = swTxs,
            Time = index.BlockTime,
            TotalOut = totalOut,
            TotalSize = totalSize,
            TotalWeight = totalWeight,
            TotalFee = totalFee,
            Txs = txCount,
            UtxoIncrease = outputs - inputs,
            UtxoSizeInc = utxoSizeInc,
            UtxoIncreaseActual = utxos - inputs,
            UtxoSizeIncActual = utxoSizeIncActual,
        };
    }

    /// <summary>Core's CalculateTruncatedMedian: the middle value, or the integer mean of the two middle values.</summary>
    public static long TruncatedMedian(List<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return 0;
        values.Sort();
        int size = values.Count;
        return size % 2 == 0 ? (values[(size / 2) - 1] + values[size / 2]) / 2 : values[size / 2];
    }

    /// <summary>
    /// Core's CalculatePercentilesByWeight: the fee rate reached at 10%, 25%, 50%, 75% and 90% of the total weight,
    /// walking the transactions from the lowest fee rate up.
    /// </summary>
    public static IReadOnlyList<long> PercentilesByWeight(List<(long FeeRate, long Weight)> scores, long totalWeight)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new long[5];
        if (scores.Count == 0) return result;
        scores.Sort();
        double[] thresholds = [totalWeight / 10.0, totalWeight / 4.0, totalWeight / 2.0, totalWeight * 3.0 / 4.0, totalWeight * 9.0 / 10.0];
        int next = 0;
        long cumulative = 0;
        foreach (var (feeRate, weight) in scores)
        {
            cumulative += weight;
            while (next < thresholds.Length && cumulative >= thresholds[next]) result[next++] = feeRate;
        }
        for (int i = next; i < result.Length; i++) result[i] = scores[^1].FeeRate;
        return result;
    }

    private static bool IsUnspendable(Script script)
    {
        var bytes = script.ToBytes(true);
        return (bytes.Length > 0 && bytes[0] == (byte)OpcodeType.OP_RETURN) || bytes.Length > MaxScriptSize;
    }
}
