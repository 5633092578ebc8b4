using Bitcoin.Common.Rpc;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc.Internal;

/// <summary>The documented fields of a decoded transaction (Core's TxDoc and ScriptPubKeyDoc), for help and doc checks.</summary>
internal static class TransactionDoc
{
    /// <summary>The fields of an output script object.</summary>
    public static IReadOnlyList<RpcResult> ScriptPubKey() =>
    [
        Field(RpcResultType.Str, "asm", "the script disassembled"),
        Field(RpcResultType.Str, "desc", "a descriptor inferred for the script"),
        Field(RpcResultType.StrHex, "hex", "the script, in hex"),
        OptionalField(RpcResultType.Str, "address", "the address, when the script has one"),
        Field(RpcResultType.Str, "type", "the script type (one of: nonstandard, anchor, pubkey, pubkeyhash, scripthash, multisig, nulldata, witness_v0_scripthash, witness_v0_keyhash, witness_v1_taproot, witness_unknown)"),
    ];

    /// <summary>
    /// The fields of TxToUniv's object: with <paramref name="prevout"/> each input may carry its spent output, with
    /// <paramref name="fee"/> the fee may be present, with <paramref name="hex"/> the serialized transaction is.
    /// </summary>
    public static List<RpcResult> Fields(bool prevout = false, bool fee = false, bool hex = false)
    {
        var input = new List<RpcResult>
        {
            OptionalField(RpcResultType.StrHex, "coinbase", "the coinbase script (coinbase transactions only)"),
            OptionalField(RpcResultType.StrHex, "txid", "the spent transaction's id (not for a coinbase)"),
            OptionalField(RpcResultType.Num, "vout", "the spent output's index (not for a coinbase)"),
            OptionalField(RpcResultType.Obj, "scriptSig", "the signature script (not for a coinbase)", [
                Field(RpcResultType.Str, "asm", "the script disassembled"),
                Field(RpcResultType.StrHex, "hex", "the script, in hex"),
            ]),
            OptionalField(RpcResultType.Arr, "txinwitness", "", [Value(RpcResultType.StrHex, "a witness element, in hex")]),
        };
        if (prevout)
        {
            input.Add(OptionalField(RpcResultType.Obj, "prevout", "the spent output (when undo data is available)", [
                Field(RpcResultType.Bool, "generated", "whether it was created by a coinbase"),
                Field(RpcResultType.Num, "height", "the height of the block that created it"),
                Field(RpcResultType.StrAmount, "value", "its value in BTC"),
                Field(RpcResultType.Obj, "scriptPubKey", "", ScriptPubKey()),
            ]));
        }
        input.Add(Field(RpcResultType.Num, "sequence", "the sequence number"));

        var fields = new List<RpcResult>
        {
            Field(RpcResultType.StrHex, "txid", "the transaction id"),
            Field(RpcResultType.StrHex, "hash", "the hash with witness data (the txid when there is none)"),
            Field(RpcResultType.Num, "size", "the serialized size"),
            Field(RpcResultType.Num, "vsize", "the virtual size (differs from size when there is witness data)"),
            Field(RpcResultType.Num, "weight", "the weight (between vsize*4-3 and vsize*4)"),
            Field(RpcResultType.Num, "version", "the version"),
            Field(RpcResultType.NumTime, "locktime", "the lock time"),
            Field(RpcResultType.Arr, "vin", "", [Value(RpcResultType.Obj, "", input)]),
            Field(RpcResultType.Arr, "vout", "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrAmount, "value", "the value in BTC"),
                    Field(RpcResultType.Num, "n", "the index"),
                    Field(RpcResultType.Obj, "scriptPubKey", "", ScriptPubKey()),
                ]),
            ]),
        };
        if (fee) fields.Add(OptionalField(RpcResultType.Num, "fee", "the fee in BTC (when undo data is available)"));
        if (hex) fields.Add(Field(RpcResultType.StrHex, "hex", "the serialized transaction, in hex"));
        return fields;
    }
}
