using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Validation;

// Operations the node's RPCs call: chain tips, invalidate/reconsider/precious, verifychain, reads, flushes.
public sealed partial class ChainstateManager
{
    /// <summary>Connects the best valid chain now (Core's ActivateBestChain). Call without the lock. The state holds an error on failure.</summary>
    public BlockValidationState ActivateBestChain()
    {
        var state = new BlockValidationState();
        ActiveChainstate.ActivateBestChain(state);
        return state;
    }

    /// <summary>
    /// invalidateblock: marks <paramref name="index"/> and its descendants invalid, disconnects them and switches to
    /// the best remaining chain. Call without the lock. A non-valid state (RPC_DATABASE_ERROR in Core) on failure.
    /// </summary>
    public BlockValidationState InvalidateBlock(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var state = new BlockValidationState();
        if (!ActiveChainstate.InvalidateBlock(state, index) && state.IsValid)
        {
            // Core's InvalidateBlock returns false without a reason for the genesis block or an interrupt.
            state.Error(index.Height == 0 ? "Cannot invalidate the genesis block" : "Failed to invalidate block");
            return state;
        }
        if (state.IsValid) ActiveChainstate.ActivateBestChain(state);
        return state;
    }

    /// <summary>reconsiderblock: clears failure flags of <paramref name="index"/>, its ancestors and descendants, then activates the best chain. Call without the lock.</summary>
    public BlockValidationState ReconsiderBlock(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (Lock)
        {
            ActiveChainstate.ResetBlockFailureFlags(index);
            RecalculateBestHeader();
        }
        var state = new BlockValidationState();
        ActiveChainstate.ActivateBestChain(state);
        return state;
    }

    /// <summary>preciousblock: prefers <paramref name="index"/> over other blocks of equal work. Call without the lock.</summary>
    public BlockValidationState PreciousBlock(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var state = new BlockValidationState();
        ActiveChainstate.PreciousBlock(state, index);
        return state;
    }

    /// <summary>verifychain: checks the last <paramref name="checkDepth"/> blocks at <paramref name="checkLevel"/> against the current coins cache. Takes the lock.</summary>
    public VerifyDbResult VerifyDb(int checkLevel, int checkDepth)
    {
        lock (Lock) return ActiveChainstate.VerifyDb(ActiveChainstate.CoinsTip, checkLevel, checkDepth);
    }

    /// <summary>getchaintips: every tip of the block tree with its branch length and status, highest first. Takes the lock.</summary>
    public IReadOnlyList<ChainTip> GetChainTips()
    {
        lock (Lock)
        {
            var chain = ActiveChain;
            var orphans = new List<BlockIndex>();
            var prevs = new HashSet<BlockIndex>(ReferenceEqualityComparer.Instance);
            foreach (var index in Blockman.AllBlockIndices)
            {
                if (chain.Contains(index)) continue;
                orphans.Add(index);
                if (index.Previous is not null) prevs.Add(index.Previous);
            }
            var tips = orphans.Where(o => !prevs.Contains(o)).ToList();
            if (chain.Tip is not null) tips.Add(chain.Tip);
            return tips
                .OrderByDescending(t => t.Height).ThenBy(t => t.Hash)
                .Select(t => new ChainTip(t, t.Height - (chain.FindFork(t)?.Height ?? -1), TipStatus(t)))
                .ToList();
        }
    }

    /// <summary>Reads the block of <paramref name="index"/> from disk; null if not stored or unreadable. Takes the lock briefly.</summary>
    public Block? ReadBlock(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        FlatFilePos pos;
        lock (Lock)
        {
            if ((index.Status & BlockStatus.HaveData) == 0) return null;
            pos = new FlatFilePos(index.File, index.DataPos);
        }
        return Blockman.ReadBlock(pos, index.Hash);
    }

    /// <summary>Reads the serialized block of <paramref name="index"/> (getblock verbosity 0); null if not stored.</summary>
    public byte[]? ReadRawBlock(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        FlatFilePos pos;
        lock (Lock)
        {
            if ((index.Status & BlockStatus.HaveData) == 0) return null;
            pos = new FlatFilePos(index.File, index.DataPos);
        }
        return Blockman.ReadRawBlock(pos);
    }

    /// <summary>Reads the undo data of <paramref name="index"/> (spent coins, for getblock verbosity 3); null if none. Takes the lock.</summary>
    public BlockUndo? ReadBlockUndo(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (Lock) return Blockman.ReadBlockUndo(index);
    }

    /// <summary>The unspent coin at <paramref name="outpoint"/> in the current UTXO set (gettxout without mempool), or null. Takes the lock.</summary>
    public Coin? GetUnspentCoin(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        lock (Lock)
        {
            var cache = ActiveChainstate.CoinsTip;
            bool wasCached = cache.PeekEntry(outpoint) is not null;
            var coin = cache.GetCoin(outpoint);
            // Do not let read-only look-ups grow the cache.
            if (!wasCached) cache.Uncache(outpoint);
            return coin;
        }
    }

    /// <summary>Writes state to disk per <paramref name="mode"/> (gettxoutsetinfo and shutdown use ForceFlush). Takes the lock.</summary>
    public bool FlushStateToDisk(FlushStateMode mode)
    {
        var state = new BlockValidationState();
        bool ok = ActiveChainstate.FlushStateToDisk(state, mode);
        if (!ok) Log.Warning($"Failed to flush state ({state})");
        return ok;
    }

    /// <summary>
    /// pruneblockchain: deletes the blk/rev file pairs whose blocks are all at or below <paramref name="manualPruneHeight"/>
    /// (and not among the last <see cref="BlockManager.MinBlocksToKeep"/> blocks, nor protected by a prune lock), then
    /// writes the index (Core's PruneBlockFilesManual). A height of 0 or less prunes nothing. Only in prune mode; the
    /// RPC checks the height first. Takes the lock.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not in prune mode.</exception>
    public void PruneBlockFilesManual(int manualPruneHeight)
    {
        if (!Blockman.IsPruneMode) throw new InvalidOperationException("Cannot prune blocks because node is not in prune mode.");
        var state = new BlockValidationState();
        if (!ActiveChainstate.FlushStateToDisk(state, FlushStateMode.None, manualPruneHeight))
            Log.Warning($"Failed to flush state after manual prune ({state})");
    }

    /// <summary>
    /// Prunes to the target now if the files exceed it, and writes (Core's PruneAndFlush, which the node runs at
    /// start-up in prune mode once the block files are indexed). Does nothing without pruning. Takes the lock.
    /// </summary>
    public void PruneAndFlush()
    {
        if (!Blockman.IsPruneMode) return;
        ActiveChainstate.PruneAndFlush();
    }

    /// <summary>
    /// Checks the block tree's invariants (Core's CheckBlockIndex, enabled by -checkblockindex, on by default on
    /// regtest). Throws <see cref="InvalidOperationException"/> describing the first violation.
    /// </summary>
    internal void CheckBlockIndex()
    {
        if (CheckBlockIndexRatio <= 0 || (CheckBlockIndexRatio > 1 && Random.Shared.Next(CheckBlockIndexRatio) != 0)) return;
        lock (Lock)
        {
            // Before anything is connected (during -reindex, or -reindex-chainstate before the import ran) the
            // chain-relative checks do not apply.
            if (ActiveChain.Height < 0) return;
            var tip = ActiveChain.Tip!;
            var genesisHash = ChainParams.Consensus.HashGenesisBlock;
            foreach (var index in Blockman.AllBlockIndices)
            {
                var prev = index.Previous;
                if (prev is null)
                {
                    if (index.Hash != genesisHash || index.Height != 0) Fail($"block {index.Hash} has no parent but is not the genesis block");
                }
                else
                {
                    if (index.Height != prev.Height + 1) Fail($"block {index.Hash} height {index.Height} does not follow its parent's");
                    if (index.ChainWork != prev.ChainWork + Pow.GetBlockProof(index)) Fail($"block {index.Hash} chain work is inconsistent");
                    if ((prev.Status & BlockStatus.FailedValid) != 0 && (index.Status & BlockStatus.FailedValid) == 0)
                        Fail($"block {index.Hash} descends from an invalid block but is not marked invalid");
                }
                if ((index.Status & BlockStatus.HaveData) != 0 && index.TxCount == 0) Fail($"block {index.Hash} has data but no transaction count");
                bool linked = index.TxCount != 0 && (prev is null || prev.ChainTxCount != 0);
                if (index.HaveNumChainTxs != linked) Fail($"block {index.Hash} chain transaction count is inconsistent");
                // Undo data is only ever written for a block whose data is stored, and pruning removes both.
                if ((index.Status & BlockStatus.HaveUndo) != 0 && (index.Status & BlockStatus.HaveData) == 0)
                    Fail($"block {index.Hash} has undo data but no block data");
                if (ActiveChain.Contains(index))
                {
                    if ((index.Status & BlockStatus.FailedValid) != 0) Fail($"active block {index.Hash} is marked invalid");
                    if (!index.IsValid(BlockStatus.ValidTransactions)) Fail($"active block {index.Hash} lacks validation");
                    // Once files were pruned, blocks of the active chain may have lost their data.
                    if (!Blockman.HavePruned && (index.Status & BlockStatus.HaveData) == 0) Fail($"active block {index.Hash} lacks data");
                }
            }
            if (!ActiveChainstate.Candidates.Contains(tip)) Fail("the tip is not a candidate");
        }
    }

    private ChainTipStatus TipStatus(BlockIndex tip)
    {
        if (ActiveChain.Contains(tip)) return ChainTipStatus.Active;
        if ((tip.Status & BlockStatus.FailedValid) != 0) return ChainTipStatus.Invalid;
        if (!tip.HaveNumChainTxs) return ChainTipStatus.HeadersOnly;
        if (tip.IsValid(BlockStatus.ValidScripts)) return ChainTipStatus.ValidFork;
        return ChainTipStatus.ValidHeaders;
    }

    private static void Fail(string message)
    {
        Log.Error($"CheckBlockIndex: {message}");
        throw new InvalidOperationException($"Block index inconsistency: {message}");
    }
}
