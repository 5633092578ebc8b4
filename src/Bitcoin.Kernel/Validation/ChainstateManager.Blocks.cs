using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

// Receiving headers and blocks (Core's AcceptBlockHeader, ProcessNewBlockHeaders, AcceptBlock, ProcessNewBlock).
public sealed partial class ChainstateManager
{
    // Core's MIN_BLOCKS_TO_KEEP: unrequested blocks further ahead of the tip than this are not stored.
    private const int MinBlocksToKeep = 288;

    /// <summary>
    /// Validates and stores headers (Core's ProcessNewBlockHeaders). <paramref name="minPowChecked"/> says the caller
    /// verified the headers carry enough work to be worth storing (anti-DoS). Returns false with
    /// <paramref name="state"/> set at the first rejected header; <paramref name="last"/> is the last accepted entry.
    /// Takes the lock.
    /// </summary>
    public bool ProcessNewBlockHeaders(IReadOnlyList<BlockHeader> headers, bool minPowChecked, BlockValidationState state, out BlockIndex? last)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(state);
        last = null;
        lock (Lock)
        {
            foreach (var header in headers)
            {
                bool accepted = AcceptBlockHeader(header, state, out var index, minPowChecked);
                CheckBlockIndex();
                if (!accepted) return false;
                last = index;
            }
        }
        if (NotifyHeaderTip() && IsInitialBlockDownload && last is not null)
        {
            long blocksLeft = Math.Max(0, (Options.Clock.GetUtcNow().ToUnixTimeSeconds() - last.BlockTime) / ChainParams.Consensus.PowTargetSpacing);
            double progress = 100.0 * last.Height / (last.Height + blocksLeft);
            Log.Info($"Synchronizing blockheaders, height: {last.Height} (~{progress.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}%)");
        }
        return true;
    }

    /// <summary>
    /// Accepts a block from the network or RPC (Core's ProcessNewBlock): context-free checks, header and contextual
    /// checks, storing it, then ActivateBestChain. <paramref name="forceProcessing"/> stores it even if unrequested
    /// (RPC, own blocks). Must be called without the lock.
    /// </summary>
    public ProcessBlockResult ProcessNewBlock(Block block, bool forceProcessing, bool minPowChecked)
    {
        ArgumentNullException.ThrowIfNull(block);
        var catcher = new CheckedStateCatcher(block.GetHash());
        lock (_checkedCatchers) _checkedCatchers.Add(catcher);
        try
        {
            bool newBlock;
            lock (Lock)
            {
                var state = new BlockValidationState();
                // Blocks failing CheckBlock are never marked invalid: they may be a mutated copy of a valid block.
                bool ok = CheckBlock(block, state);
                newBlock = false;
                if (ok) ok = AcceptBlock(block, state, out _, forceProcessing, null, out newBlock, minPowChecked);
                if (!ok)
                {
                    Options.Signals?.BlockChecked(block, state);
                    OnBlockChecked(block, state);
                    Log.Error($"ProcessNewBlock: AcceptBlock FAILED ({state})");
                    return new ProcessBlockResult(false, newBlock, state);
                }
            }
            NotifyHeaderTip();
            var activateState = new BlockValidationState();
            if (!ActiveChainstate.ActivateBestChain(activateState, block))
            {
                Log.Error($"ProcessNewBlock: ActivateBestChain failed ({activateState})");
                return new ProcessBlockResult(false, newBlock, catcher.State ?? activateState);
            }
            return new ProcessBlockResult(true, newBlock, catcher.State);
        }
        finally
        {
            lock (_checkedCatchers) _checkedCatchers.Remove(catcher);
        }
    }

    /// <summary>
    /// Checks a header and adds it to the block index (Core's AcceptBlockHeader). Call with the lock held.
    /// </summary>
    internal bool AcceptBlockHeader(BlockHeader header, BlockValidationState state, out BlockIndex? index, bool minPowChecked)
    {
        var hash = header.GetHash();
        var existing = Blockman.LookupBlockIndex(hash);
        if (hash != ChainParams.Consensus.HashGenesisBlock)
        {
            if (existing is not null)
            {
                index = existing;
                if ((existing.Status & BlockStatus.FailedValid) != 0)
                {
                    Log.Debug(LogCategory.Validation, $"AcceptBlockHeader: block {hash} is marked invalid");
                    return state.Invalid(BlockValidationResult.CachedInvalid, "duplicate-invalid", $"block {hash} was previously marked invalid");
                }
                return true;
            }
            index = null;
            if (!BlockChecks.CheckBlockHeader(header, state, ChainParams.Consensus))
            {
                Log.Debug(LogCategory.Validation, $"AcceptBlockHeader: Consensus::CheckBlockHeader: {hash}, {state}");
                return false;
            }
            var prev = Blockman.LookupBlockIndex(header.HashPrevBlock);
            if (prev is null)
            {
                Log.Debug(LogCategory.Validation, $"header {hash} has prev block not found: {header.HashPrevBlock}");
                return state.Invalid(BlockValidationResult.MissingPrev, "prev-blk-not-found");
            }
            if ((prev.Status & BlockStatus.FailedValid) != 0)
            {
                Log.Debug(LogCategory.Validation, $"header {hash} has prev block invalid: {header.HashPrevBlock}");
                return state.Invalid(BlockValidationResult.InvalidPrev, "bad-prevblk");
            }
            if (!BlockChecks.ContextualCheckBlockHeader(header, state, ChainParams, prev, Options.Clock.GetUtcNow().ToUnixTimeSeconds()))
            {
                Log.Debug(LogCategory.Validation, $"AcceptBlockHeader: Consensus::ContextualCheckBlockHeader: {hash}, {state}");
                return false;
            }
        }
        if (!minPowChecked)
        {
            index = existing;
            Log.Debug(LogCategory.Validation, $"AcceptBlockHeader: not adding new block header {hash}, missing anti-dos proof-of-work validation");
            return state.Invalid(BlockValidationResult.HeaderLowWork, "too-little-chainwork");
        }
        var best = BestHeader;
        index = Blockman.AddToBlockIndex(header, ref best);
        BestHeader = best;
        return true;
    }

    /// <summary>
    /// Stores a block after its header and contextual checks (Core's AcceptBlock). <paramref name="diskPosition"/>
    /// is set when the block already sits in a blk file (reindex). Call with the lock held.
    /// </summary>
    internal bool AcceptBlock(Block block, BlockValidationState state, out BlockIndex? index, bool requested, FlatFilePos? diskPosition, out bool newBlock, bool minPowChecked)
    {
        newBlock = false;
        bool acceptedHeader = AcceptBlockHeader(block.Header, state, out index, minPowChecked);
        CheckBlockIndex();
        if (!acceptedHeader) return false;

        bool alreadyHave = (index!.Status & BlockStatus.HaveData) != 0;
        var tip = ActiveChain.Tip;
        bool hasMoreOrSameWork = tip is null || index.ChainWork >= tip.ChainWork;
        // Far-ahead blocks would only delay pruning of the files they land in; Core refuses them unasked.
        bool tooFarAhead = index.Height > ActiveChain.Height + MinBlocksToKeep;

        if (alreadyHave) return true;
        if (!requested)
        {
            if (index.TxCount != 0) return true; // Processed before (and pruned).
            if (!hasMoreOrSameWork) return true;
            if (tooFarAhead) return true;
            if (index.ChainWork < MinimumChainWork) return true; // Low-work chains could be a DoS.
        }

        if (!CheckBlock(block, state) ||
            !BlockChecks.ContextualCheckBlock(block, state, ChainParams, index.Previous))
        {
            if (state.IsInvalid) ActiveChainstate.InvalidBlockFound(index, state);
            Log.Error($"AcceptBlock: {state}");
            return false;
        }

        // Valid header, merkle tree and witness commitment: announce it for fast relay if it extends the tip.
        if (!IsInitialBlockDownload && ActiveChain.Tip == index.Previous) Options.Signals?.NewPoWValidBlock(index, block);

        newBlock = true;
        try
        {
            FlatFilePos pos;
            if (diskPosition is { } existing)
            {
                pos = existing;
                Blockman.UpdateBlockInfo(block, index.Height, pos);
            }
            else
            {
                pos = Blockman.WriteBlock(block, index.Height);
                if (pos.IsNull) return state.Error("AcceptBlock: Failed to find position to write new block to disk");
            }
            ReceivedBlockTransactions(block, index, pos);
        }
        catch (IOException e)
        {
            return FatalError(state, $"System error while saving block to disk: {e.Message}");
        }

        // Only pruning could make this write; flush errors are reported through notifications, not as invalidity.
        ActiveChainstate.FlushStateToDisk(new BlockValidationState(), FlushStateMode.None);
        CheckBlockIndex();
        return true;
    }

    /// <summary>
    /// Records that a block's data is stored at <paramref name="pos"/> and, if its ancestors' data is all present,
    /// makes it and any waiting descendants candidate tips (Core's ReceivedBlockTransactions).
    /// </summary>
    internal void ReceivedBlockTransactions(Block block, BlockIndex index, FlatFilePos pos)
    {
        index.TxCount = (uint)block.Transactions.Count;
        index.ChainTxCount = 0;
        index.File = pos.File;
        index.DataPos = pos.Pos;
        index.UndoPos = 0;
        index.Status |= BlockStatus.HaveData;
        if (Consensus.Deployments.IsActiveAt(index, ChainParams.Consensus, BuriedDeployment.Segwit)) index.Status |= BlockStatus.OptWitness;
        index.RaiseValidity(BlockStatus.ValidTransactions);
        Blockman.MarkDirty(index);

        if (index.Previous is null || index.Previous.HaveNumChainTxs)
        {
            // Connect this block and every descendant that was waiting for it.
            var queue = new Queue<BlockIndex>();
            queue.Enqueue(index);
            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                next.ChainTxCount = next.TxCount + (next.Previous?.ChainTxCount ?? 0);
                next.SequenceId = BlockSequenceId++;
                ActiveChainstate.TryAddBlockIndexCandidate(next);
                foreach (var child in Blockman.TakeUnlinkedChildren(next)) queue.Enqueue(child);
            }
        }
        else if (index.Previous.IsValid(BlockStatus.ValidTree))
        {
            Blockman.AddUnlinkedBlock(index);
        }
    }

    /// <summary>
    /// Checks whether <paramref name="block"/> would be a valid new tip without storing anything (Core's
    /// TestBlockValidity, used by getblocktemplate proposals and the miner). Takes the lock.
    /// </summary>
    public BlockValidationState TestBlockValidity(Block block, bool checkPow = true, bool checkMerkleRoot = true)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (Lock)
        {
            var state = new BlockValidationState();
            var tip = ActiveChain.Tip ?? throw new InvalidOperationException("No active chain.");
            if (block.Header.HashPrevBlock != tip.Hash)
            {
                state.Invalid(BlockValidationResult.ResultUnset, "inconclusive-not-best-prevblk");
                return state;
            }
            if (!BlockChecks.CheckBlock(block, state, ChainParams.Consensus, checkPow, checkMerkleRoot)) return state;
            if (!BlockChecks.ContextualCheckBlockHeader(block.Header, state, ChainParams, tip, Options.Clock.GetUtcNow().ToUnixTimeSeconds())) return state;
            if (!BlockChecks.ContextualCheckBlock(block, state, ChainParams, tip)) return state;

            // A throw-away index entry and cache, so nothing of the real state changes.
            var dummy = new BlockIndex(block.Header) { Previous = tip, Height = tip.Height + 1 };
            var view = new Coins.CoinsViewCache(ActiveChainstate.CoinsTip);
            ActiveChainstate.ConnectBlock(block, state, dummy, view, justCheck: true);
            return state;
        }
    }
}
