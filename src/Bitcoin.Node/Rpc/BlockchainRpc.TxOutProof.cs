using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Blockchain;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// gettxoutproof and verifytxoutproof: merkle proofs that transactions are in a block (Core's rpc/txoutproof.cpp).
internal static partial class BlockchainRpc
{
    private static RpcMethod GetTxOutProof(NodeRpcContext context) => new(
        "gettxoutproof",
        "Returns a hex-encoded proof that one or more transactions were included in a block.\n" +
        "\nWithout -txindex, the node can only find a transaction's block if the transaction still has an unspent output,\n" +
        "or if the block is given.",
        [
            Required("txids", RpcArgType.Arr, "The transaction ids to prove", [Optional("txid", RpcArgType.StrHex, "A transaction id")]),
            Optional("blockhash", RpcArgType.StrHex, "The block to look for the transactions in"),
        ],
        [Value(RpcResultType.Str, "the proof, in hex (a serialized merkle block)")],
        Examples("gettxoutproof", "'[\"mytxid\",...]'") + Examples("gettxoutproof", "'[\"mytxid\",...]' \"blockhash\""),
        call =>
        {
            var txids = new HashSet<uint256>();
            var first = (uint256?)null;
            var array = call.Param(0).GetArr();
            if (array.Count == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Parameter 'txids' cannot be empty");
            foreach (var item in array)
            {
                var txid = RpcParse.Hash(item, "txid");
                if (!txids.Add(txid))
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, duplicated txid: " + item.GetStr());
                first ??= txid;
            }

            var chainman = context.EnsureChainman();
            BlockIndex? blockIndex = null;
            if (!call.Param(1).IsNull())
            {
                var hash = RpcParse.Hash(call.Param(1), "blockhash");
                lock (chainman.Lock)
                    blockIndex = chainman.Blockman.LookupBlockIndex(hash) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block not found");
            }
            else
            {
                // The block of the first transaction that still has an unspent output.
                lock (chainman.Lock)
                {
                    foreach (var txid in txids)
                    {
                        var coin = chainman.ActiveChainstate.CoinsTip.AccessByTxid(txid);
                        if (coin.IsSpent) continue;
                        blockIndex = chainman.ActiveChain[coin.Height];
                        break;
                    }
                }
            }
            if (blockIndex is null)
            {
                // Otherwise only the transaction index knows (as Core, for the first of the transactions).
                var txIndex = context.TxIndex;
                txIndex?.BlockUntilSyncedToCurrentChain();
                var found = txIndex?.FindTx(first!) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Transaction not yet in block");
                lock (chainman.Lock)
                    blockIndex = chainman.Blockman.LookupBlockIndex(found.BlockHash) ?? throw new RpcException(RpcErrorCode.InternalError, "Transaction index corrupt");
            }

            lock (chainman.Lock) CheckBlockDataAvailability(chainman, blockIndex, checkForUndo: false);
            var block = chainman.ReadBlock(blockIndex) ?? throw new RpcException(RpcErrorCode.InternalError, "Can't read block from disk");
            if (block.Transactions.Count(tx => txids.Contains(tx.GetHash())) != txids.Count)
                throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Not all transactions found in specified or retrieved block");
            return Convert.ToHexStringLower(TxOutProof.Create(block, txids).ToBytes());
        });

    private static RpcMethod VerifyTxOutProof(NodeRpcContext context) => new(
        "verifytxoutproof",
        "Checks a proof made by gettxoutproof and returns the transactions it proves,\n" +
        "or throws an RPC error if the block is not in our best chain.",
        [Required("proof", RpcArgType.Str, "The proof, in hex, as gettxoutproof returns it")],
        [Value(RpcResultType.Arr, "", [Value(RpcResultType.StrHex, "the id of a transaction the proof proves, or nothing if the proof is invalid")])],
        Examples("verifytxoutproof", "\"proof\""),
        call =>
        {
            var bytes = RpcParse.Hex(call.Param(0), "proof");
            TxOutProof proof;
            try
            {
                proof = TxOutProof.Parse(bytes);
            }
            catch (SerializationException e)
            {
                // As Core, where the stream's failure reaches the RPC layer as a generic error.
                throw new RpcException(RpcErrorCode.MiscError, e.Message);
            }
            var result = new JsonArray();
            if (proof.ExtractMatches() is not { } extracted || extracted.MerkleRoot != proof.Header.HashMerkleRoot) return result;

            var chainman = context.EnsureChainman();
            lock (chainman.Lock)
            {
                var index = chainman.Blockman.LookupBlockIndex(proof.Header.GetHash());
                if (index is null || !chainman.ActiveChain.Contains(index) || index.TxCount == 0)
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block not found in chain");
                // Only a proof over the block's real transaction count proves anything.
                if (index.TxCount == proof.TransactionCount)
                {
                    foreach (var txid in extracted.Matches) result.Add(txid.ToString());
                }
            }
            return result;
        });
}
