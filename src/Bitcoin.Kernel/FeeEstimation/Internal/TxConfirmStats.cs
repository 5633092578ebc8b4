using System.Globalization;
using Bitcoin.Common.Logging;

namespace Bitcoin.Kernel.FeeEstimation.Internal;

/// <summary>
/// Confirmation statistics of one horizon (Core's TxConfirmStats): per fee rate bucket, decaying averages of how many
/// transactions confirmed within each number of periods, how many failed to, and the rates seen; plus counts of
/// transactions still unconfirmed by entry height.
/// </summary>
internal sealed class TxConfirmStats
{
    private readonly Func<IReadOnlyList<double>> _buckets;
    private readonly Func<double, int> _bucketIndex;
    private double[] _txCtAvg;
    private double[][] _confAvg;
    private double[][] _failAvg;
    private double[] _feerateAvg;
    private int[][] _unconfTxs;
    private int[] _oldUnconfTxs;

    public TxConfirmStats(Func<IReadOnlyList<double>> buckets, Func<double, int> bucketIndex, int maxPeriods, double decay, uint scale)
    {
        if (scale == 0) throw new ArgumentOutOfRangeException(nameof(scale));
        _buckets = buckets;
        _bucketIndex = bucketIndex;
        Decay = decay;
        Scale = scale;
        int count = buckets().Count;
        _confAvg = NewMatrix(maxPeriods, count);
        _failAvg = NewMatrix(maxPeriods, count);
        _txCtAvg = new double[count];
        _feerateAvg = new double[count];
        _unconfTxs = [];
        _oldUnconfTxs = [];
        ResizeInMemoryCounters(count);
    }

    public double Decay { get; private set; }

    public uint Scale { get; private set; }

    /// <summary>The largest confirmation target tracked.</summary>
    public uint MaxConfirms => Scale * (uint)_confAvg.Length;

    private IReadOnlyList<double> Buckets => _buckets();

    /// <summary>Rolls the circular buffer of unconfirmed counts for a new block.</summary>
    public void ClearCurrent(uint blockHeight)
    {
        var row = _unconfTxs[blockHeight % _unconfTxs.Length];
        for (int j = 0; j < Buckets.Count; j++)
        {
            _oldUnconfTxs[j] += row[j];
            row[j] = 0;
        }
    }

    /// <summary>Records a transaction that confirmed after <paramref name="blocksToConfirm"/> blocks (1-based) at <paramref name="feeRate"/> sat/kvB.</summary>
    public void Record(int blocksToConfirm, double feeRate)
    {
        if (blocksToConfirm < 1) return;
        int periodsToConfirm = (int)((blocksToConfirm + Scale - 1) / Scale);
        int bucket = _bucketIndex(feeRate);
        for (int i = periodsToConfirm; i <= _confAvg.Length; i++) _confAvg[i - 1][bucket]++;
        _txCtAvg[bucket]++;
        _feerateAvg[bucket] += feeRate;
    }

    public void UpdateMovingAverages()
    {
        for (int j = 0; j < Buckets.Count; j++)
        {
            for (int i = 0; i < _confAvg.Length; i++)
            {
                _confAvg[i][j] *= Decay;
                _failAvg[i][j] *= Decay;
            }
            _feerateAvg[j] *= Decay;
            _txCtAvg[j] *= Decay;
        }
    }

    /// <summary>A new mempool transaction; returns its bucket.</summary>
    public int NewTx(uint blockHeight, double feeRate)
    {
        int bucket = _bucketIndex(feeRate);
        _unconfTxs[blockHeight % _unconfTxs.Length][bucket]++;
        return bucket;
    }

    /// <summary>A tracked transaction left the mempool (in a block or not).</summary>
    public void RemoveTx(uint entryHeight, uint bestSeenHeight, int bucket, bool inBlock)
    {
        // The best seen height is not yet updated for the new block.
        int blocksAgo = bestSeenHeight == 0 ? 0 : (int)(bestSeenHeight - entryHeight);
        if (blocksAgo < 0)
        {
            Log.Debug(LogCategory.EstimateFee, "Blockpolicy error, blocks ago is negative for mempool tx");
            return;
        }
        if (blocksAgo >= _unconfTxs.Length)
        {
            if (_oldUnconfTxs[bucket] > 0) _oldUnconfTxs[bucket]--;
            else Log.Debug(LogCategory.EstimateFee, $"Blockpolicy error, mempool tx removed from >25 blocks,bucketIndex={bucket} already");
        }
        else
        {
            long blockIndex = entryHeight % _unconfTxs.Length;
            if (_unconfTxs[blockIndex][bucket] > 0) _unconfTxs[blockIndex][bucket]--;
            else Log.Debug(LogCategory.EstimateFee, $"Blockpolicy error, mempool tx removed from blockIndex={blockIndex},bucketIndex={bucket} already");
        }
        // Only a whole period unconfirmed counts as a failure.
        if (!inBlock && blocksAgo >= Scale)
        {
            long periodsAgo = blocksAgo / Scale;
            for (int i = 0; i < periodsAgo && i < _failAvg.Length; i++) _failAvg[i][bucket]++;
        }
    }

    /// <summary>
    /// The estimate for <paramref name="confTarget"/> (Core's EstimateMedianVal): from the highest fee rates down,
    /// bucket ranges with enough data are tested against <paramref name="successBreakPoint"/>; the answer is the
    /// average rate of the median bucket of the lowest passing range. -1 when none passes.
    /// </summary>
    public double EstimateMedianVal(int confTarget, double sufficientTxVal, double successBreakPoint, uint blockHeight, out EstimationResult result)
    {
        var buckets = Buckets;
        double nConf = 0;
        double totalNum = 0;
        int extraNum = 0;
        double failNum = 0;
        int periodTarget = (int)((confTarget + Scale - 1) / Scale);
        int maxBucketIndex = buckets.Count - 1;
        int curNearBucket = maxBucketIndex, bestNearBucket = maxBucketIndex, curFarBucket = maxBucketIndex, bestFarBucket = maxBucketIndex;
        double partialNum = 0;
        bool foundAnswer = false;
        int bins = _unconfTxs.Length;
        bool newBucketRange = true;
        bool passing = true;
        var passBucket = new EstimatorBucket();
        var failBucket = new EstimatorBucket();

        for (int bucket = maxBucketIndex; bucket >= 0; --bucket)
        {
            if (newBucketRange)
            {
                curNearBucket = bucket;
                newBucketRange = false;
            }
            curFarBucket = bucket;
            nConf += _confAvg[periodTarget - 1][bucket];
            partialNum += _txCtAvg[bucket];
            totalNum += _txCtAvg[bucket];
            failNum += _failAvg[periodTarget - 1][bucket];
            for (uint confct = (uint)confTarget; confct < MaxConfirms; confct++)
                extraNum += _unconfTxs[(blockHeight - confct) % (uint)bins][bucket];
            extraNum += _oldUnconfTxs[bucket];

            // Only ranges with enough confirmed data points are tested, so every target sees the same bucket breaks.
            if (partialNum < sufficientTxVal / (1 - Decay)) continue;
            partialNum = 0;
            double curPct = nConf / (totalNum + failNum + extraNum);
            if (curPct < successBreakPoint)
            {
                if (passing)
                {
                    int failMin = Math.Min(curNearBucket, curFarBucket);
                    int failMax = Math.Max(curNearBucket, curFarBucket);
                    failBucket = new EstimatorBucket
                    {
                        Start = failMin > 0 ? buckets[failMin - 1] : 0, End = buckets[failMax], WithinTarget = nConf, TotalConfirmed = totalNum,
                        InMempool = extraNum, LeftMempool = failNum,
                    };
                    passing = false;
                }
                continue;
            }
            failBucket = new EstimatorBucket();
            foundAnswer = true;
            passing = true;
            passBucket = new EstimatorBucket { WithinTarget = nConf, TotalConfirmed = totalNum, InMempool = extraNum, LeftMempool = failNum };
            nConf = 0;
            totalNum = 0;
            failNum = 0;
            extraNum = 0;
            bestNearBucket = curNearBucket;
            bestFarBucket = curFarBucket;
            newBucketRange = true;
        }

        double median = -1;
        double txSum = 0;
        int minBucket = Math.Min(bestNearBucket, bestFarBucket);
        int maxBucket = Math.Max(bestNearBucket, bestFarBucket);
        for (int j = minBucket; j <= maxBucket; j++) txSum += _txCtAvg[j];
        if (foundAnswer && txSum != 0)
        {
            // The bucket holding the median transaction reports its average rate.
            txSum /= 2;
            for (int j = minBucket; j <= maxBucket; j++)
            {
                if (_txCtAvg[j] < txSum)
                {
                    txSum -= _txCtAvg[j];
                }
                else
                {
                    median = _feerateAvg[j] / _txCtAvg[j];
                    break;
                }
            }
            passBucket = passBucket with { Start = minBucket > 0 ? buckets[minBucket - 1] : 0, End = buckets[maxBucket] };
        }

        // Passing until the last buckets, which had too little data: report those as the failure.
        if (passing && !newBucketRange)
        {
            int failMin = Math.Min(curNearBucket, curFarBucket);
            int failMax = Math.Max(curNearBucket, curFarBucket);
            failBucket = new EstimatorBucket
            {
                Start = failMin > 0 ? buckets[failMin - 1] : 0, End = buckets[failMax], WithinTarget = nConf, TotalConfirmed = totalNum,
                InMempool = extraNum, LeftMempool = failNum,
            };
        }

        if (Log.IsEnabled(LogCategory.EstimateFee, LogLevel.Debug))
        {
            double passTotal = passBucket.TotalConfirmed + passBucket.InMempool + passBucket.LeftMempool;
            double failTotal = failBucket.TotalConfirmed + failBucket.InMempool + failBucket.LeftMempool;
            float passPct = passTotal != 0 ? (float)(100 * passBucket.WithinTarget / passTotal) : 0;
            float failPct = failTotal != 0 ? (float)(100 * failBucket.WithinTarget / failTotal) : 0;
            Log.Debug(LogCategory.EstimateFee, string.Create(CultureInfo.InvariantCulture,
                $"FeeEst: {confTarget} > {100.0 * successBreakPoint:F0}% decay {Decay:F5}: feerate: {G(median)} from ({G(passBucket.Start)} - {G(passBucket.End)}) {passPct:F2}% {passBucket.WithinTarget:F1}/({passBucket.TotalConfirmed:F1} {(int)passBucket.InMempool} mem {passBucket.LeftMempool:F1} out) Fail: ({G(failBucket.Start)} - {G(failBucket.End)}) {failPct:F2}% {failBucket.WithinTarget:F1}/({failBucket.TotalConfirmed:F1} {(int)failBucket.InMempool} mem {failBucket.LeftMempool:F1} out)"));
        }
        result = new EstimationResult { Pass = passBucket, Fail = failBucket, Decay = Decay, Scale = Scale };
        return median;
    }

    /// <summary>Writes this horizon in Core's file format.</summary>
    public void Write(BinaryWriter writer)
    {
        FeeFileFormat.WriteDouble(writer, Decay);
        writer.Write(Scale);
        FeeFileFormat.WriteDoubles(writer, _feerateAvg);
        FeeFileFormat.WriteDoubles(writer, _txCtAvg);
        FeeFileFormat.WriteMatrix(writer, _confAvg);
        FeeFileFormat.WriteMatrix(writer, _failAvg);
    }

    /// <summary>Reads a horizon; throws <see cref="FormatException"/> with Core's message when the data is inconsistent.</summary>
    public void Read(BinaryReader reader, int bucketCount)
    {
        Decay = FeeFileFormat.ReadDouble(reader);
        if (Decay <= 0 || Decay >= 1) throw new FormatException("Corrupt estimates file. Decay must be between 0 and 1 (non-inclusive)");
        Scale = reader.ReadUInt32();
        if (Scale == 0) throw new FormatException("Corrupt estimates file. Scale must be non-zero");
        _feerateAvg = FeeFileFormat.ReadDoubles(reader);
        if (_feerateAvg.Length != bucketCount) throw new FormatException("Corrupt estimates file. Mismatch in feerate average bucket count");
        _txCtAvg = FeeFileFormat.ReadDoubles(reader);
        if (_txCtAvg.Length != bucketCount) throw new FormatException("Corrupt estimates file. Mismatch in tx count bucket count");
        _confAvg = FeeFileFormat.ReadMatrix(reader);
        long maxPeriods = _confAvg.Length;
        long maxConfirms = Scale * maxPeriods;
        if (maxConfirms <= 0 || maxConfirms > 6 * 24 * 7)
            throw new FormatException("Corrupt estimates file.  Must maintain estimates for between 1 and 1008 (one week) confirms");
        if (_confAvg.Any(row => row.Length != bucketCount)) throw new FormatException("Corrupt estimates file. Mismatch in feerate conf average bucket count");
        _failAvg = FeeFileFormat.ReadMatrix(reader);
        if (_failAvg.Length != maxPeriods) throw new FormatException("Corrupt estimates file. Mismatch in confirms tracked for failures");
        if (_failAvg.Any(row => row.Length != bucketCount)) throw new FormatException("Corrupt estimates file. Mismatch in one of failure average bucket counts");
        ResizeInMemoryCounters(bucketCount);
        Log.Debug(LogCategory.EstimateFee, $"Reading estimates: {bucketCount} buckets counting confirms up to {maxConfirms} blocks");
    }

    private void ResizeInMemoryCounters(int bucketCount)
    {
        _unconfTxs = new int[MaxConfirms][];
        for (int i = 0; i < _unconfTxs.Length; i++) _unconfTxs[i] = new int[bucketCount];
        _oldUnconfTxs = new int[bucketCount];
    }

    private static double[][] NewMatrix(int rows, int columns)
    {
        var matrix = new double[rows][];
        for (int i = 0; i < rows; i++) matrix[i] = new double[columns];
        return matrix;
    }

    // printf's %g.
    private static string G(double value) => FeeFileFormat.FormatG(value);
}
