using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;

namespace Bitcoin.Node.Rpc;

/// <summary>
/// The "blockchain" commands of Core's rpc/blockchain.cpp that the node has (this file: registration and shared
/// helpers; the commands are in the partial files by topic).
/// </summary>
internal static partial class BlockchainRpc
{
    private const string Blockchain = "blockchain";
    private const string Hidden = "hidden";

    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        table.Register(Blockchain, GetBlockchainInfo(context));
        table.Register(Blockchain, GetChainTxStats(context));
        table.Register(Blockchain, GetBlockStats(context));
        table.Register(Blockchain, GetBestBlockHash(context));
        table.Register(Blockchain, GetBlockCount(context));
        table.Register(Blockchain, GetBlock(context));
        table.Register(Blockchain, GetBlockHash(context));
        table.Register(Blockchain, GetBlockHeader(context));
        table.Register(Blockchain, GetChainTips(context));
        table.Register(Blockchain, GetDifficulty(context));
        table.Register(Blockchain, GetDeploymentInfo(context));
        table.Register(Blockchain, GetTxOut(context));
        table.Register(Blockchain, GetTxOutSetInfo(context));
        table.Register(Blockchain, VerifyChain(context));
        table.Register(Blockchain, ScanTxOutSet(context, new Internal.UtxoScanState()));
        table.Register(Blockchain, ScanBlocks(context, new Internal.UtxoScanState()));
        table.Register(Blockchain, GetTxOutProof(context));
        table.Register(Blockchain, VerifyTxOutProof(context));
        table.Register(Blockchain, PreciousBlock(context));
        table.Register(Blockchain, PruneBlockchain(context));
        table.Register(Hidden, InvalidateBlock(context));
        table.Register(Hidden, ReconsiderBlock(context));
        table.Register(Blockchain, WaitForNewBlock(context));
        table.Register(Blockchain, WaitForBlock(context));
        table.Register(Blockchain, WaitForBlockHeight(context));
        table.Register(Hidden, SyncWithValidationInterfaceQueue(context));
    }

    /// <summary>
    /// A block from a height (a number) or a hash (a string), as Core's ParseHashOrHeight: -8 "Target block height N
    /// is negative" / "Target block height N after current tip M", -8 for a malformed hash, -5 "Block not found".
    /// </summary>
    private static BlockIndex ParseHashOrHeight(JsonNode? param, ChainstateManager chainman)
    {
        lock (chainman.Lock)
        {
            var chain = chainman.ActiveChain;
            if (param.IsNum())
            {
                int height = param.GetInt32();
                if (height < 0)
                    throw new RpcException(RpcErrorCode.InvalidParameter, Invariant($"Target block height {height} is negative"));
                if (height > chain.Height)
                    throw new RpcException(RpcErrorCode.InvalidParameter, Invariant($"Target block height {height} after current tip {chain.Height}"));
                return chain[height]!;
            }
            var hash = RpcParse.Hash(param, "hash_or_height");
            return chainman.Blockman.LookupBlockIndex(hash) ?? throw BlockNotFound();
        }
    }

    /// <summary>The block with hash <paramref name="hashParam"/> (named <paramref name="name"/> in errors), or -5 "Block not found".</summary>
    private static BlockIndex LookupBlock(ChainstateManager chainman, JsonNode? hashParam, string name)
    {
        var hash = RpcParse.Hash(hashParam, name);
        return chainman.LookupBlockIndex(hash) ?? throw BlockNotFound();
    }

    private static RpcException BlockNotFound() => new(RpcErrorCode.InvalidAddressOrKey, "Block not found");

    private static BlockIndex ActiveTip(ChainstateManager chainman) =>
        chainman.ActiveTip ?? throw new RpcException(RpcErrorCode.InternalError, "The active chain has no blocks");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
