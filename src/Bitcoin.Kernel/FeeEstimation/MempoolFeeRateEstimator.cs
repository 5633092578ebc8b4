using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>
/// Estimates the rate to get into the next block from what a block template would take now (Core's
/// MemPoolFeeRateEstimator): the chunk rate at half the block's weight (conservative) or three quarters (economical),
/// if the last six blocks show the mempool represents what gets mined. Estimates are cached for 7 seconds per tip.
/// The template's chunk rates come from the node's block assembler. Thread-safe.
/// </summary>
public sealed class MempoolFeeRateEstimator
{
    /// <summary>The only target this estimator answers for.</summary>
    public const int MaxTarget = 2;

    /// <summary>Blocks the health check looks back over.</summary>
    public const int HealthWindowBlocks = 6;

    private const int CurrentVersion = 1;
    private const double RepresentationThreshold = 0.75;
    private static readonly TimeSpan CacheLife = TimeSpan.FromSeconds(7);

    private readonly TxMemPool _mempool;
    private readonly ChainstateManager _chainman;
    private readonly Func<IReadOnlyList<FeeFrac>?> _templateChunkRates;
    private readonly string _path;
    private readonly Lock _lock = new();
    private List<MinedBlockStats> _minedBlocks = [];
    private uint256 _minedBlocksTipHash = uint256.Zero;
    private (TxFeeRate Conservative, TxFeeRate Economical, uint256 Tip, DateTimeOffset Updated)? _cache;

    /// <summary>
    /// Creates the estimator and reads its state from <paramref name="path"/>. <paramref name="templateChunkRates"/>
    /// builds a block template (without validity check) and returns its chunks' fee and virtual size in mining order,
    /// or null when that failed.
    /// </summary>
    public MempoolFeeRateEstimator(string path, TxMemPool mempool, ChainstateManager chainman, Func<IReadOnlyList<FeeFrac>?> templateChunkRates)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(mempool);
        ArgumentNullException.ThrowIfNull(chainman);
        ArgumentNullException.ThrowIfNull(templateChunkRates);
        _path = path;
        _mempool = mempool;
        _chainman = chainman;
        _templateChunkRates = templateChunkRates;
        ReadFromDisk();
    }

    /// <summary>Stats of the tracked recent blocks, oldest first.</summary>
    public List<MinedBlockStats> GetPrevBlockData()
    {
        lock (_lock) return _minedBlocks.ToList();
    }

    /// <summary>
    /// The 50th and 75th percentile rates by block weight of template chunks sorted best first (per virtual byte);
    /// empty when the chunks do not fill that share of a block.
    /// </summary>
    public static (FeeFrac P50, FeeFrac P75) CalculateMaxWeightPercentiles(IReadOnlyList<FeeFrac> chunkFeeRates)
    {
        ArgumentNullException.ThrowIfNull(chunkFeeRates);
        const long totalWeight = ConsensusConstants.MaxBlockWeight;
        long p50Weight = totalWeight / 2;
        long p75Weight = totalWeight * 3 / 4;
        FeeFrac p50 = default, p75 = default;
        long accumulated = 0;
        foreach (var rate in chunkFeeRates)
        {
            accumulated += (long)rate.Size * ConsensusConstants.WitnessScaleFactor;
            if (accumulated >= p50Weight && p50.IsEmpty) p50 = rate;
            if (accumulated >= p75Weight && p75.IsEmpty)
            {
                p75 = rate;
                break;
            }
        }
        return (p50, p75);
    }

    /// <summary>A block connected: remember how much of it the mempool held.</summary>
    public void MempoolTxsRemovedForBlock(Block block, IReadOnlyList<RemovedMempoolTransactionInfo> removed, int height)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(removed);
        ulong blockWeight = (ulong)block.Transactions.Skip(1).Sum(TxChecks.GetTransactionWeight);
        ulong removedWeight = (ulong)removed.Sum(r => TxChecks.GetTransactionWeight(r.Transaction));
        lock (_lock)
        {
            AddMinedBlockStats(new MinedBlockStats((ulong)height, removedWeight, blockWeight));
            _minedBlocksTipHash = block.GetHash();
            _cache = null;
        }
    }

    /// <summary>Whether the recent blocks allow an estimate: null when they do, else the reason.</summary>
    public string? HealthError()
    {
        lock (_lock)
        {
            const string name = "mempool_policy";
            if (_minedBlocks.Count < HealthWindowBlocks)
            {
                Log.Debug(LogCategory.EstimateFee, $"{name}: mempool health check failed; tracked_blocks={_minedBlocks.Count} required_blocks={HealthWindowBlocks}");
                return "Not enough recent block data for fee rate estimation";
            }
            ulong totalBlockWeight = 0, totalRemovedWeight = 0;
            foreach (var block in _minedBlocks)
            {
                totalBlockWeight += block.BlockWeight;
                totalRemovedWeight += block.RemovedBlockTxsWeight;
            }
            // Too little activity for the coverage ratio to mean anything.
            if (totalBlockWeight < ConsensusConstants.MaxBlockWeight)
            {
                Log.Debug(LogCategory.EstimateFee, $"{name}: mempool health check passed; low activity, total_block_weight={totalBlockWeight} minimum={ConsensusConstants.MaxBlockWeight}");
                return null;
            }
            double ratio = (double)totalRemovedWeight / totalBlockWeight;
            bool healthy = ratio >= RepresentationThreshold;
            Log.Debug(LogCategory.EstimateFee, string.Create(CultureInfo.InvariantCulture,
                $"{name}: mempool health check {(healthy ? "passed" : "failed")}; removed_weight={totalRemovedWeight} total_block_weight={totalBlockWeight} coverage={ratio:F2} required_coverage={RepresentationThreshold:F2}"));
            return healthy ? null : "Mempool is unreliable for fee rate estimation";
        }
    }

    /// <summary>The estimate for the next block (conservative: median of the template, else its 75th percentile).</summary>
    public FeeRateEstimation EstimateFeeRate(bool conservative)
    {
        const string name = "mempool_policy";
        if (!_mempool.LoadTried) return Error($"{name}: Mempool not loaded yet, no fee rate estimate available");
        if (HealthError() is { } health) return Error($"{name}: {health}");

        var tip = _chainman.ActiveTip?.Hash ?? uint256.Zero;
        var now = _chainman.Options.Clock.GetUtcNow();
        lock (_lock)
        {
            if (_cache is { } cached && cached.Tip == tip && cached.Updated + CacheLife >= now)
                return new FeeRateEstimation(FeeRateEstimatorType.MempoolPolicy, conservative ? cached.Conservative : cached.Economical, MaxTarget);
        }

        var chunks = _templateChunkRates();
        if (chunks is null) return Error($"{name}: Failed to create block template for fee rate estimation");
        // Rounding weight up to virtual bytes can disturb the order slightly.
        var sorted = chunks.OrderByDescending(c => c, Comparer<FeeFrac>.Create(FeeFrac.CompareRatio)).ToList();
        var (p50, p75) = CalculateMaxWeightPercentiles(sorted);
        // A sparse mempool leaves percentiles unfilled: use the lowest rate that still relays.
        var floor = TxFeeRate.Max(_mempool.Options.MinRelayFeeRate, _mempool.GetMinFee());
        var conservativeRate = p50.IsEmpty ? floor : TxFeeRate.FromFeeFrac(p50);
        var economicalRate = p75.IsEmpty ? floor : TxFeeRate.FromFeeFrac(p75);
        lock (_lock) _cache = (conservativeRate, economicalRate, tip, now);
        Log.Debug(LogCategory.EstimateFee, $"{name}: conservative/economical fee rate: {conservativeRate.FeePerKvB}/{economicalRate.FeePerKvB} sat/kvB");
        return new FeeRateEstimation(FeeRateEstimatorType.MempoolPolicy, conservative ? conservativeRate : economicalRate, MaxTarget);
    }

    /// <summary>Saves the mined-block stats (fees/mempool_policy_estimator.dat).</summary>
    public void FlushMinedBlockStats()
    {
        try
        {
            var directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            using (var file = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new BinaryWriter(file))
            {
                lock (_lock)
                {
                    writer.Write(CurrentVersion);
                    Internal.FeeFileFormat.WriteCompactSize(writer, (ulong)_minedBlocks.Count);
                    foreach (var block in _minedBlocks)
                    {
                        writer.Write(block.Height);
                        writer.Write(block.RemovedBlockTxsWeight);
                        writer.Write(block.BlockWeight);
                    }
                    writer.Write(_minedBlocksTipHash.ToBytes());
                }
            }
            Log.Debug(LogCategory.EstimateFee, $"mempool_policy: mined-block stats flushed to {_path}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"mempool_policy: unable to open {_path} for writing. Continuing anyway");
        }
    }

    private void ReadFromDisk()
    {
        if (!File.Exists(_path))
        {
            Log.Debug(LogCategory.EstimateFee, $"mempool_policy: {_path} does not exist. Continuing anyway");
            return;
        }
        try
        {
            using var file = File.OpenRead(_path);
            using var reader = new BinaryReader(file);
            if (reader.ReadInt32() != CurrentVersion)
            {
                Log.Warning("mempool_policy: file version not supported; continuing anyway");
                return;
            }
            int count = (int)Internal.FeeFileFormat.ReadCompactSize(reader);
            var blocks = new List<MinedBlockStats>();
            for (int i = 0; i < count; i++) blocks.Add(new MinedBlockStats(reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64()));
            var tipHash = new uint256(reader.ReadBytes(32));
            if (blocks.Count > HealthWindowBlocks)
            {
                Log.Warning($"mempool_policy: Number of previously mined blocks read exceeds the maximum of {HealthWindowBlocks}; ignoring file");
                return;
            }
            for (int i = 1; i < blocks.Count; i++)
            {
                if (blocks[i].Height != blocks[i - 1].Height + 1)
                {
                    Log.Warning($"mempool_policy: Non-consecutive block heights read, expected height {blocks[i - 1].Height + 1} but found {blocks[i].Height}; ignoring file");
                    return;
                }
            }
            if (blocks.Count > 0)
            {
                var last = blocks[^1];
                var tip = _chainman.ActiveTip;
                if (tip is null)
                {
                    Log.Warning($"mempool_policy: Mined-block stats read end at height {last.Height} block {tipHash}, but there is no active chain tip; ignoring file");
                    return;
                }
                if (last.Height != (ulong)tip.Height || tipHash != tip.Hash)
                {
                    Log.Warning($"mempool_policy: Mined-block stats read end at height {last.Height} block {tipHash}, but the active chain tip is height {tip.Height} block {tip.Hash}; ignoring file");
                    return;
                }
            }
            lock (_lock)
            {
                _minedBlocks = blocks;
                _minedBlocksTipHash = tipHash;
                _cache = null;
            }
            Log.Debug(LogCategory.EstimateFee, $"mempool_policy: mined-block stats successfully read from {_path}.");
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or ArgumentException)
        {
            Log.Warning("mempool_policy: Unable to read mined-block stats from stream (non-fatal)");
        }
    }

    private void AddMinedBlockStats(MinedBlockStats stats)
    {
        int staleIndex = _minedBlocks.FindIndex(b => b.Height >= stats.Height);
        if (staleIndex >= 0)
        {
            Log.Debug(LogCategory.EstimateFee,
                $"mempool_policy: connected block height={stats.Height} discards tracked mined-block stats from height={_minedBlocks[staleIndex].Height} to height={_minedBlocks[^1].Height}; stale_stats={_minedBlocks.Count - staleIndex}");
            _minedBlocks.RemoveRange(staleIndex, _minedBlocks.Count - staleIndex);
        }
        if (_minedBlocks.Count > 0 && _minedBlocks[^1].Height + 1 != stats.Height)
        {
            Log.Debug(LogCategory.EstimateFee,
                $"mempool_policy: clearing mined-block stats after height gap; tracked_stats={_minedBlocks.Count} expected_height={_minedBlocks[^1].Height + 1} received_height={stats.Height}");
            _minedBlocks.Clear();
        }
        if (_minedBlocks.Count == HealthWindowBlocks) _minedBlocks.RemoveAt(0);
        _minedBlocks.Add(stats);
    }

    private static FeeRateEstimation Error(string message) => new(FeeRateEstimatorType.MempoolPolicy, TxFeeRate.Zero, MaxTarget, message);
}
