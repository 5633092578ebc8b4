using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// getblockheader.
internal static partial class BlockchainRpc
{
    /// <summary>The header fields shared by getblockheader and getblock.</summary>
    private static IReadOnlyList<RpcResult> HeaderResultDoc(bool forBlock, RpcResult? txField = null)
    {
        var fields = new List<RpcResult>
        {
            Field(RpcResultType.StrHex, "hash", "the block hash (as given)"),
            Field(RpcResultType.Num, "confirmations", "confirmations, or -1 if the block is not on the active chain"),
        };
        if (forBlock)
        {
            fields.Add(Field(RpcResultType.Num, "size", "the block's size in bytes"));
            fields.Add(Field(RpcResultType.Num, "strippedsize", "the block's size without witness data"));
            fields.Add(Field(RpcResultType.Num, "weight", "the block's BIP141 weight"));
            fields.Add(Field(RpcResultType.Obj, "coinbase_tx", "fields of the coinbase transaction", [
                Field(RpcResultType.Num, "version", "its version"),
                Field(RpcResultType.Num, "locktime", "its lock time"),
                Field(RpcResultType.Num, "sequence", "its input's sequence"),
                Field(RpcResultType.StrHex, "coinbase", "its input's script"),
                OptionalField(RpcResultType.StrHex, "witness", "its input's witness element, if any"),
            ]));
        }
        fields.Add(Field(RpcResultType.Num, "height", "the block height"));
        fields.Add(Field(RpcResultType.Num, "version", "the block version"));
        fields.Add(Field(RpcResultType.StrHex, "versionHex", "the block version in hex"));
        fields.Add(Field(RpcResultType.StrHex, "merkleroot", "the merkle root"));
        if (txField is not null) fields.Add(txField);
        fields.Add(Field(RpcResultType.NumTime, "time", "the block's timestamp, in seconds since the epoch"));
        fields.Add(Field(RpcResultType.NumTime, "mediantime", "the median time past, in seconds since the epoch"));
        fields.Add(Field(RpcResultType.Num, "nonce", "the nonce"));
        fields.Add(Field(RpcResultType.StrHex, "bits", "the compact difficulty target"));
        fields.Add(Field(RpcResultType.StrHex, "target", "the difficulty target"));
        fields.Add(Field(RpcResultType.Num, "difficulty", "the difficulty"));
        fields.Add(Field(RpcResultType.StrHex, "chainwork", "total work of the chain up to this block, in hex"));
        fields.Add(Field(RpcResultType.Num, "nTx", "the number of transactions in the block"));
        fields.Add(OptionalField(RpcResultType.StrHex, "previousblockhash", "the previous block's hash (absent for the genesis block)"));
        fields.Add(OptionalField(RpcResultType.StrHex, "nextblockhash", "the next block's hash on the active chain, if any"));
        return fields;
    }

    private static RpcMethod GetBlockHeader(NodeRpcContext context) => new(
        "getblockheader",
        "Returns a block header: serialized as hex when verbose is false, otherwise as an object.",
        [
            Required("blockhash", RpcArgType.StrHex, "The block hash"),
            WithDefault("verbose", RpcArgType.Bool, true, "true for an object, false for hex"),
        ],
        [
            Conditional("for verbose = true", RpcResultType.Obj, "", HeaderResultDoc(forBlock: false)),
            Conditional("for verbose=false", RpcResultType.StrHex, "the serialized header, in hex"),
        ],
        Examples("getblockheader", "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\"",
            "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\""),
        call =>
        {
            var hash = RpcParse.Hash(call.Param(0), "hash");
            bool verbose = call.Param(1).IsNull() || call.Param(1).GetBool();
            var chainman = context.EnsureChainman();
            lock (chainman.Lock)
            {
                var index = chainman.Blockman.LookupBlockIndex(hash) ?? throw BlockNotFound();
                if (!verbose) return Convert.ToHexStringLower(index.GetBlockHeader().ToBytes());
                return ChainJson.Header(ActiveTip(chainman), index, chainman.ChainParams.Consensus.PowLimit);
            }
        });
}
