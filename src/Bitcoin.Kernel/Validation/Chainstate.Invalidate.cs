using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

// Invalid blocks: recording failures, invalidateblock, reconsiderblock and preciousblock.
public sealed partial class Chainstate
{
    /// <summary>Records that <paramref name="index"/> failed validation (unless it was merely mutated in transit).</summary>
    internal void InvalidBlockFound(BlockIndex index, BlockValidationState state)
    {
        if (state.Result == BlockValidationResult.Mutated) return;
        index.Status |= BlockStatus.FailedValid;
        Blockman.MarkDirty(index);
        Candidates.Remove(index);
        InvalidChainFound(index);
    }

    /// <summary>Marks descendants failed, updates the best-invalid and best-header pointers and logs (Core's InvalidChainFound).</summary>
    internal void InvalidChainFound(BlockIndex indexNew)
    {
        if (_chainman.BestInvalid is null || indexNew.ChainWork > _chainman.BestInvalid.ChainWork) _chainman.BestInvalid = indexNew;
        SetBlockFailureFlags(indexNew);
        if (_chainman.BestHeader is not null && _chainman.BestHeader.GetAncestor(indexNew.Height) == indexNew) _chainman.RecalculateBestHeader();

        Log.Info($"InvalidChainFound: invalid block={indexNew.Hash} height={indexNew.Height} log2_work={FormatDouble(Math.Log2(indexNew.ChainWork.ToDouble()))} date={FormatIsoDateTime(indexNew.Time)}");
        // The chain is empty only while a reindex has not connected the genesis block yet.
        if (Chain.Tip is { } tip)
            Log.Info($"InvalidChainFound: current best={tip.Hash} height={Chain.Height} log2_work={FormatDouble(Math.Log2(tip.ChainWork.ToDouble()))} date={FormatIsoDateTime(tip.Time)}");
        CheckForkWarningConditions();
    }

    private void SetBlockFailureFlags(BlockIndex invalid)
    {
        foreach (var index in Blockman.AllBlockIndices)
        {
            if (index != invalid && index.GetAncestor(invalid.Height) == invalid && (index.Status & BlockStatus.FailedValid) == 0)
            {
                index.Status |= BlockStatus.FailedValid;
                Blockman.MarkDirty(index);
            }
        }
    }

    /// <summary>
    /// Clears the failure flags of <paramref name="index"/>, its descendants and its ancestors, and makes them
    /// candidates again (Core's ResetBlockFailureFlags, used by reconsiderblock).
    /// </summary>
    internal void ResetBlockFailureFlags(BlockIndex index)
    {
        int height = index.Height;
        foreach (var entry in Blockman.AllBlockIndices)
        {
            if ((entry.Status & BlockStatus.FailedValid) == 0) continue;
            if (entry.GetAncestor(height) != index && index.GetAncestor(entry.Height) != entry) continue;
            entry.Status &= ~BlockStatus.FailedValid;
            Blockman.MarkDirty(entry);
            if (entry.IsValid(BlockStatus.ValidTransactions) && entry.HaveNumChainTxs && (Chain.Tip is null || BlockIndexWorkComparer.Less(Chain.Tip, entry)))
                Candidates.Add(entry);
            if (entry == _chainman.BestInvalid) _chainman.BestInvalid = null;
        }
    }

    /// <summary>
    /// Marks <paramref name="index"/> and its descendants invalid, disconnecting them if they are in the active chain
    /// (Core's InvalidateBlock). The tip then moves to the best remaining chain on the next ActivateBestChain.
    /// Must be called without the chainstate lock. False if the block cannot be invalidated (genesis) or a
    /// disconnect failed.
    /// </summary>
    internal bool InvalidateBlock(BlockValidationState state, BlockIndex index)
    {
        if (index.Height == 0) return false;
        if (_chainman.Lock.IsHeldByCurrentThread)
            throw new InvalidOperationException("InvalidateBlock must be called without the chainstate lock held.");
        lock (ChainstateMutex)
        {
            // Out-of-chain blocks that could become candidates as we walk back, sorted by work (Core's multimap).
            var highWork = new List<BlockIndex>();
            lock (_chainman.Lock)
            {
                foreach (var candidate in Blockman.AllBlockIndices)
                {
                    if (!Chain.Contains(candidate) && !BlockIndexWorkComparer.Less(candidate, index.Previous!) && (candidate.Status & BlockStatus.FailedValid) == 0)
                        highWork.Add(candidate);
                }
            }
            highWork.Sort((a, b) => a.ChainWork.CompareTo(b.ChainWork));

            var toMarkFailed = index;
            bool wasInChain = false;
            int disconnectedCount = 0;
            while (true)
            {
                if (_chainman.Options.Interrupt.IsCancellationRequested) break;
                if (_chainman.Options.Signals is { CallbacksPending: > 10 } signals) signals.SyncWithValidationInterfaceQueue();
                lock (_chainman.Lock)
                {
                    if (!Chain.Contains(index)) break;
                    wasInChain = true;
                    var disconnectedTip = Chain.Tip!;
                    var disconnected = new List<Transaction>();
                    bool ok = DisconnectTip(state, disconnected);
                    // Deep invalidations do not bother re-adding transactions to the mempool.
                    UpdateMempoolForReorg(disconnected, addToMempool: ++disconnectedCount <= 10 && ok);
                    if (!ok) return false;
                    var newTip = Chain.Tip!;

                    // Mark at once, so a node that cannot find the block data again still has a valid candidate.
                    disconnectedTip.Status |= BlockStatus.FailedValid;
                    Blockman.MarkDirty(disconnectedTip);
                    Candidates.Remove(disconnectedTip);
                    Candidates.Add(newTip);

                    bool bestHeaderNeedsUpdate = _chainman.BestHeader!.GetAncestor(disconnectedTip.Height) == disconnectedTip;
                    if (bestHeaderNeedsUpdate) _chainman.BestHeader = newTip;

                    int lower = LowerBound(highWork, newTip.ChainWork);
                    for (int i = lower; i < highWork.Count;)
                    {
                        var candidate = highWork[i];
                        if (candidate.GetAncestor(disconnectedTip.Height) == disconnectedTip)
                        {
                            candidate.Status |= BlockStatus.FailedValid;
                            Blockman.MarkDirty(candidate);
                            highWork.RemoveAt(i);
                            continue;
                        }
                        if (!BlockIndexWorkComparer.Less(candidate, newTip) && candidate.IsValid(BlockStatus.ValidTransactions) && candidate.HaveNumChainTxs)
                            Candidates.Add(candidate);
                        if (bestHeaderNeedsUpdate && _chainman.BestHeader.ChainWork < candidate.ChainWork)
                            _chainman.BestHeader = candidate;
                        i++;
                    }
                    toMarkFailed = disconnectedTip;
                }
            }

            _chainman.CheckBlockIndex();

            lock (_chainman.Lock)
            {
                if (Chain.Contains(toMarkFailed)) return false;
                if (!wasInChain && (index.Status & BlockStatus.FailedValid) == 0)
                {
                    index.Status |= BlockStatus.FailedValid;
                    Blockman.MarkDirty(index);
                    Candidates.Remove(index);
                }
                // Blocks that arrived while we were disconnecting may have been missed above.
                foreach (var entry in Blockman.AllBlockIndices)
                {
                    if (entry.IsValid(BlockStatus.ValidTransactions) && entry.HaveNumChainTxs && (Chain.Tip is null || !BlockIndexWorkComparer.Less(entry, Chain.Tip)))
                        Candidates.Add(entry);
                }
                InvalidChainFound(toMarkFailed);

                if (wasInChain)
                {
                    _chainman.NotifyBlockTip(toMarkFailed.Previous!);
                    _chainman.Options.Signals?.ActiveTipChange(Chain.Tip!, _chainman.IsInitialBlockDownload);
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Treats <paramref name="index"/> as if it had been received before any other block of equal work (Core's
    /// PreciousBlock), then activates the best chain. Must be called without the chainstate lock.
    /// </summary>
    internal bool PreciousBlock(BlockValidationState state, BlockIndex index)
    {
        lock (_chainman.Lock)
        {
            // Nothing to do before any block is connected, or for a block with less work than the tip.
            if (Chain.Tip is null || index.ChainWork < Chain.Tip.ChainWork) return true;
            if (Chain.Tip.ChainWork > _chainman.LastPreciousChainwork)
            {
                // The chain grew since the last call: restart the counter.
                _chainman.BlockReverseSequenceId = -1;
            }
            _chainman.LastPreciousChainwork = Chain.Tip.ChainWork;
            Candidates.Remove(index);
            index.SequenceId = _chainman.BlockReverseSequenceId;
            if (_chainman.BlockReverseSequenceId > int.MinValue) _chainman.BlockReverseSequenceId--;
            if (index.IsValid(BlockStatus.ValidTransactions) && index.HaveNumChainTxs)
            {
                Candidates.Add(index);
                PruneBlockIndexCandidates();
            }
        }
        return ActivateBestChain(state);
    }

    private static int LowerBound(List<BlockIndex> sortedByWork, ArithUInt256 work)
    {
        int lo = 0, hi = sortedByWork.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sortedByWork[mid].ChainWork < work) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
