using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;

namespace Bitcoin.Kernel.Validation;

// Checking the stored chain against itself (Core's CVerifyDB::VerifyDB, behind -checkblocks/-checklevel and verifychain).
public sealed partial class Chainstate
{
    /// <summary>
    /// Verifies the last <paramref name="checkDepth"/> blocks of the active chain (0 or more than the height = all)
    /// at <paramref name="checkLevel"/> (clamped to 0-4): 0 reads blocks, 1 checks them, 2 reads undo data, 3
    /// disconnects them in memory, 4 reconnects them. Works on a throw-away cache over <paramref name="coinsView"/>;
    /// changes nothing. Call with the chainstate lock held.
    /// </summary>
    internal VerifyDbResult VerifyDb(ICoinsView coinsView, int checkLevel, int checkDepth)
    {
        var tip = Chain.Tip;
        if (tip is null || tip.Previous is null) return VerifyDbResult.Success;
        var notifications = _chainman.Options.Notifications;
        notifications.Progress("Verifying blocks…", 0, false);
        try
        {
            if (checkDepth <= 0 || checkDepth > Chain.Height) checkDepth = Chain.Height;
            checkLevel = Math.Clamp(checkLevel, 0, 4);
            Log.Info($"Verifying last {checkDepth} blocks at level {checkLevel}");
            var coins = new CoinsViewCache(coinsView);
            BlockIndex? index;
            BlockIndex? failure = null;
            int goodTransactions = 0;
            int reportDone = 0;
            bool skippedL3 = false;
            bool skippedNoBlockData = false;
            var state = new BlockValidationState();
            Log.Info("Verification progress: 0%");

            for (index = tip; index is not null && index.Previous is not null; index = index.Previous)
            {
                int percent = Math.Max(1, Math.Min(99, (int)((double)(Chain.Height - index.Height) / checkDepth * (checkLevel >= 4 ? 50 : 100))));
                if (reportDone < percent / 10)
                {
                    Log.Info($"Verification progress: {percent}%");
                    reportDone = percent / 10;
                }
                notifications.Progress("Verifying blocks…", percent, false);
                if (index.Height <= Chain.Height - checkDepth) break;
                if (Blockman.IsPruneMode && (index.Status & BlockStatus.HaveData) == 0)
                {
                    // Pruned: check only as far back as blocks are stored.
                    Log.Info($"Block verification stopping at height {index.Height} (no data). This could be due to pruning or use of an assumeutxo snapshot.");
                    skippedNoBlockData = true;
                    break;
                }

                var block = Blockman.ReadBlock(index);
                if (block is null)
                {
                    Log.Error($"Verification error: ReadBlock failed at {index.Height}, hash={index.Hash}");
                    return VerifyDbResult.CorruptedBlockDb;
                }
                if (checkLevel >= 1 && !BlockChecks.CheckBlock(block, state, Params.Consensus, true, true))
                {
                    Log.Error($"Verification error: found bad block at {index.Height}, hash={index.Hash} ({state})");
                    return VerifyDbResult.CorruptedBlockDb;
                }
                if (checkLevel >= 2 && (index.Status & BlockStatus.HaveUndo) != 0 && Blockman.ReadBlockUndo(index) is null)
                {
                    Log.Error($"Verification error: found bad undo data at {index.Height}, hash={index.Hash}");
                    return VerifyDbResult.CorruptedBlockDb;
                }
                if (checkLevel >= 3)
                {
                    // Level 3 keeps every disconnected block's changes in memory; skip it if that would not fit.
                    if (coins.DynamicMemoryUsage + CoinsTip.DynamicMemoryUsage <= CoinsTipCacheBytes)
                    {
                        if (coins.GetBestBlock() != index.Hash) throw new InvalidOperationException("VerifyDB cache is not at the block being disconnected.");
                        var result = DisconnectBlock(block, index, coins);
                        if (result == DisconnectResult.Failed)
                        {
                            Log.Error($"Verification error: irrecoverable inconsistency in block data at {index.Height}, hash={index.Hash}");
                            return VerifyDbResult.CorruptedBlockDb;
                        }
                        if (result == DisconnectResult.Unclean)
                        {
                            goodTransactions = 0;
                            failure = index;
                        }
                        else
                        {
                            goodTransactions += block.Transactions.Count;
                        }
                    }
                    else
                    {
                        skippedL3 = true;
                    }
                }
                if (_chainman.Options.Interrupt.IsCancellationRequested) return VerifyDbResult.Interrupted;
            }
            if (failure is not null)
            {
                Log.Error($"Verification error: coin database inconsistencies found (last {Chain.Height - failure.Height + 1} blocks, {goodTransactions} good transactions before that)");
                return VerifyDbResult.CorruptedBlockDb;
            }
            if (skippedL3) Log.Warning("Skipped verification of level >=3 (insufficient database cache size). Consider increasing -dbcache.");

            int blockCount = Chain.Height - index!.Height;
            if (checkLevel >= 4 && !skippedL3)
            {
                while (index != Chain.Tip)
                {
                    int percent = Math.Max(1, Math.Min(99, 100 - (int)((double)(Chain.Height - index!.Height) / checkDepth * 50)));
                    if (reportDone < percent / 10)
                    {
                        Log.Info($"Verification progress: {percent}%");
                        reportDone = percent / 10;
                    }
                    notifications.Progress("Verifying blocks…", percent, false);
                    index = Chain.Next(index)!;
                    var block = Blockman.ReadBlock(index);
                    if (block is null)
                    {
                        Log.Error($"Verification error: ReadBlock failed at {index.Height}, hash={index.Hash}");
                        return VerifyDbResult.CorruptedBlockDb;
                    }
                    if (!ConnectBlock(block, state, index, coins))
                    {
                        Log.Error($"Verification error: found unconnectable block at {index.Height}, hash={index.Hash} ({state})");
                        return VerifyDbResult.CorruptedBlockDb;
                    }
                    if (_chainman.Options.Interrupt.IsCancellationRequested) return VerifyDbResult.Interrupted;
                }
            }

            Log.Info($"Verification: checked last {blockCount} blocks at level {checkLevel}");
            if (checkLevel >= 3 && !skippedL3) Log.Info($"Verification: no coin database inconsistencies ({goodTransactions} transactions)");
            if (skippedL3) return VerifyDbResult.SkippedL3Checks;
            if (skippedNoBlockData) return VerifyDbResult.SkippedMissingBlocks;
            return VerifyDbResult.Success;
        }
        finally
        {
            notifications.Progress(string.Empty, 100, false);
        }
    }
}
