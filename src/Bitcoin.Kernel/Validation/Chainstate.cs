using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Storage.Database;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// The active chain and the UTXO set it implies (Core's Chainstate): the chain of block index entries, the coins
/// database with its write-back cache, and the candidate tips. Owned by a <see cref="ChainstateManager"/>.
/// </summary>
/// <remarks>
/// Thread-safety: every member must be used with <see cref="ChainstateManager.Lock"/> held, except those that say
/// otherwise. RPC threads may read <see cref="Chain"/> and <see cref="CoinsTip"/> under that lock.
/// </remarks>
public sealed partial class Chainstate : IDisposable
{
    private readonly ChainstateManager _chainman;
    private CoinsViewDb? _coinsDb;
    private CoinsViewCache? _coinsTip;

    internal Chainstate(ChainstateManager chainman)
    {
        _chainman = chainman;
    }

    /// <summary>The active chain, genesis to tip.</summary>
    public ActiveChain Chain { get; } = new();

    /// <summary>The coins database (chainstate/).</summary>
    public CoinsViewDb CoinsDb => _coinsDb ?? throw new InvalidOperationException("The coins database is not open.");

    /// <summary>The in-memory coins cache over <see cref="CoinsDb"/>, consistent with the tip of <see cref="Chain"/>.</summary>
    public CoinsViewCache CoinsTip => _coinsTip ?? throw new InvalidOperationException("The coins cache is not initialized.");

    /// <summary>The last block whose chainstate was completely written to disk (null before the first flush).</summary>
    public BlockIndex? LastFlushedBlock { get; internal set; }

    /// <summary>Memory budget of <see cref="CoinsTip"/>, in bytes.</summary>
    public long CoinsTipCacheBytes { get; private set; }

    /// <summary>Blocks that could become the tip: at least as much work as the tip, all data present (Core's setBlockIndexCandidates).</summary>
    internal SortedSet<BlockIndex> Candidates { get; } = new(BlockIndexWorkComparer.Instance);

    /// <summary>Serializes ActivateBestChain and InvalidateBlock, which release the chainstate lock between steps (Core's m_chainstate_mutex).</summary>
    internal object ChainstateMutex { get; } = new();

    private BlockManager Blockman => _chainman.Blockman;

    private ChainParams Params => _chainman.ChainParams;

    internal void InitCoinsDb(long cacheBytes, bool wipe)
    {
        _coinsDb?.Dispose();
        _coinsDb = new CoinsViewDb(
            new KeyValueDbOptions { Path = Path.Combine(_chainman.Options.DataDir, "chainstate"), CacheBytes = cacheBytes, WipeData = wipe },
            _chainman.Options.DbBatchSizeBytes,
            _chainman.Options.DbCrashRatio);
    }

    internal void InitCoinsCache(long cacheBytes)
    {
        CoinsTipCacheBytes = cacheBytes;
        _coinsTip = new CoinsViewCache(CoinsDb);
    }

    /// <summary>True once the coins cache exists, so a flush can run.</summary>
    internal bool CanFlush => _coinsTip is not null;

    /// <summary>True when the coins database has no best block: nothing connected yet (fresh or reindexing).</summary>
    internal bool CoinsViewEmpty => CoinsTip.GetBestBlock() == NBitcoin.uint256.Zero;

    /// <summary>Sets the chain to the coins database's best block (Core's LoadChainTip). False if that block is unknown.</summary>
    internal bool LoadChainTip()
    {
        var best = CoinsTip.GetBestBlock();
        if (Chain.Tip is { } current && current.Hash == best) return true;
        var tip = Blockman.LookupBlockIndex(best);
        if (tip is null) return false;
        Chain.SetTip(tip);
        _chainman.UpdateIbdStatus();
        LastFlushedBlock = tip;
        if (Candidates.Count != 0) throw new InvalidOperationException("Candidates must be empty while sequence ids change.");
        // The tip loaded from disk wins ties with other equal-work branches, keeping the same tip across restarts.
        for (var walk = tip; walk is not null; walk = walk.Previous) walk.SequenceId = BlockManager.SequenceIdBestChainFromDisk;

        Log.Info($"Loaded best chain: hashBestChain={tip.Hash} height={Chain.Height} date={FormatIsoDateTime(tip.Time)} progress={FormatDouble(_chainman.GuessVerificationProgress(tip))}");
        _chainman.Options.Notifications.BlockTip(_chainman.GetSynchronizationState(init: true), tip, _chainman.GuessVerificationProgress(tip));
        CheckForkWarningConditions();
        return true;
    }

    /// <summary>Adds every block with data and linked ancestors to the candidates (Core's PopulateBlockIndexCandidates).</summary>
    internal void PopulateBlockIndexCandidates()
    {
        foreach (var index in Blockman.AllBlockIndices)
        {
            if (index.IsValid(BlockStatus.ValidTransactions) && (index.HaveNumChainTxs || index.Previous is null))
                TryAddBlockIndexCandidate(index);
        }
    }

    /// <summary>Adds <paramref name="index"/> to the candidates unless it has less work than the tip.</summary>
    internal void TryAddBlockIndexCandidate(BlockIndex index)
    {
        if (Chain.Tip is { } tip && BlockIndexWorkComparer.Less(index, tip)) return;
        Candidates.Add(index);
    }

    /// <summary>Drops candidates worse than the tip (Core's PruneBlockIndexCandidates).</summary>
    internal void PruneBlockIndexCandidates()
    {
        var tip = Chain.Tip!;
        while (Candidates.Count > 0 && BlockIndexWorkComparer.Less(Candidates.Min!, tip)) Candidates.Remove(Candidates.Min!);
        if (Candidates.Count == 0) throw new InvalidOperationException("The tip must remain a candidate.");
    }

    /// <summary>True if blocks after segwit activation were stored by software that did not validate witnesses.</summary>
    internal bool NeedsRedownload()
    {
        for (var block = Chain.Tip; block is not null && block.Height >= Params.Consensus.SegwitHeight; block = block.Previous)
        {
            if ((block.Status & BlockStatus.OptWitness) == 0) return true;
        }
        return false;
    }

    /// <summary>Warns when an invalid chain has more than six blocks of extra work (Core's CheckForkWarningConditions).</summary>
    internal void CheckForkWarningConditions()
    {
        var tip = Chain.Tip;
        if (tip is null) return;
        var bestInvalid = _chainman.BestInvalid;
        if (bestInvalid is not null && bestInvalid.ChainWork > tip.ChainWork + Pow.GetBlockProof(tip) * new ArithUInt256(6))
        {
            const string message = "Warning: Found invalid chain more than 6 blocks longer than our best chain. This could be due to database corruption or consensus incompatibility with peers.";
            Log.Warning("Found invalid chain more than 6 blocks longer than our best chain. This could be due to database corruption or consensus incompatibility with peers.");
            _chainman.Options.Notifications.WarningSet(KernelWarning.LargeWorkInvalidChain, message);
        }
        else
        {
            _chainman.Options.Notifications.WarningUnset(KernelWarning.LargeWorkInvalidChain);
        }
    }

    /// <summary>Logs Core's UpdateTip line for the new tip, with warnings about unknown rules being activated.</summary>
    internal void UpdateTip(BlockIndex tip)
    {
        var warnings = new List<string>();
        if (!_chainman.IsInitialBlockDownload)
        {
            foreach (var (bit, active) in _chainman.Deployments.CheckUnknownActivations(tip))
            {
                string warning = $"Unknown new rules activated (versionbit {bit})";
                if (active) _chainman.Options.Notifications.WarningSet(KernelWarning.UnknownNewRulesActivated, warning);
                else warnings.Add(warning);
            }
        }
        Log.Info(
            $"UpdateTip: new best={tip.Hash} height={tip.Height} version=0x{tip.Version:x8} log2_work={FormatDouble(Math.Log2(tip.ChainWork.ToDouble()))} " +
            $"tx={tip.ChainTxCount} date='{FormatIsoDateTime(tip.Time)}' progress={FormatDouble(_chainman.GuessVerificationProgress(tip))} " +
            $"cache={(CoinsTip.DynamicMemoryUsage / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture)}MiB({CoinsTip.CacheSize}txo)" +
            (warnings.Count > 0 ? $" warning='{string.Join(", ", warnings)}'" : string.Empty));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _coinsDb?.Dispose();
        _coinsDb = null;
        _coinsTip = null;
    }

    internal static string FormatIsoDateTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Core prints doubles with printf's %f: six decimals.
    internal static string FormatDouble(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
