using Bitcoin.Common.Rpc;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc.Internal;

/// <summary>The documented fields of a decoded transaction as wallet commands show it (Core's TxDoc with wallet=true: outputs may carry "ischange").</summary>
internal static class WalletTxDoc
{
    /// <summary>The fields of an output script object (Core's ScriptPubKeyDoc).</summary>
    public static IReadOnlyList<RpcResult> ScriptPubKey() =>
    [
        Field(RpcResultType.Str, "asm", "the script disassembled"),
        Field(RpcResultType.Str, "desc", "a descriptor inferred for the script"),
        Field(RpcResultType.StrHex, "hex", "the script, in hex"),
        OptionalField(RpcResultType.Str, "address", "the address, when the script has one"),
        Field(RpcResultType.Str, "type", "the script type (one of: nonstandard, anchor, pubkey, pubkeyhash, scripthash, multisig, nulldata, witness_v0_scripthash, witness_v0_keyhash, witness_v1_taproot, witness_unknown)"),
    ];

    /// <summary>The fields of TxToUniv's object with the wallet's "ischange" marks.</summary>
    public static List<RpcResult> Fields() =>
    [
        Field(RpcResultType.StrHex, "txid", "the transaction id"),
        Field(RpcResultType.StrHex, "hash", "the hash with witness data (the txid when there is none)"),
        Field(RpcResultType.Num, "size", "the serialized size"),
        Field(RpcResultType.Num, "vsize", "the virtual size (differs from size when there is witness data)"),
        Field(RpcResultType.Num, "weight", "the weight (between vsize*4-3 and vsize*4)"),
        Field(RpcResultType.Num, "version", "the version"),
        Field(RpcResultType.NumTime, "locktime", "the lock time"),
        Field(RpcResultType.Arr, "vin", "", [
            Value(RpcResultType.Obj, "", [
                OptionalField(RpcResultType.StrHex, "coinbase", "the coinbase script (coinbase transactions only)"),
                OptionalField(RpcResultType.StrHex, "txid", "the spent transaction's id (not for a coinbase)"),
                OptionalField(RpcResultType.Num, "vout", "the spent output's index (not for a coinbase)"),
                OptionalField(RpcResultType.Obj, "scriptSig", "the signature script (not for a coinbase)", [
                    Field(RpcResultType.Str, "asm", "the script disassembled"),
                    Field(RpcResultType.StrHex, "hex", "the script, in hex"),
                ]),
                OptionalField(RpcResultType.Arr, "txinwitness", "", [Field(RpcResultType.StrHex, "hex", "a witness element, in hex")]),
                Field(RpcResultType.Num, "sequence", "the sequence number"),
            ]),
        ]),
        Field(RpcResultType.Arr, "vout", "", [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.StrAmount, "value", "the value in BTC"),
                Field(RpcResultType.Num, "n", "the index"),
                Field(RpcResultType.Obj, "scriptPubKey", "", ScriptPubKey()),
                OptionalField(RpcResultType.Bool, "ischange", "true when the output is the wallet's change (absent otherwise)"),
            ]),
        ]),
    ];
}
