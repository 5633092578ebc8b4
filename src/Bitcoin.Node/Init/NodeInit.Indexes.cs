using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;

namespace Bitcoin.Node.Init;

// Starting the optional indexes' background sync after the block import (Core's StartIndexBackgroundSync).
public static partial class NodeInit
{
    /// <summary>
    /// Checks that the blocks (and undo data, for indexes that read it) each unsynced index still has to process are
    /// stored, then starts the indexes' sync threads; false (after an init error) if pruning deleted some of them.
    /// </summary>
    private static bool StartIndexBackgroundSync(NodeContext node, ChainstateManager chainman)
    {
        var indexes = node.Indexes;
        lock (chainman.Lock)
        {
            var chain = chainman.ActiveChain;
            // Nothing to check before any block was synced.
            if (chain.Height > 0)
            {
                BlockIndex? blockStart = null, undoStart = null;
                string blockStartName = "", undoStartName = "";
                foreach (var index in indexes)
                {
                    var summary = index.GetSummary();
                    if (summary.Synced) continue;
                    // The last block the index shares with the active chain.
                    var start = chainman.Blockman.LookupBlockIndex(summary.BestBlockHash);
                    if (start is null)
                        Log.Warning($"Failed to find block manager entry for best block {summary.BestBlockHash} from {summary.Name}, falling back to genesis for index sync");
                    else if (!chain.Contains(start))
                        start = chain.FindFork(start);
                    start ??= chain.Genesis!;

                    if (index.NeedsUndoData)
                    {
                        if (undoStart is not null && start.Height >= undoStart.Height) continue;
                        undoStart = start;
                        undoStartName = summary.Name;
                    }
                    else
                    {
                        if (blockStart is not null && start.Height >= blockStart.Height) continue;
                        blockStart = start;
                        blockStartName = summary.Name;
                    }
                }

                if (undoStart is not null && !chainman.Blockman.CheckBlockDataAvailability(chain.Tip!, undoStart, BlockStatus.HaveData | BlockStatus.HaveUndo))
                    return InitMessages.Error($"{undoStartName} best block of the index goes beyond pruned data (including undo data). Please disable the index or reindex (which will download the whole blockchain again)");
                if (blockStart is not null && !(undoStart is not null && undoStart.Height <= blockStart.Height)
                    && !chainman.Blockman.CheckBlockDataAvailability(chain.Tip!, blockStart, BlockStatus.HaveData))
                    return InitMessages.Error($"{blockStartName} best block of the index goes beyond pruned data. Please disable the index or reindex (which will download the whole blockchain again)");
            }
        }

        foreach (var index in indexes) index.StartBackgroundSync();
        return true;
    }
}
