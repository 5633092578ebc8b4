using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Storage;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// getblock (verbosity 0 to 3) and gettxout.
internal static partial class BlockchainRpc
{
    // Core's MEMPOOL_HEIGHT: the height mempool coins are given.
    private const int MempoolHeight = 0x7FFFFFFF;

    private static RpcMethod GetBlock(NodeRpcContext context) => new(
        "getblock",
        "Returns a stored block.\n" +
        "Verbosity 0 gives the serialized block in hex.\n" +
        "Verbosity 1 gives an object describing the block, with its transaction ids.\n" +
        "Verbosity 2 also decodes each transaction.\n" +
        "Verbosity 3 also shows each input's spent output (for blocks with undo data).",
        [
            Required("blockhash", RpcArgType.StrHex, "The block hash"),
            WithDefault("verbosity|verbose", RpcArgType.Num, 1,
                "0 for hex, 1 for an object, 2 for an object with decoded transactions, 3 for that plus spent outputs",
                options: new RpcArgOptions { SkipTypeCheck = true }),
        ],
        [
            Conditional("for verbosity = 0", RpcResultType.StrHex, "the serialized block, in hex"),
            Conditional("for verbosity = 1", RpcResultType.Obj, "",
                HeaderResultDoc(forBlock: true, Field(RpcResultType.Arr, "tx", "the transaction ids", [Value(RpcResultType.StrHex, "a transaction id")]))),
            Conditional("for verbosity = 2", RpcResultType.Obj, "",
                HeaderResultDoc(forBlock: true, Field(RpcResultType.Arr, "tx", "", [
                    Value(RpcResultType.Obj, "", TransactionDoc.Fields(fee: true, hex: true)),
                ]))),
            Conditional("for verbosity = 3", RpcResultType.Obj, "",
                HeaderResultDoc(forBlock: true, Field(RpcResultType.Arr, "tx", "", [
                    Value(RpcResultType.Obj, "", TransactionDoc.Fields(prevout: true, fee: true, hex: true)),
                ]))),
        ],
        Examples("getblock", "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\"",
            "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\""),
        call =>
        {
            var hash = RpcParse.Hash(call.Param(0), "blockhash");
            int verbosity = RpcParse.Verbosity(call.Param(1), 1, allowBool: true);
            var chainman = context.EnsureChainman();
            BlockIndex index, tip;
            lock (chainman.Lock)
            {
                index = chainman.Blockman.LookupBlockIndex(hash) ?? throw BlockNotFound();
                tip = ActiveTip(chainman);
            }

            if (verbosity <= 0) return Convert.ToHexStringLower(ReadRawBlockChecked(chainman, index));

            var block = ReadBlockChecked(chainman, index);
            var txVerbosity = verbosity switch
            {
                1 => TxVerbosity.ShowTxid,
                2 => TxVerbosity.ShowDetails,
                _ => TxVerbosity.ShowDetailsAndPrevout,
            };
            IReadOnlyList<IReadOnlyList<SpentCoin>>? spent = null;
            if (txVerbosity != TxVerbosity.ShowTxid)
            {
                bool haveUndo;
                lock (chainman.Lock) haveUndo = (index.Status & BlockStatus.HaveUndo) != 0;
                if (haveUndo)
                {
                    var undo = chainman.ReadBlockUndo(index) ?? throw new RpcException(RpcErrorCode.InternalError,
                        "Undo data expected but can't be read. This could be due to disk corruption or a conflict with a pruning event.");
                    spent = SpentCoins(undo);
                }
            }

            JsonObject result;
            lock (chainman.Lock) result = ChainJson.Header(tip, index, chainman.ChainParams.Consensus.PowLimit);
            return BlockJson.AddBlockFields(result, block, chainman.ChainParams.Network, txVerbosity, spent);
        });

    private static RpcMethod GetTxOut(NodeRpcContext context) => new(
        "gettxout",
        "Returns an unspent transaction output.",
        [
            Required("txid", RpcArgType.Str, "The transaction id"),
            Required("n", RpcArgType.Num, "The output index"),
            WithDefault("include_mempool", RpcArgType.Bool, true, "Whether to look in the mempool too. An output spent in the mempool is not returned."),
        ],
        [
            Null("If the UTXO was not found"),
            Conditional("Otherwise", RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "bestblock", "the hash of the tip"),
                Field(RpcResultType.Num, "confirmations", "the number of confirmations"),
                Field(RpcResultType.StrAmount, "value", "the value in BTC"),
                Field(RpcResultType.Obj, "scriptPubKey", "", TransactionDoc.ScriptPubKey()),
                Field(RpcResultType.Bool, "coinbase", "whether a coinbase created it"),
            ]),
        ],
        "\nGet unspent transactions\n" + RpcExamples.Cli("listunspent", "") +
        "\nView the details\n" + RpcExamples.Cli("gettxout", "\"txid\" 1") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("gettxout", "\"txid\", 1"),
        call =>
        {
            var chainman = context.EnsureChainman();
            var outpoint = new OutPoint(RpcParse.Hash(call.Param(0), "txid"), call.Param(1).GetUInt32());
            bool includeMempool = call.Param(2).IsNull() || call.Param(2).GetBool();

            TxOut? output = null;
            int height = 0;
            bool coinbase = false;
            var mempool = includeMempool ? context.Mempool : null;
            if (mempool is not null && mempool.IsSpent(outpoint)) return null;
            if (mempool?.GetTransaction(outpoint.Hash) is { } mempoolTx)
            {
                if (outpoint.N >= mempoolTx.Outputs.Count) return null;
                output = mempoolTx.Outputs[(int)outpoint.N];
                height = MempoolHeight;
            }

            lock (chainman.Lock)
            {
                if (output is null)
                {
                    if (chainman.GetUnspentCoin(outpoint) is not { } coin) return null;
                    output = coin.Output;
                    height = coin.Height;
                    coinbase = coin.IsCoinbase;
                }
                var best = chainman.Blockman.LookupBlockIndex(chainman.ActiveChainstate.CoinsTip.GetBestBlock())
                           ?? throw new RpcInternalBugException("coins tip unknown", nameof(BlockchainRpc), 0, nameof(GetTxOut));
                return new JsonObject
                {
                    ["bestblock"] = best.Hash.ToString(),
                    ["confirmations"] = height == MempoolHeight ? 0 : best.Height - height + 1,
                    ["value"] = JsonNumbers.Amount(output.Value.Satoshi),
                    ["scriptPubKey"] = ScriptJson.ScriptToUniv(output.ScriptPubKey, chainman.ChainParams.Network, includeHex: true, includeAddress: true),
                    ["coinbase"] = coinbase,
                };
            }
        });

    /// <summary>The kernel's undo records as the spent coins the JSON formats take, per non-coinbase transaction.</summary>
    private static List<IReadOnlyList<SpentCoin>> SpentCoins(BlockUndo undo) =>
        undo.TxUndos.Select(tx => (IReadOnlyList<SpentCoin>)tx.PrevOut.Select(c => new SpentCoin(c.Output, c.Height, c.IsCoinbase)).ToList()).ToList();
}
