using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Tests.Validation.Support;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Storage;

/// <summary>
/// A regtest chainstate with -fastprune (64 KiB block files, prune after height 100) and a prune target, fed with
/// blocks padded to a few KiB so that a few hundred blocks fill dozens of blk/rev file pairs, as Core's pruning tests
/// fill files with large coinbase outputs.
/// </summary>
internal sealed class PruneTestNode : IDisposable
{
    /// <summary>Bytes of OP_RETURN data in each padded block's coinbase: about a dozen blocks per 64 KiB file.</summary>
    public const int PaddingBytes = 5000;

    private static readonly ChainParams FastPruneParams = ChainParams.Create(ChainType.Regtest, new ChainParamsOptions { FastPrune = true });

    public PruneTestNode(ulong pruneTarget = BlockManager.PruneTargetManual)
    {
        PruneTarget = pruneTarget;
        Node = new TestNode(Configure);
    }

    /// <summary>The -prune target the node is opened with (0: not pruning).</summary>
    public ulong PruneTarget { get; private set; }

    public TestNode Node { get; }

    public ChainstateManager Chainman => Node.Chainman;

    public BlockManager Blockman => Node.Chainman.Blockman;

    public BlockIndex Tip => Node.Tip;

    public string BlocksDir => Path.Combine(Node.DataDir, "blocks");

    /// <summary>Mines <paramref name="count"/> padded blocks on the tip and returns them.</summary>
    public List<Block> MinePadded(int count)
    {
        var blocks = new List<Block>();
        for (int i = 0; i < count; i++)
        {
            var block = Node.Builder.BuildBlock(Tip, tamper: Pad);
            var result = Chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true);
            Assert.True(result.Accepted, $"block rejected: {result.CheckedState}");
            Assert.Equal(block.GetHash(), Tip.Hash);
            blocks.Add(block);
        }
        return blocks;
    }

    /// <summary>Closes and reopens the chainstate, with another prune target and options if given.</summary>
    public ChainstateManager Reopen(ulong? pruneTarget = null, Func<ChainstateManagerOptions, ChainstateManagerOptions>? configure = null)
    {
        PruneTarget = pruneTarget ?? PruneTarget;
        return Node.Reopen(o => (configure ?? (x => x))(Configure(o)));
    }

    public bool BlockFileExists(int file) => File.Exists(Path.Combine(BlocksDir, $"blk{file:D5}.dat"));

    public bool UndoFileExists(int file) => File.Exists(Path.Combine(BlocksDir, $"rev{file:D5}.dat"));

    /// <summary>The block index entry at <paramref name="height"/> of the active chain.</summary>
    public BlockIndex AtHeight(int height)
    {
        lock (Chainman.Lock) return Chainman.ActiveChain[height]!;
    }

    /// <summary>The highest height stored in blk file <paramref name="file"/>.</summary>
    public int LastHeightInFile(int file)
    {
        lock (Chainman.Lock) return (int)Blockman.GetBlockFileInfo(file)!.HeightLast;
    }

    public void Dispose() => Node.Dispose();

    private ChainstateManagerOptions Configure(ChainstateManagerOptions options) =>
        options with { ChainParams = FastPruneParams, FastPrune = true, PruneTarget = PruneTarget };

    // Core's feature_pruning pads its coinbases the same way: OP_RETURN data is consensus-valid in any size. The
    // coinbase has no witness, so the witness commitment added before stays valid.
    private static void Pad(Block block) =>
        block.Transactions[0].Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(new byte[PaddingBytes]))));
}
