using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Validation;

// Applying and undoing a block on a coins view (Core's ConnectBlock / DisconnectBlock).
public sealed partial class Chainstate
{
    private string? _lastScriptCheckReasonLogged = "";

    /// <summary>
    /// Applies <paramref name="block"/> (whose index is <paramref name="index"/>) to <paramref name="view"/>, which must
    /// be at its parent, checking every rule that needs the UTXO set: BIP30, inputs exist and mature, amounts, BIP68,
    /// sigops, coinbase value and scripts. Unless <paramref name="justCheck"/>, writes the undo data and raises the
    /// block to <see cref="BlockStatus.ValidScripts"/>. False with <paramref name="state"/> set on failure; the view
    /// is then unusable.
    /// </summary>
    internal bool ConnectBlock(Block block, BlockValidationState state, BlockIndex index, CoinsViewCache view, bool justCheck = false)
    {
        var hash = block.GetHash();
        if (hash != index.Hash) throw new ArgumentException("The block does not match its index entry.", nameof(index));
        var consensus = Params.Consensus;

        // Check it again in case an earlier version let a bad block in. Contextual checks are not repeated (as Core).
        if (!_chainman.CheckBlock(block, state, !justCheck, !justCheck))
        {
            if (state.Result == BlockValidationResult.Mutated)
            {
                // Mutated blocks are never stored, so this means the data changed on disk.
                return _chainman.FatalError(state, "Corrupt block found indicating potential hardware failure.");
            }
            Log.Error($"ConnectBlock: Consensus::CheckBlock: {state}");
            return false;
        }

        var prevHash = index.Previous?.Hash ?? uint256.Zero;
        if (prevHash != view.GetBestBlock()) throw new InvalidOperationException("The coins view is not at the block's parent.");

        // The genesis coinbase is not spendable: nothing to connect.
        if (hash == consensus.HashGenesisBlock)
        {
            if (!justCheck) view.SetBestBlock(hash);
            return true;
        }

        string? scriptCheckReason = _chainman.ScriptCheckReason(index);
        bool scriptChecks = scriptCheckReason is not null;
        if (scriptCheckReason != _lastScriptCheckReasonLogged)
        {
            if (scriptChecks) Log.Info($"Enabling script verification at block #{index.Height} ({hash}): {scriptCheckReason}.");
            else Log.Info($"Disabling script verification at block #{index.Height} ({hash}).");
            _lastScriptCheckReasonLogged = scriptCheckReason;
        }

        // BIP30: no transaction may overwrite an unspent output of an earlier one.
        if (consensus.MustCheckBip30(index))
        {
            foreach (var tx in block.Transactions)
            {
                var txid = tx.GetHash();
                for (int o = 0; o < tx.Outputs.Count; o++)
                {
                    if (view.HaveCoin(new OutPoint(txid, o)))
                        return state.Invalid(BlockValidationResult.Consensus, "bad-txns-BIP30", "tried to overwrite transaction");
                }
            }
        }

        int lockTimeFlags = ScriptFlags.GetBlockLockTimeFlags(index, consensus);
        var flags = ScriptFlags.GetBlockScriptFlags(index, Params);

        bool bench = Log.IsEnabled(LogCategory.Bench, LogLevel.Debug);
        long connectStart = System.Diagnostics.Stopwatch.GetTimestamp();
        int inputCount = 0;
        var blockUndo = new BlockUndo();
        var queue = _chainman.ScriptCheckQueue;
        bool checksQueued = false;
        try
        {
            long fees = 0;
            long sigOpsCost = 0;
            for (int i = 0; i < block.Transactions.Count; i++)
            {
                var tx = block.Transactions[i];
                inputCount += tx.Inputs.Count;
                TxOut[] spentOutputs = [];
                if (!tx.IsCoinBase)
                {
                    var spentCoins = new Coin?[tx.Inputs.Count];
                    for (int j = 0; j < tx.Inputs.Count; j++) spentCoins[j] = view.GetCoin(tx.Inputs[j].PrevOut);
                    var txState = new TxValidationState();
                    if (!TxChecks.CheckTxInputs(tx, txState, spentCoins, index.Height, out var txFee))
                    {
                        // Any transaction failure inside a block is a block consensus failure.
                        return Reject(state, BlockValidationResult.Consensus, txState.RejectReason, $"{txState.DebugMessage} in transaction {tx.GetHash()}");
                    }
                    fees += txFee.Satoshi;
                    if (!ConsensusConstants.MoneyRange(fees))
                        return Reject(state, BlockValidationResult.Consensus, "bad-txns-accumulated-fee-outofrange", "accumulated fee in the block out of range");

                    // BIP68 needs the heights of the coins being spent, hence here and not in the contextual checks.
                    var prevHeights = spentCoins.Select(c => c!.Height).ToArray();
                    if (!SequenceLocks.CheckSequenceLocks(tx, lockTimeFlags, prevHeights, index))
                        return Reject(state, BlockValidationResult.Consensus, "bad-txns-nonfinal", $"contains a non-BIP68-final transaction {tx.GetHash()}");
                    spentOutputs = spentCoins.Select(c => c!.Output).ToArray();
                }

                // Legacy sigops always; P2SH and witness sigops for non-coinbase transactions.
                sigOpsCost += SigOps.GetTransactionSigOpCost(tx, spentOutputs, flags);
                if (sigOpsCost > ConsensusConstants.MaxBlockSigOpsCost)
                    return Reject(state, BlockValidationResult.Consensus, "bad-blk-sigops", "too many sigops");

                if (!tx.IsCoinBase && scriptChecks)
                {
                    // Results are only cached when merely checking (a connected block's transactions are not seen again).
                    var checks = new List<ScriptCheck>(tx.Inputs.Count);
                    var txState = new TxValidationState();
                    if (!ScriptChecks.CheckInputScripts(tx, txState, spentOutputs, flags, justCheck, ScriptChecks.Precompute(tx, spentOutputs), _chainman.ValidationCache, checks))
                        return Reject(state, BlockValidationResult.Consensus, txState.RejectReason, txState.DebugMessage);
                    if (checks.Count > 0)
                    {
                        // Workers start on these while the next transactions are connected.
                        queue.Add(checks);
                        checksQueued = true;
                    }
                }

                var undo = new TxUndo();
                UpdateCoins(tx, view, undo, index.Height);
                if (i > 0) blockUndo.TxUndos.Add(undo);
            }

            if (bench)
            {
                Log.Debug(LogCategory.Bench, $"      - Connect {block.Transactions.Count} transactions: {Ms(connectStart)}ms");
            }
            long blockReward = fees + Subsidy.GetBlockSubsidy(index.Height, consensus).Satoshi;
            long coinbaseOut = block.Transactions[0].Outputs.Sum(o => o.Value.Satoshi);
            if (coinbaseOut > blockReward)
                state.Invalid(BlockValidationResult.Consensus, "bad-cb-amount", $"coinbase pays too much (actual={coinbaseOut} vs limit={blockReward})");
            if (checksQueued)
            {
                checksQueued = false;
                var failure = queue.Complete();
                if (failure is not null && state.IsValid)
                    state.Invalid(BlockValidationResult.Consensus, failure.BlockRejectReason, failure.DebugMessage);
            }
            if (!state.IsValid)
            {
                Log.Info($"Block validation error: {state}");
                return false;
            }
            if (bench) Log.Debug(LogCategory.Bench, $"    - Verify {inputCount - 1} txins: {Ms(connectStart)}ms");
        }
        finally
        {
            // The queue serves one block at a time: leave it empty even when returning early.
            if (checksQueued) queue.Complete();
        }

        if (justCheck) return true;

        long undoStart = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!Blockman.WriteBlockUndo(blockUndo, state, index)) return false;
        if (bench) Log.Debug(LogCategory.Bench, $"    - Write undo data: {Ms(undoStart)}ms");

        if (index.RaiseValidity(BlockStatus.ValidScripts)) Blockman.MarkDirty(index);
        view.SetBestBlock(index.Hash);
        return true;
    }

    private static string Ms(long since) =>
        System.Diagnostics.Stopwatch.GetElapsedTime(since).TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    private static bool Reject(BlockValidationState state, BlockValidationResult result, string reason, string debug)
    {
        state.Invalid(result, reason, debug);
        Log.Info($"Block validation error: {state}");
        return false;
    }

    /// <summary>Spends the inputs of <paramref name="tx"/> (recording them in <paramref name="undo"/>) and adds its outputs (Core's UpdateCoins).</summary>
    internal static void UpdateCoins(Transaction tx, CoinsViewCache view, TxUndo undo, int height)
    {
        if (!tx.IsCoinBase)
        {
            foreach (var input in tx.Inputs)
            {
                if (!view.SpendCoin(input.PrevOut, out var spent) || spent is null)
                    throw new InvalidOperationException($"UpdateCoins: input {input.PrevOut} is missing after CheckTxInputs.");
                undo.PrevOut.Add(spent);
            }
        }
        view.AddCoins(tx, height);
    }

    /// <summary>
    /// Undoes <paramref name="block"/> on <paramref name="view"/> using its undo data (Core's DisconnectBlock):
    /// removes the block's outputs and restores the coins it spent, newest transaction first.
    /// </summary>
    internal DisconnectResult DisconnectBlock(Block block, BlockIndex index, CoinsViewCache view)
    {
        var blockUndo = Blockman.ReadBlockUndo(index);
        if (blockUndo is null)
        {
            Log.Error("DisconnectBlock(): failure reading undo data");
            return DisconnectResult.Failed;
        }
        if (blockUndo.TxUndos.Count + 1 != block.Transactions.Count)
        {
            Log.Error("DisconnectBlock(): block and undo data inconsistent");
            return DisconnectResult.Failed;
        }

        // The two mainnet blocks whose coinbases were later duplicated cannot be undone cleanly; ignore them.
        bool enforceBip30 = !ConsensusParams.IsBip30Unspendable(index.Hash, index.Height);
        bool clean = true;
        for (int i = block.Transactions.Count - 1; i >= 0; i--)
        {
            var tx = block.Transactions[i];
            var txid = tx.GetHash();
            bool bip30Exception = tx.IsCoinBase && !enforceBip30;

            // The outputs must be there exactly as the block created them.
            for (int o = 0; o < tx.Outputs.Count; o++)
            {
                var output = tx.Outputs[o];
                if (Policy.StandardPolicy.IsUnspendable(output.ScriptPubKey)) continue;
                bool spent = view.SpendCoin(new OutPoint(txid, o), out var coin);
                if (!spent || coin is null || coin.Output.Value != output.Value || coin.Output.ScriptPubKey != output.ScriptPubKey ||
                    coin.Height != index.Height || coin.IsCoinbase != tx.IsCoinBase)
                {
                    if (!bip30Exception) clean = false;
                }
            }

            if (i > 0)
            {
                var txUndo = blockUndo.TxUndos[i - 1];
                if (txUndo.PrevOut.Count != tx.Inputs.Count)
                {
                    Log.Error("DisconnectBlock(): transaction and undo data inconsistent");
                    return DisconnectResult.Failed;
                }
                for (int j = tx.Inputs.Count - 1; j >= 0; j--)
                {
                    var result = ApplyTxInUndo(txUndo.PrevOut[j], view, tx.Inputs[j].PrevOut);
                    if (result == DisconnectResult.Failed) return DisconnectResult.Failed;
                    clean &= result != DisconnectResult.Unclean;
                }
            }
        }
        view.SetBestBlock(index.Previous!.Hash);
        return clean ? DisconnectResult.Ok : DisconnectResult.Unclean;
    }

    /// <summary>Restores one spent coin (Core's ApplyTxInUndo); Unclean if an unspent coin was already there.</summary>
    internal static DisconnectResult ApplyTxInUndo(Coin undo, CoinsViewCache view, OutPoint outpoint)
    {
        bool clean = !view.HaveCoin(outpoint);
        if (undo.Height == 0)
        {
            // Very old undo records kept height and coinbase only with the last spend of a transaction's outputs;
            // take them from another output of the same transaction.
            var alternate = view.AccessByTxid(outpoint.Hash);
            if (alternate.IsSpent) return DisconnectResult.Failed;
            undo = new Coin(undo.Output, alternate.Height, alternate.IsCoinbase);
        }
        view.AddCoin(outpoint, undo, possibleOverwrite: !clean);
        return clean ? DisconnectResult.Ok : DisconnectResult.Unclean;
    }

    /// <summary>Applies a block's effects ignoring whether they were already applied (Core's RollforwardBlock, for replay).</summary>
    private bool RollforwardBlock(BlockIndex index, CoinsViewCache view)
    {
        var block = Blockman.ReadBlock(index);
        if (block is null)
        {
            Log.Error($"ReplayBlock(): ReadBlock failed at {index.Height}, hash={index.Hash}");
            return false;
        }
        foreach (var tx in block.Transactions)
        {
            if (!tx.IsCoinBase)
            {
                foreach (var input in tx.Inputs) view.SpendCoin(input.PrevOut);
            }
            // Every addition may be an overwrite of a coin written before the crash.
            view.AddCoins(tx, index.Height, checkForOverwrite: true);
        }
        return true;
    }

    /// <summary>
    /// Finishes a coins flush that was interrupted by a crash (Core's ReplayBlocks): if the database carries the
    /// head-blocks marker, roll back the old branch with undo data and forward along the new one, then write the
    /// result. False if the marker refers to unknown blocks or block data cannot be read.
    /// </summary>
    internal bool ReplayBlocks()
    {
        lock (_chainman.Lock)
        {
            var db = CoinsDb;
            var heads = db.GetHeadBlocks();
            if (heads.Count == 0) return true;
            if (heads.Count != 2)
            {
                Log.Error("ReplayBlocks(): unknown inconsistent state");
                return false;
            }
            var notifications = _chainman.Options.Notifications;
            notifications.Progress("Replaying blocks…", 0, false);
            Log.Info("Replaying blocks");

            var cache = new CoinsViewCache(db);
            var indexNew = Blockman.LookupBlockIndex(heads[0]);
            if (indexNew is null)
            {
                Log.Error("ReplayBlocks(): reorganization to unknown block requested");
                return false;
            }
            BlockIndex? indexOld = null;
            BlockIndex? fork = null;
            if (heads[1] != uint256.Zero)
            {
                indexOld = Blockman.LookupBlockIndex(heads[1]);
                if (indexOld is null)
                {
                    Log.Error("ReplayBlocks(): reorganization from unknown block requested");
                    return false;
                }
                fork = BlockIndex.LastCommonAncestor(indexOld, indexNew);
            }

            int forkHeight = fork?.Height ?? 0;
            if (indexOld != fork)
            {
                Log.Info($"Rolling back from {indexOld!.Hash} ({indexOld.Height} to {forkHeight})");
                while (indexOld != fork)
                {
                    if (indexOld!.Height > 0)
                    {
                        var block = Blockman.ReadBlock(indexOld);
                        if (block is null)
                        {
                            Log.Error($"RollbackBlock(): ReadBlock() failed at {indexOld.Height}, hash={indexOld.Hash}");
                            return false;
                        }
                        if (indexOld.Height % 10_000 == 0) Log.Info($"Rolling back {indexOld.Hash} ({indexOld.Height})");
                        // Unclean is expected here: the interrupted write may not have applied the whole block.
                        if (DisconnectBlock(block, indexOld, cache) == DisconnectResult.Failed)
                        {
                            Log.Error($"RollbackBlock(): DisconnectBlock failed at {indexOld.Height}, hash={indexOld.Hash}");
                            return false;
                        }
                    }
                    indexOld = indexOld.Previous;
                }
                Log.Info($"Rolled back to {fork!.Hash}");
            }

            if (forkHeight < indexNew.Height)
            {
                Log.Info($"Rolling forward to {indexNew.Hash} ({forkHeight} to {indexNew.Height})");
                for (int height = forkHeight + 1; height <= indexNew.Height; height++)
                {
                    var index = indexNew.GetAncestor(height)!;
                    if (height % 10_000 == 0) Log.Info($"Rolling forward {index.Hash} ({height})");
                    notifications.Progress("Replaying blocks…", (int)((height - forkHeight) * 100.0 / (indexNew.Height - forkHeight)), false);
                    if (!RollforwardBlock(index, cache)) return false;
                }
                Log.Info($"Rolled forward to {indexNew.Hash}");
            }

            cache.SetBestBlock(indexNew.Hash);
            cache.Flush();
            notifications.Progress(string.Empty, 100, false);
            return true;
        }
    }
}
