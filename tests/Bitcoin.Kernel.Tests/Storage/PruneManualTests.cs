using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Storage;

/// <summary>Manual pruning (-prune=1 and the pruneblockchain RPC's kernel call), as Core's FindFilesToPruneManual.</summary>
public class PruneManualTests
{
    [Fact]
    public void ManualPruneDeletesWholeFilePairsAtOrBelowTheHeightAndForgetsTheirBlocks()
    {
        using var node = new PruneTestNode();
        node.MinePadded(330);
        int lastInFile1 = node.LastHeightInFile(1);
        Assert.True(node.BlockFileExists(0) && node.UndoFileExists(0));

        // One block short of file 1's last block: file 1 stays, only file 0 goes.
        node.Chainman.PruneBlockFilesManual(lastInFile1 - 1);
        Assert.False(node.BlockFileExists(0));
        Assert.False(node.UndoFileExists(0));
        Assert.True(node.BlockFileExists(1));

        node.Chainman.PruneBlockFilesManual(lastInFile1);
        Assert.False(node.BlockFileExists(1));
        Assert.False(node.UndoFileExists(1));
        Assert.True(node.BlockFileExists(2));
        Assert.True(node.UndoFileExists(2));

        lock (node.Chainman.Lock)
        {
            var blockman = node.Blockman;
            Assert.True(blockman.HavePruned);
            for (int height = 0; height <= lastInFile1; height++)
            {
                var index = node.AtHeight(height);
                Assert.Equal((BlockStatus)0, index.Status & BlockStatus.HaveMask);
                Assert.Equal(0, index.File);
                Assert.Equal(0u, index.DataPos);
                Assert.Equal(0u, index.UndoPos);
                // The transaction count survives: the block was seen, so it is "pruned", not "never downloaded".
                Assert.True(index.TxCount > 0);
                Assert.True(blockman.IsBlockPruned(index));
                Assert.Null(blockman.ReadBlock(index));
            }
            var firstKept = node.AtHeight(lastInFile1 + 1);
            Assert.Equal(BlockStatus.HaveMask, firstKept.Status & BlockStatus.HaveMask);
            Assert.False(blockman.IsBlockPruned(firstKept));
            Assert.Equal(lastInFile1, blockman.GetPruneHeight(node.Chainman.ActiveChain));
            Assert.Same(firstKept, blockman.GetFirstStoredBlock(node.Chainman.ActiveChain));
            Assert.Equal(0u, blockman.GetBlockFileInfo(0)!.Size);
            Assert.Equal(0u, blockman.GetBlockFileInfo(1)!.Blocks);
        }
        Assert.NotNull(node.Chainman.ReadBlock(node.AtHeight(lastInFile1 + 1)));
    }

    [Fact]
    public void ManualPruneKeepsTheLast288BlocksAndTheFileBeingWritten()
    {
        using var node = new PruneTestNode();
        node.MinePadded(330);
        int tipHeight = node.Tip.Height;

        node.Chainman.PruneBlockFilesManual(tipHeight);

        lock (node.Chainman.Lock)
        {
            int lastKeptFromPruning = tipHeight - BlockManager.MinBlocksToKeep;
            for (int file = 0; file <= node.Blockman.MaxBlockfileNum; file++)
            {
                var info = node.Blockman.GetBlockFileInfo(file)!;
                // A file survives exactly when it holds one of the last 288 blocks (or is the one being written).
                bool kept = info.Size > 0;
                Assert.Equal(kept, node.BlockFileExists(file));
                if (!kept) continue;
                Assert.True(file == node.Blockman.MaxBlockfileNum || info.HeightLast > lastKeptFromPruning, $"file {file} should have been pruned");
            }
            for (int height = lastKeptFromPruning + 1; height <= tipHeight; height++)
                Assert.Equal(BlockStatus.HaveMask, node.AtHeight(height).Status & BlockStatus.HaveMask);
            int pruneHeight = node.Blockman.GetPruneHeight(node.Chainman.ActiveChain)!.Value;
            Assert.InRange(pruneHeight, 1, lastKeptFromPruning);
        }
    }

    [Fact]
    public void ManualPruneAtHeightZeroOrBelowTheFirstFileDeletesNothing()
    {
        using var node = new PruneTestNode();
        node.MinePadded(330);

        node.Chainman.PruneBlockFilesManual(0);
        node.Chainman.PruneBlockFilesManual(node.LastHeightInFile(0) - 1);

        Assert.True(node.BlockFileExists(0));
        lock (node.Chainman.Lock)
        {
            Assert.False(node.Blockman.HavePruned);
            Assert.Null(node.Blockman.GetPruneHeight(node.Chainman.ActiveChain));
            Assert.Same(node.AtHeight(0), node.Blockman.GetFirstStoredBlock(node.Chainman.ActiveChain));
        }
    }

    [Fact]
    public void ManualPruneNeedsPruneMode()
    {
        using var node = new PruneTestNode(pruneTarget: 0);
        node.MinePadded(3);

        var error = Assert.Throws<InvalidOperationException>(() => node.Chainman.PruneBlockFilesManual(1));
        Assert.Equal("Cannot prune blocks because node is not in prune mode.", error.Message);
    }

    [Fact]
    public void ManualModeNeverPrunesOnItsOwn()
    {
        using var node = new PruneTestNode(BlockManager.PruneTargetManual);
        node.MinePadded(330);
        lock (node.Chainman.Lock) node.Blockman.GetBlockFileInfo(0)!.Size = 600u * 1024 * 1024;

        node.MinePadded(20);
        node.Chainman.PruneAndFlush();

        Assert.True(node.BlockFileExists(0));
        lock (node.Chainman.Lock) Assert.False(node.Blockman.HavePruned);
    }

    [Fact]
    public void ResubmittedPrunedBlockIsStoredAgain()
    {
        // Core's mining_basic.py: submitblock of a pruned block stores it again ("inconclusive": nothing was connected).
        using var node = new PruneTestNode();
        var blocks = node.MinePadded(330);
        node.Chainman.PruneBlockFilesManual(node.LastHeightInFile(0));
        var pruned = node.AtHeight(2);
        lock (node.Chainman.Lock) Assert.True(node.Blockman.IsBlockPruned(pruned));

        var result = node.Chainman.ProcessNewBlock(blocks[1], forceProcessing: true, minPowChecked: true);

        Assert.True(result.Accepted);
        Assert.True(result.IsNewBlock);
        Assert.Null(result.CheckedState);
        lock (node.Chainman.Lock)
        {
            Assert.True((pruned.Status & BlockStatus.HaveData) != 0);
            Assert.False(node.Blockman.IsBlockPruned(pruned));
        }
        Assert.Equal(blocks[1].ToBytes(), node.Chainman.ReadRawBlock(pruned));
    }

    [Fact]
    public void VerifyChainStopsAtTheFirstPrunedBlock()
    {
        var log = Validation.Support.LogCapture.Instance;
        using var node = new PruneTestNode();
        node.MinePadded(330);
        // Walking down from the tip, the first block without data is the last one of the pruned file. Read it before
        // pruning: pruning clears the file's statistics.
        int firstMissing = node.LastHeightInFile(0);
        node.Chainman.PruneBlockFilesManual(firstMissing);

        Assert.Equal(VerifyDbResult.SkippedMissingBlocks, node.Chainman.VerifyDb(4, 0));
        Assert.Contains(log.Lines,
            l => l == $"Block verification stopping at height {firstMissing} (no data). This could be due to pruning or use of an assumeutxo snapshot.");
        // Checking only stored blocks succeeds.
        Assert.Equal(VerifyDbResult.Success, node.Chainman.VerifyDb(4, 10));
    }
}
