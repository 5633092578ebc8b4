using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Consensus;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// Overriding validation: invalidateblock, reconsiderblock, preciousblock.
internal static partial class BlockchainRpc
{
    private static RpcMethod InvalidateBlock(NodeRpcContext context) => new(
        "invalidateblock",
        "Marks a block, and every block after it, as invalid for good, as if it broke a consensus rule.",
        [Required("blockhash", RpcArgType.StrHex, "The block to mark invalid")],
        [Null()],
        Examples("invalidateblock", "\"blockhash\"", "\"blockhash\""),
        call => RunBlockingAsync(() =>
        {
            var chainman = context.EnsureChainman();
            var index = LookupBlock(chainman, call.Param(0), "blockhash");
            // Core leaves the genesis block alone without complaint, and just makes sure the best chain is active.
            var state = index.Height == 0 ? chainman.ActivateBestChain() : chainman.InvalidateBlock(index);
            ThrowIfFailed(state);
            return null;
        }));

    private static RpcMethod ReconsiderBlock(NodeRpcContext context) => new(
        "reconsiderblock",
        "Clears the invalid mark of a block, its ancestors and its descendants, and lets them become the active chain again.\n" +
        "This undoes invalidateblock.",
        [Required("blockhash", RpcArgType.StrHex, "The block to reconsider")],
        [Null()],
        Examples("reconsiderblock", "\"blockhash\"", "\"blockhash\""),
        call => RunBlockingAsync(() =>
        {
            var chainman = context.EnsureChainman();
            var index = LookupBlock(chainman, call.Param(0), "blockhash");
            ThrowIfFailed(chainman.ReconsiderBlock(index));
            return null;
        }));

    private static RpcMethod PreciousBlock(NodeRpcContext context) => new(
        "preciousblock",
        "Prefers a block over others with the same amount of work, as if it had arrived first.\n" +
        "\nA later call can prefer another block instead.\n" +
        "\nThe preference is forgotten when the node restarts.",
        [Required("blockhash", RpcArgType.StrHex, "The block to prefer")],
        [Null()],
        Examples("preciousblock", "\"blockhash\"", "\"blockhash\""),
        call => RunBlockingAsync(() =>
        {
            var chainman = context.EnsureChainman();
            var index = LookupBlock(chainman, call.Param(0), "blockhash");
            ThrowIfFailed(chainman.PreciousBlock(index));
            return null;
        }));

    private static void ThrowIfFailed(BlockValidationState state)
    {
        if (!state.IsValid) throw new RpcException(RpcErrorCode.DatabaseError, state.ToString());
    }
}
