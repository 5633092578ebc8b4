using Bitcoin.Interfaces;
using Bitcoin.Kernel.Index;
using Bitcoin.Node.Interfaces;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Interfaces;

/// <summary>
/// The chain interface answers block filter questions from the node's -blockfilterindex (Core's hasBlockFilterIndex and
/// blockFilterMatchesAny), which a wallet uses to skip blocks that pay none of its scripts.
/// </summary>
public sealed class ChainBlockFilterTests
{
    [Fact]
    public async Task FiltersOfIndexedBlocksTellWhetherAScriptMayBeInThem()
    {
        using var node = new RegtestNode();
        var key = new Key();
        var paid = key.PubKey.WitHash.ScriptPubKey;
        var hashes = await node.GenerateAsync(2, paid.GetDestinationAddress(node.ChainParams.Network)!.ToString());
        await node.GenerateAsync(1);
        node.Node.Chainman = node.Chainman;
        var chain = NodeInterfaces.MakeChain(node.Node);
        var first = uint256.Parse(hashes[0]);
        var unpaid = new Key().PubKey.WitHash.ScriptPubKey.ToBytes();

        Assert.False(chain.HasBlockFilterIndex(BlockFilterType.Basic));
        Assert.Null(chain.BlockFilterMatchesAny(BlockFilterType.Basic, first, [paid.ToBytes()]));

        using var index = BlockFilterIndex.Open(node.Chainman, node.Node.ValidationSignals, 1 << 20);
        index.StartBackgroundSync();
        while (!index.Synced) Thread.Sleep(10);
        node.Node.BlockFilterIndex = index;
        try
        {
            Assert.True(chain.HasBlockFilterIndex(BlockFilterType.Basic));
            Assert.True(chain.BlockFilterMatchesAny(BlockFilterType.Basic, first, [unpaid, paid.ToBytes()]));
            // A basic filter's false-positive rate is 1 in 784,931: a fresh key's script does not match.
            Assert.False(chain.BlockFilterMatchesAny(BlockFilterType.Basic, first, [unpaid]));
            Assert.False(chain.BlockFilterMatchesAny(BlockFilterType.Basic, node.Chainman.ActiveTip!.Hash, [paid.ToBytes()]));
            // A block the node does not know cannot be ruled out.
            Assert.Null(chain.BlockFilterMatchesAny(BlockFilterType.Basic, uint256.One, [paid.ToBytes()]));
        }
        finally
        {
            node.Node.BlockFilterIndex = null;
        }
    }
}
