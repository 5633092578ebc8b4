using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.FeeEstimation.Internal;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>
/// Estimates the fee rate needed to confirm within a number of blocks from how long mempool transactions took to
/// confirm (Core's CBlockPolicyEstimator). Transactions are grouped in buckets of fee rate 5% apart; three horizons
/// keep decaying averages of confirmations within each target. The state is saved in Core's file format
/// (fees/block_policy_estimates.dat). Thread-safe.
/// </summary>
public sealed class BlockPolicyEstimator
{
    /// <summary>The file format version written and required (Core's CURRENT_FEES_FILE_VERSION).</summary>
    public const int CurrentFeesFileVersion = 309900;

    /// <summary>Estimate files older than this are not read unless stale estimates are accepted (Core's MAX_FILE_AGE).</summary>
    public static readonly TimeSpan MaxFileAge = TimeSpan.FromHours(60);

    private const int ShortBlockPeriods = 12;
    private const uint ShortScale = 1;
    private const int MedBlockPeriods = 24;
    private const uint MedScale = 2;
    private const int LongBlockPeriods = 42;
    private const uint LongScale = 24;
    private const uint OldestEstimateHistory = 6 * 1008;
    private const double ShortDecay = .962;
    private const double MedDecay = .9952;
    private const double LongDecay = .99931;
    private const double HalfSuccessPct = .6;
    private const double SuccessPct = .85;
    private const double DoubleSuccessPct = .95;
    private const double SufficientFeeTxs = 0.1;
    private const double SufficientTxsShort = 0.5;
    private const double MinBucketFeeRate = 100;
    private const double MaxBucketFeeRate = 1e7;
    private const double FeeSpacing = 1.05;
    private const double InfFeeRate = 1e99;

    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly Dictionary<uint256, (uint Height, int Bucket)> _mempoolTxs = [];
    private List<double> _buckets = [];
    private TxConfirmStats _feeStats;
    private TxConfirmStats _shortStats;
    private TxConfirmStats _longStats;
    private uint _bestSeenHeight;
    private uint _firstRecordedHeight;
    private uint _historicalFirst;
    private uint _historicalBest;
    private uint _trackedTxs;
    private uint _untrackedTxs;

    /// <summary>
    /// Creates the estimator and reads <paramref name="path"/> if it exists and is recent enough (or
    /// <paramref name="readStaleEstimates"/>). <paramref name="now"/> is used for the file's age.
    /// </summary>
    public BlockPolicyEstimator(string path, bool readStaleEstimates, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
        for (double boundary = MinBucketFeeRate; boundary <= MaxBucketFeeRate; boundary *= FeeSpacing) _buckets.Add(boundary);
        _buckets.Add(InfFeeRate);
        (_feeStats, _shortStats, _longStats) = NewStats();

        if (!File.Exists(path))
        {
            Log.Info($"{path} is not found. Continue anyway.");
            return;
        }
        var age = (now ?? DateTimeOffset.UtcNow) - File.GetLastWriteTimeUtc(path);
        long ageHours = (long)Math.Floor(age.TotalHours);
        if (ageHours > MaxFileAge.TotalHours && !readStaleEstimates)
        {
            Log.Warning($"Fee estimation file {path} too old (age={ageHours} > {(long)MaxFileAge.TotalHours} hours) and will not be used to avoid serving stale estimates.");
            return;
        }
        try
        {
            using var file = File.OpenRead(path);
            if (!Read(file)) Log.Warning($"Failed to read fee estimates from {path}. Continue anyway.");
        }
        catch (IOException)
        {
            Log.Warning($"Failed to read fee estimates from {path}. Continue anyway.");
        }
    }

    /// <summary>The file the estimates are saved to.</summary>
    public string FilePath => _path;

    /// <summary>Starts tracking a transaction that entered the mempool, if it is fit for estimation.</summary>
    public void ProcessTransaction(NewMempoolTransactionInfo tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (_lock)
        {
            var txid = tx.Transaction.GetHash();
            if (_mempoolTxs.ContainsKey(txid))
            {
                Log.Debug(LogCategory.EstimateFee, $"Blockpolicy error mempool tx {txid} already being tracked");
                return;
            }
            // Side chains, reorgs and an estimator behind the chain are ignored.
            if ((uint)tx.Height != _bestSeenHeight) return;
            // Only transactions that compete on their own fee, entered normally while the chain is current, count.
            bool valid = !tx.MempoolLimitBypassed && !tx.SubmittedInPackage && tx.ChainstateIsCurrent && tx.HasNoMempoolParents;
            if (!valid)
            {
                _untrackedTxs++;
                return;
            }
            _trackedTxs++;
            double feeRate = TxFeeRate.FromFee(tx.Fee, tx.VirtualSize).FeePerKvB;
            int bucket = _feeStats.NewTx((uint)tx.Height, feeRate);
            _shortStats.NewTx((uint)tx.Height, feeRate);
            _longStats.NewTx((uint)tx.Height, feeRate);
            _mempoolTxs[txid] = ((uint)tx.Height, bucket);
        }
    }

    /// <summary>A tracked transaction left the mempool for a reason other than a block (it failed to confirm).</summary>
    public bool RemoveTx(uint256 txid)
    {
        lock (_lock) return RemoveTxLocked(txid, inBlock: false);
    }

    /// <summary>A block at <paramref name="height"/> confirmed these mempool transactions.</summary>
    public void ProcessBlock(IReadOnlyList<RemovedMempoolTransactionInfo> removedForBlock, int height)
    {
        ArgumentNullException.ThrowIfNull(removedForBlock);
        lock (_lock)
        {
            uint blockHeight = (uint)height;
            // Side chains and reorgs are ignored: random ones do not move the estimate.
            if (blockHeight <= _bestSeenHeight) return;
            _bestSeenHeight = blockHeight;
            foreach (var stats in AllStats()) stats.ClearCurrent(blockHeight);
            foreach (var stats in AllStats()) stats.UpdateMovingAverages();

            uint counted = 0;
            foreach (var tx in removedForBlock)
            {
                if (ProcessBlockTx(blockHeight, tx)) counted++;
            }
            if (_firstRecordedHeight == 0 && counted > 0)
            {
                _firstRecordedHeight = _bestSeenHeight;
                Log.Debug(LogCategory.EstimateFee, $"Blockpolicy first recorded height {_firstRecordedHeight}");
            }
            Log.Debug(LogCategory.EstimateFee,
                $"Blockpolicy estimates updated by {counted} of {removedForBlock.Count} block txs, since last block {_trackedTxs} of {_trackedTxs + _untrackedTxs} tracked, mempool map size {_mempoolTxs.Count}, max target {MaxUsableEstimate()} from {(HistoricalBlockSpan() > BlockSpan() ? "historical" : "current")}");
            _trackedTxs = 0;
            _untrackedTxs = 0;
        }
    }

    /// <summary>
    /// The rate (sat/kvB) that <paramref name="successThreshold"/> of transactions paid to confirm within
    /// <paramref name="confTarget"/> blocks in one horizon (estimaterawfee); zero when there is no answer.
    /// </summary>
    public TxFeeRate EstimateRawFee(int confTarget, double successThreshold, FeeEstimateHorizon horizon, out EstimationResult result)
    {
        lock (_lock)
        {
            var (stats, sufficient) = horizon switch
            {
                FeeEstimateHorizon.ShortHalfLife => (_shortStats, SufficientTxsShort),
                FeeEstimateHorizon.MedHalfLife => (_feeStats, SufficientFeeTxs),
                _ => (_longStats, SufficientFeeTxs),
            };
            result = new EstimationResult();
            if (confTarget <= 0 || (uint)confTarget > stats.MaxConfirms) return TxFeeRate.Zero;
            if (successThreshold > 1) return TxFeeRate.Zero;
            double median = stats.EstimateMedianVal(confTarget, sufficient, successThreshold, _bestSeenHeight, out result);
            return median < 0 ? TxFeeRate.Zero : TxFeeRate.FromSatoshisPerKvB(RoundHalfAway(median));
        }
    }

    /// <summary>
    /// Core's estimateFee: 95% success within <paramref name="confTarget"/> blocks over the medium horizon; zero for
    /// targets of 1 or less (no reasonable estimate exists) and when there is no answer.
    /// </summary>
    public TxFeeRate EstimateFee(int confTarget) =>
        confTarget <= 1 ? TxFeeRate.Zero : EstimateRawFee(confTarget, DoubleSuccessPct, FeeEstimateHorizon.MedHalfLife, out _);

    /// <summary>The largest target a horizon tracks.</summary>
    public uint HighestTargetTracked(FeeEstimateHorizon horizon)
    {
        lock (_lock)
        {
            return horizon switch
            {
                FeeEstimateHorizon.ShortHalfLife => _shortStats.MaxConfirms,
                FeeEstimateHorizon.MedHalfLife => _feeStats.MaxConfirms,
                _ => _longStats.MaxConfirms,
            };
        }
    }

    /// <summary>The largest target an estimate can be asked for (1008).</summary>
    public uint MaximumTarget => HighestTargetTracked(FeeEstimateHorizon.LongHalfLife);

    /// <summary>
    /// Core's estimateSmartFee: the highest of 60% within half the target, 85% within the target and 95% within twice
    /// the target, each from the shortest horizon tracking it (conservative: 95% at twice the target also over longer
    /// horizons). Targets of 1 become 2 and targets beyond the data are lowered. Zero when there is no answer.
    /// </summary>
    public TxFeeRate EstimateSmartFee(int confTarget, bool conservative, out FeeCalculation calculation)
    {
        lock (_lock)
        {
            calculation = new FeeCalculation { DesiredTarget = confTarget, ReturnedTarget = confTarget, BestHeight = _bestSeenHeight };
            if (confTarget <= 0 || (uint)confTarget > _longStats.MaxConfirms) return TxFeeRate.Zero;
            if (confTarget == 1) confTarget = 2;
            uint maxUsable = MaxUsableEstimate();
            if ((uint)confTarget > maxUsable) confTarget = (int)maxUsable;
            calculation = calculation with { ReturnedTarget = confTarget };
            if (confTarget <= 1) return TxFeeRate.Zero;

            double median = EstimateCombinedFee((uint)confTarget / 2, HalfSuccessPct, true, out var estimation);
            var reason = BlockPolicyEstimateReason.HalfEstimate;
            double actual = EstimateCombinedFee((uint)confTarget, SuccessPct, true, out var actualResult);
            if (actual > median)
            {
                median = actual;
                estimation = actualResult;
                reason = BlockPolicyEstimateReason.FullEstimate;
            }
            double doubled = EstimateCombinedFee(2 * (uint)confTarget, DoubleSuccessPct, !conservative, out var doubleResult);
            if (doubled > median)
            {
                median = doubled;
                estimation = doubleResult;
                reason = BlockPolicyEstimateReason.DoubleEstimate;
            }
            if (conservative || median == -1)
            {
                double cons = EstimateConservativeFee(2 * (uint)confTarget, out var consResult);
                if (cons > median)
                {
                    median = cons;
                    estimation = consResult;
                    reason = BlockPolicyEstimateReason.Conservative;
                }
            }
            calculation = calculation with { Estimation = estimation, Reason = reason };
            if (median < 0) return TxFeeRate.Zero;
            Log.Debug(LogCategory.EstimateFee, string.Create(CultureInfo.InvariantCulture,
                $"estimateSmartFee Selected feerate: {FeeFileFormat.FormatG(median)} Tgt: {calculation.ReturnedTarget} (requested {calculation.DesiredTarget}) Reason: \"{ReasonString(reason)}\" Decay {estimation.Decay:F5}"));
            return TxFeeRate.FromSatoshisPerKvB(RoundHalfAway(median));
        }
    }

    /// <summary>The smart estimate as an estimation result ("Insufficient data or no feerate found" when there is none).</summary>
    public FeeRateEstimation EstimateFeeRate(int target, bool conservative)
    {
        var rate = EstimateSmartFee(target, conservative, out var calculation);
        return rate == TxFeeRate.Zero
            ? new FeeRateEstimation(FeeRateEstimatorType.BlockPolicy, TxFeeRate.Zero, calculation.ReturnedTarget, "Insufficient data or no feerate found")
            : new FeeRateEstimation(FeeRateEstimatorType.BlockPolicy, rate, calculation.ReturnedTarget);
    }

    /// <summary>Records still-unconfirmed transactions as failures and saves the estimates (at shutdown).</summary>
    public void Flush()
    {
        FlushUnconfirmed();
        FlushFeeEstimates();
    }

    /// <summary>Saves the estimates to the file (creating its directory).</summary>
    public void FlushFeeEstimates()
    {
        try
        {
            var directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Failed to create fee estimates directory {Path.GetDirectoryName(_path)}: {e.Message}. Continue anyway.");
            return;
        }
        try
        {
            using (var file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Write(file);
            }
            Log.Debug(LogCategory.EstimateFee, $"Flushed fee estimates to {_path}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Failed to write fee estimates to {_path}. Continue anyway.");
        }
    }

    /// <summary>Stops tracking every mempool transaction, counting each as unconfirmed so far.</summary>
    public void FlushUnconfirmed()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_lock)
        {
            int entries = _mempoolTxs.Count;
            foreach (var txid in _mempoolTxs.Keys.ToList()) RemoveTxLocked(txid, inBlock: false);
            Log.Debug(LogCategory.EstimateFee, string.Create(CultureInfo.InvariantCulture,
                $"Recorded {entries} unconfirmed txs from mempool in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F3}s"));
        }
    }

    /// <summary>Writes the estimator in Core's format.</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_lock)
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(CurrentFeesFileVersion);
            writer.Write(_bestSeenHeight);
            if (BlockSpan() > HistoricalBlockSpan() / 2)
            {
                writer.Write(_firstRecordedHeight);
                writer.Write(_bestSeenHeight);
            }
            else
            {
                writer.Write(_historicalFirst);
                writer.Write(_historicalBest);
            }
            FeeFileFormat.WriteDoubles(writer, _buckets);
            _feeStats.Write(writer);
            _shortStats.Write(writer);
            _longStats.Write(writer);
        }
    }

    /// <summary>Reads saved estimates, replacing the current ones; false (with a warning) when the data is unusable.</summary>
    public bool Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_lock)
        {
            try
            {
                using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                int versionRequired = reader.ReadInt32();
                if (versionRequired > CurrentFeesFileVersion) throw new FormatException($"File version ({versionRequired}) too high to be read.");
                if (versionRequired < CurrentFeesFileVersion) throw new FormatException($"File version ({versionRequired}) incompatible: Too old to be read");
                uint fileBestSeen = reader.ReadUInt32();
                uint fileHistoricalFirst = reader.ReadUInt32();
                uint fileHistoricalBest = reader.ReadUInt32();
                if (fileHistoricalFirst > fileHistoricalBest || fileHistoricalBest > fileBestSeen)
                    throw new FormatException("Corrupt estimates file. Historical block range for estimates is invalid");
                var fileBuckets = FeeFileFormat.ReadDoubles(reader).ToList();
                if (fileBuckets.Count <= 1 || fileBuckets.Count > 1000)
                    throw new FormatException("Corrupt estimates file. Must have between 2 and 1000 feerate buckets");

                var previous = _buckets;
                _buckets = fileBuckets;
                try
                {
                    var (fee, shortStats, longStats) = NewStats();
                    fee.Read(reader, fileBuckets.Count);
                    shortStats.Read(reader, fileBuckets.Count);
                    longStats.Read(reader, fileBuckets.Count);
                    (_feeStats, _shortStats, _longStats) = (fee, shortStats, longStats);
                }
                catch
                {
                    _buckets = previous;
                    throw;
                }
                _bestSeenHeight = fileBestSeen;
                _historicalFirst = fileHistoricalFirst;
                _historicalBest = fileHistoricalBest;
                return true;
            }
            catch (Exception e) when (e is FormatException or EndOfStreamException or IOException)
            {
                Log.Warning($"Unable to read policy estimator data (non-fatal): {e.Message}");
                return false;
            }
        }
    }

    /// <summary>Core's names of the estimate reasons.</summary>
    public static string ReasonString(BlockPolicyEstimateReason reason) => reason switch
    {
        BlockPolicyEstimateReason.HalfEstimate => "Half Target 60% Threshold",
        BlockPolicyEstimateReason.FullEstimate => "Target 85% Threshold",
        BlockPolicyEstimateReason.DoubleEstimate => "Double Target 95% Threshold",
        BlockPolicyEstimateReason.Conservative => "Conservative Double Target longer horizon",
        _ => "None",
    };

    /// <summary>Core's names of the horizons ("short", "medium", "long").</summary>
    public static string HorizonString(FeeEstimateHorizon horizon) => horizon switch
    {
        FeeEstimateHorizon.ShortHalfLife => "short",
        FeeEstimateHorizon.MedHalfLife => "medium",
        _ => "long",
    };

    private (TxConfirmStats Fee, TxConfirmStats Short, TxConfirmStats Long) NewStats() =>
    (
        new TxConfirmStats(() => _buckets, BucketIndex, MedBlockPeriods, MedDecay, MedScale),
        new TxConfirmStats(() => _buckets, BucketIndex, ShortBlockPeriods, ShortDecay, ShortScale),
        new TxConfirmStats(() => _buckets, BucketIndex, LongBlockPeriods, LongDecay, LongScale)
    );

    private IEnumerable<TxConfirmStats> AllStats() => [_feeStats, _shortStats, _longStats];

    // The first bucket whose upper bound is at least the rate (Core's bucketMap.lower_bound).
    private int BucketIndex(double feeRate)
    {
        int lo = 0, hi = _buckets.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_buckets[mid] < feeRate) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private bool ProcessBlockTx(uint blockHeight, RemovedMempoolTransactionInfo tx)
    {
        if (!RemoveTxLocked(tx.Transaction.GetHash(), inBlock: true)) return false;
        int blocksToConfirm = (int)blockHeight - tx.Height;
        if (blocksToConfirm <= 0)
        {
            Log.Debug(LogCategory.EstimateFee, "Blockpolicy error Transaction had negative blocksToConfirm");
            return false;
        }
        double feeRate = TxFeeRate.FromFee(tx.Fee, tx.VirtualSize).FeePerKvB;
        foreach (var stats in AllStats()) stats.Record(blocksToConfirm, feeRate);
        return true;
    }

    private bool RemoveTxLocked(uint256 txid, bool inBlock)
    {
        if (!_mempoolTxs.Remove(txid, out var info)) return false;
        foreach (var stats in AllStats()) stats.RemoveTx(info.Height, _bestSeenHeight, info.Bucket, inBlock);
        return true;
    }

    private uint BlockSpan() => _firstRecordedHeight == 0 ? 0 : _bestSeenHeight - _firstRecordedHeight;

    private uint HistoricalBlockSpan()
    {
        if (_historicalFirst == 0) return 0;
        if (_bestSeenHeight - _historicalBest > OldestEstimateHistory) return 0;
        return _historicalBest - _historicalFirst;
    }

    // Spans are halved so that there are enough potential failures behind an estimate.
    private uint MaxUsableEstimate() => Math.Min(_longStats.MaxConfirms, Math.Max(BlockSpan(), HistoricalBlockSpan()) / 2);

    private double EstimateCombinedFee(uint confTarget, double successThreshold, bool checkShorterHorizon, out EstimationResult result)
    {
        double estimate = -1;
        result = new EstimationResult();
        if (confTarget < 1 || confTarget > _longStats.MaxConfirms) return estimate;
        if (confTarget <= _shortStats.MaxConfirms)
            estimate = _shortStats.EstimateMedianVal((int)confTarget, SufficientTxsShort, successThreshold, _bestSeenHeight, out result);
        else if (confTarget <= _feeStats.MaxConfirms)
            estimate = _feeStats.EstimateMedianVal((int)confTarget, SufficientFeeTxs, successThreshold, _bestSeenHeight, out result);
        else
            estimate = _longStats.EstimateMedianVal((int)confTarget, SufficientFeeTxs, successThreshold, _bestSeenHeight, out result);
        if (checkShorterHorizon)
        {
            // A lower answer for a shorter horizon's largest target keeps estimates monotonic.
            if (confTarget > _feeStats.MaxConfirms)
            {
                double medMax = _feeStats.EstimateMedianVal((int)_feeStats.MaxConfirms, SufficientFeeTxs, successThreshold, _bestSeenHeight, out var temp);
                if (medMax > 0 && (estimate == -1 || medMax < estimate))
                {
                    estimate = medMax;
                    result = temp;
                }
            }
            if (confTarget > _shortStats.MaxConfirms)
            {
                double shortMax = _shortStats.EstimateMedianVal((int)_shortStats.MaxConfirms, SufficientTxsShort, successThreshold, _bestSeenHeight, out var temp);
                if (shortMax > 0 && (estimate == -1 || shortMax < estimate))
                {
                    estimate = shortMax;
                    result = temp;
                }
            }
        }
        return estimate;
    }

    private double EstimateConservativeFee(uint doubleTarget, out EstimationResult result)
    {
        double estimate = -1;
        result = new EstimationResult();
        if (doubleTarget <= _shortStats.MaxConfirms)
            estimate = _feeStats.EstimateMedianVal((int)doubleTarget, SufficientFeeTxs, DoubleSuccessPct, _bestSeenHeight, out result);
        if (doubleTarget <= _feeStats.MaxConfirms)
        {
            double longEstimate = _longStats.EstimateMedianVal((int)doubleTarget, SufficientFeeTxs, DoubleSuccessPct, _bestSeenHeight, out var temp);
            if (longEstimate > estimate)
            {
                estimate = longEstimate;
                result = temp;
            }
        }
        return estimate;
    }

    private static long RoundHalfAway(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
