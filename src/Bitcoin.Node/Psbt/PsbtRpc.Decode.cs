using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Rpc;
using Bitcoin.Node.Rpc.Internal;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Psbt;

// decodepsbt and the documentation of its result.
public static partial class PsbtRpc
{
    private static RpcMethod DecodePsbt(NodeRpcContext context) => new(
        "decodepsbt",
        "Decodes a base64 partially signed transaction into a JSON object.",
        [Required("psbt", RpcArgType.Str, "The PSBT in base64")],
        [
            Value(RpcResultType.Obj, "", [
                OptionalField(RpcResultType.Obj, "tx", "the unsigned transaction, decoded (version 0 PSBTs only)", TransactionDoc.Fields()),
                Field(RpcResultType.Arr, "global_xpubs", "", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.Str, "xpub", "the extended public key"),
                        Field(RpcResultType.StrHex, "master_fingerprint", "the fingerprint of the master key"),
                        Field(RpcResultType.Str, "path", "the derivation path"),
                    ]),
                ]),
                OptionalField(RpcResultType.Num, "tx_version", "the unsigned transaction's version (version 2 PSBTs)"),
                OptionalField(RpcResultType.Num, "fallback_locktime", "the lock time used when no input requires one (version 2 PSBTs)"),
                OptionalField(RpcResultType.Num, "input_count", "the number of inputs (version 2 PSBTs)"),
                OptionalField(RpcResultType.Num, "output_count", "the number of outputs (version 2 PSBTs)"),
                OptionalField(RpcResultType.Bool, "inputs_modifiable", "whether inputs may be added"),
                OptionalField(RpcResultType.Bool, "outputs_modifiable", "whether outputs may be added"),
                OptionalField(RpcResultType.Bool, "has_sighash_single", "whether some input signs with SIGHASH_SINGLE"),
                OptionalField(RpcResultType.Num, "psbt_version", "the PSBT version (not the transaction's)"),
                Field(RpcResultType.Arr, "proprietary", "the global proprietary records", ProprietaryDoc()),
                Field(RpcResultType.ObjDyn, "unknown", "the global records of unknown types", [Field(RpcResultType.StrHex, "key", "(key-value pair) a record")]),
                InputsDoc(),
                OutputsDoc(),
                OptionalField(RpcResultType.StrAmount, "fee", "the fee, when every spent output is known"),
            ]),
        ],
        Examples("decodepsbt", "\"psbt\""),
        call => PsbtJson.Decode(DecodeArgument(call.Param(0)), NetworkOf(context)));

    private static IReadOnlyList<RpcResult> ProprietaryDoc() =>
    [
        Value(RpcResultType.Obj, "", [
            Field(RpcResultType.StrHex, "identifier", "the identifier prefix, in hex"),
            Field(RpcResultType.Num, "subtype", "the subtype"),
            Field(RpcResultType.StrHex, "key", "the whole key, in hex"),
            Field(RpcResultType.StrHex, "value", "the value, in hex"),
        ]),
    ];

    private static IReadOnlyList<RpcResult> ScriptDoc() =>
    [
        Field(RpcResultType.Str, "asm", "the script disassembled"),
        Field(RpcResultType.StrHex, "hex", "the script, in hex"),
        Field(RpcResultType.Str, "type", "the script type, e.g. 'pubkeyhash'"),
    ];

    private static RpcResult KeyPathsDoc() => OptionalField(RpcResultType.Arr, "bip32_derivs", "", [
        Value(RpcResultType.Obj, "", [
            Field(RpcResultType.Str, "pubkey", "the public key"),
            Field(RpcResultType.Str, "master_fingerprint", "the fingerprint of the master key"),
            Field(RpcResultType.Str, "path", "the derivation path"),
        ]),
    ]);

    private static RpcResult TaprootKeyPathsDoc() => OptionalField(RpcResultType.Arr, "taproot_bip32_derivs", "", [
        Value(RpcResultType.Obj, "", [
            Field(RpcResultType.Str, "pubkey", "the x-only public key"),
            Field(RpcResultType.Str, "master_fingerprint", "the fingerprint of the master key"),
            Field(RpcResultType.Str, "path", "the derivation path"),
            Field(RpcResultType.Arr, "leaf_hashes", "the leaves the key appears in", [Value(RpcResultType.StrHex, "a leaf hash")]),
        ]),
    ]);

    private static RpcResult Musig2ParticipantsDoc() => OptionalField(RpcResultType.Arr, "musig2_participant_pubkeys", "", [
        Value(RpcResultType.Obj, "", [
            Field(RpcResultType.StrHex, "aggregate_pubkey", "the compressed aggregate key"),
            Field(RpcResultType.Arr, "participant_pubkeys", "", [Value(RpcResultType.StrHex, "a participant's compressed key")]),
        ]),
    ]);

    private static RpcResult PreimagesDoc(string key) =>
        OptionalField(RpcResultType.ObjDyn, key, "", [Field(RpcResultType.Str, "hash", "a hash and its preimage")]);

    private static RpcResult InputsDoc() => Field(RpcResultType.Arr, "inputs", "", [
        Value(RpcResultType.Obj, "", [
            OptionalField(RpcResultType.Obj, "non_witness_utxo", "the whole transaction whose output is spent, decoded", TransactionDoc.Fields()),
            OptionalField(RpcResultType.Obj, "witness_utxo", "the spent output", [
                Field(RpcResultType.Num, "amount", "its value in BTC"),
                Field(RpcResultType.Obj, "scriptPubKey", "", TransactionDoc.ScriptPubKey()),
            ]),
            OptionalField(RpcResultType.ObjDyn, "partial_signatures", "", [Field(RpcResultType.Str, "pubkey", "a public key and its signature")]),
            OptionalField(RpcResultType.Str, "sighash", "the sighash type to sign with"),
            OptionalField(RpcResultType.Obj, "redeem_script", "", ScriptDoc()),
            OptionalField(RpcResultType.Obj, "witness_script", "", ScriptDoc()),
            KeyPathsDoc(),
            OptionalField(RpcResultType.Obj, "final_scriptSig", "", [
                Field(RpcResultType.Str, "asm", "the script disassembled"),
                Field(RpcResultType.StrHex, "hex", "the script, in hex"),
            ]),
            OptionalField(RpcResultType.Arr, "final_scriptwitness", "", [Value(RpcResultType.StrHex, "a witness element, in hex")]),
            PreimagesDoc("ripemd160_preimages"),
            PreimagesDoc("sha256_preimages"),
            PreimagesDoc("hash160_preimages"),
            PreimagesDoc("hash256_preimages"),
            OptionalField(RpcResultType.StrHex, "previous_txid", "the id of the transaction whose output is spent (version 2 PSBTs)"),
            OptionalField(RpcResultType.Num, "previous_vout", "the index of the spent output (version 2 PSBTs)"),
            OptionalField(RpcResultType.Num, "sequence", "the sequence number (version 2 PSBTs)"),
            OptionalField(RpcResultType.Num, "time_locktime", "the time-based lock time this input requires"),
            OptionalField(RpcResultType.Num, "height_locktime", "the height-based lock time this input requires"),
            OptionalField(RpcResultType.StrHex, "taproot_key_path_sig", "the taproot key path signature"),
            OptionalField(RpcResultType.Arr, "taproot_script_path_sigs", "", [
                new RpcResult(RpcResultType.Obj, "signature", "a signature for a key and leaf", [
                    Field(RpcResultType.Str, "pubkey", "the x-only public key"),
                    Field(RpcResultType.Str, "leaf_hash", "the leaf hash"),
                    Field(RpcResultType.Str, "sig", "the signature"),
                ], optional: true),
            ]),
            OptionalField(RpcResultType.Arr, "taproot_scripts", "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrHex, "script", "a leaf script"),
                    Field(RpcResultType.Num, "leaf_ver", "its leaf version"),
                    Field(RpcResultType.Arr, "control_blocks", "its control blocks", [Value(RpcResultType.StrHex, "a control block")]),
                ]),
            ]),
            TaprootKeyPathsDoc(),
            OptionalField(RpcResultType.StrHex, "taproot_internal_key", "the taproot internal key (x-only)"),
            OptionalField(RpcResultType.StrHex, "taproot_merkle_root", "the taproot Merkle root"),
            Musig2ParticipantsDoc(),
            OptionalField(RpcResultType.Arr, "musig2_pubnonces", "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrHex, "participant_pubkey", "the participant that made the nonce"),
                    Field(RpcResultType.StrHex, "aggregate_pubkey", "the aggregate key it is for"),
                    OptionalField(RpcResultType.StrHex, "leaf_hash", "the leaf of the aggregate key (absent for the internal key)"),
                    Field(RpcResultType.StrHex, "pubnonce", "the public nonce"),
                ]),
            ]),
            OptionalField(RpcResultType.Arr, "musig2_partial_sigs", "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrHex, "participant_pubkey", "the participant that made the signature"),
                    Field(RpcResultType.StrHex, "aggregate_pubkey", "the aggregate key it is for"),
                    OptionalField(RpcResultType.StrHex, "leaf_hash", "the leaf of the aggregate key (absent for the internal key)"),
                    Field(RpcResultType.StrHex, "partial_sig", "the partial signature"),
                ]),
            ]),
            OptionalField(RpcResultType.ObjDyn, "unknown", "the input's records of unknown types", [Field(RpcResultType.StrHex, "key", "(key-value pair) a record")]),
            OptionalField(RpcResultType.Arr, "proprietary", "the input's proprietary records", ProprietaryDoc()),
        ]),
    ]);

    private static RpcResult OutputsDoc() => Field(RpcResultType.Arr, "outputs", "", [
        Value(RpcResultType.Obj, "", [
            OptionalField(RpcResultType.Obj, "redeem_script", "", ScriptDoc()),
            OptionalField(RpcResultType.Obj, "witness_script", "", ScriptDoc()),
            KeyPathsDoc(),
            OptionalField(RpcResultType.Num, "amount", "the amount (version 2 PSBTs)"),
            OptionalField(RpcResultType.Obj, "script", "the output script (version 2 PSBTs)", TransactionDoc.ScriptPubKey()),
            OptionalField(RpcResultType.StrHex, "taproot_internal_key", "the taproot internal key (x-only)"),
            OptionalField(RpcResultType.Arr, "taproot_tree", "the leaves of the taproot tree in depth-first order", [
                new RpcResult(RpcResultType.Obj, "tuple", "a leaf", [
                    Field(RpcResultType.Num, "depth", "its depth in the tree"),
                    Field(RpcResultType.Num, "leaf_ver", "its leaf version"),
                    Field(RpcResultType.Str, "script", "its script, in hex"),
                ], optional: true),
            ]),
            TaprootKeyPathsDoc(),
            Musig2ParticipantsDoc(),
            OptionalField(RpcResultType.ObjDyn, "unknown", "the output's records of unknown types", [Field(RpcResultType.StrHex, "key", "(key-value pair) a record")]),
            OptionalField(RpcResultType.Arr, "proprietary", "the output's proprietary records", ProprietaryDoc()),
        ]),
    ]);
}
