using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

/// <summary>The "util" commands of Core's rpc/output_script.cpp: validateaddress, createmultisig, deriveaddresses, getdescriptorinfo.</summary>
internal static class UtilRpc
{
    private const string Util = "util";

    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        table.Register(Util, ValidateAddress(context));
        table.Register(Util, CreateMultisig(context));
        table.Register(Util, DeriveAddresses(context));
        table.Register(Util, GetDescriptorInfo(context));
    }

    private static Network NetworkOf(NodeRpcContext context) =>
        context.Node.ChainParams?.Network ?? context.EnsureChainman().ChainParams.Network;

    private static RpcMethod ValidateAddress(NodeRpcContext context) => new(
        "validateaddress",
        "Checks an address and describes it.",
        [Required("address", RpcArgType.Str, "The address to check")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Bool, "isvalid", "whether the address is valid; when it is not, only this field and the error ones are returned"),
                OptionalField(RpcResultType.Str, "address", "the address"),
                OptionalField(RpcResultType.StrHex, "scriptPubKey", "the output script the address stands for, in hex"),
                OptionalField(RpcResultType.Bool, "isscript", "whether it is a script address"),
                OptionalField(RpcResultType.Bool, "iswitness", "whether it is a witness address"),
                OptionalField(RpcResultType.Num, "witness_version", "the witness version"),
                OptionalField(RpcResultType.StrHex, "witness_program", "the witness program, in hex"),
                OptionalField(RpcResultType.Str, "error", "what is wrong with the address"),
                OptionalField(RpcResultType.Arr, "error_locations", "positions in the address of likely errors, when known (e.g. Bech32 errors)", [
                    Value(RpcResultType.Num, "a position"),
                ]),
            ]),
        ],
        Examples("validateaddress", "\"bc1q09vm5lfy0j5reeulh4x5752q25uqqvz34hufdl\"", "\"bc1q09vm5lfy0j5reeulh4x5752q25uqqvz34hufdl\""),
        call => AddressJson.ValidateAddress(call.Param(0).GetStr(), NetworkOf(context)));

    private static RpcMethod CreateMultisig(NodeRpcContext context) => new(
        "createmultisig",
        "Creates an address that needs n signatures of m keys.\n" +
        "Returns the address and the redeem script.",
        [
            Required("nrequired", RpcArgType.Num, "How many of the keys must sign."),
            Required("keys", RpcArgType.Arr, "The public keys, in hex.", [Optional("key", RpcArgType.StrHex, "a public key, in hex")]),
            WithDefault("address_type", RpcArgType.Str, "legacy", "The address type: \"legacy\", \"p2sh-segwit\" or \"bech32\"."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "address", "the new address"),
                Field(RpcResultType.StrHex, "redeemScript", "the redeem script, in hex"),
                Field(RpcResultType.Str, "descriptor", "a descriptor of the address"),
                OptionalField(RpcResultType.Arr, "warnings", "problems met while creating it", [Value(RpcResultType.Str, "")]),
            ]),
        ],
        "\nCreate a multisig address from 2 public keys\n" +
        RpcExamples.Cli("createmultisig", "2 \"[\\\"03789ed0bb717d88f7d321a368d905e7430207ebbd82bd342cf11ae157a7ace5fd\\\",\\\"03dbc6764b8884a92e871274b87583e6d5c2a58819473e17e107ef3f6aa5a61626\\\"]\"") +
        "\nAs a JSON-RPC call\n" +
        RpcExamples.Rpc("createmultisig", "2, [\"03789ed0bb717d88f7d321a368d905e7430207ebbd82bd342cf11ae157a7ace5fd\",\"03dbc6764b8884a92e871274b87583e6d5c2a58819473e17e107ef3f6aa5a61626\"]"),
        call =>
        {
            int required = call.Param(0).GetInt32();
            var keys = call.Param(1).GetArr().Select(k => k.GetStr()).ToList();
            return MultisigCreation.CreateMultisig(required, keys, call.ArgStr("address_type"), NetworkOf(context));
        });

    private static RpcMethod DeriveAddresses(NodeRpcContext context) => new(
        "deriveaddresses",
        "Derives addresses from an output descriptor.\n" +
        "Examples of descriptors:\n" +
        "    pkh(<pubkey>)                                     P2PKH outputs of the key\n" +
        "    wpkh(<pubkey>)                                    native segwit P2PKH outputs of the key\n" +
        "    sh(multi(<n>,<pubkey>,<pubkey>,...))              P2SH multisig outputs of the keys\n" +
        "    raw(<hex script>)                                 outputs with exactly this script\n" +
        "    tr(<pubkey>,multi_a(<n>,<pubkey>,<pubkey>,...))   P2TR multisig outputs of the keys\n" +
        "\n<pubkey> is a public key in hex, or an xpub/xprv optionally followed by path elements separated by \"/\" (\"h\" marks a hardened step).\n" +
        "doc/descriptors.md of Bitcoin Core describes descriptors in full.",
        [
            Required("descriptor", RpcArgType.Str, "The descriptor."),
            Optional("range", RpcArgType.Range, "For a ranged descriptor, the end of the range or [begin,end]."),
        ],
        [
            Conditional("for single derivation descriptors", RpcResultType.Arr, "", [Field(RpcResultType.Str, "address", "a derived address")]),
            Conditional("for multipath descriptors", RpcResultType.Arr, "the derived addresses of each path, in the order of the multipath specifier", [
                Value(RpcResultType.Arr, "the derived addresses of one path", [Field(RpcResultType.Str, "address", "a derived address")]),
            ]),
        ],
        "First three native segwit receive addresses\n" +
        RpcExamples.Cli("deriveaddresses", "\"wpkh([d34db33f/84h/0h/0h]xpub6DJ2dNUysrn5Vt36jH2KLBT2i1auw1tTSSomg8PhqNiUtx8QX2SvC9nrHu81fT41fvDUnhMjEzQgXnQjKEu3oaqMSzhSrHMxyyoEAmUHQbY/0/*)#cjjspncu\" \"[0,2]\"") +
        RpcExamples.Rpc("deriveaddresses", "\"wpkh([d34db33f/84h/0h/0h]xpub6DJ2dNUysrn5Vt36jH2KLBT2i1auw1tTSSomg8PhqNiUtx8QX2SvC9nrHu81fT41fvDUnhMjEzQgXnQjKEu3oaqMSzhSrHMxyyoEAmUHQbY/0/*)#cjjspncu\", \"[0,2]\""),
        call => DescriptorJson.DeriveAddresses(call.Param(0).GetStr(), call.Param(1), NetworkOf(context)));

    private static RpcMethod GetDescriptorInfo(NodeRpcContext context) => new(
        "getdescriptorinfo",
        "Describes a descriptor: its canonical form, checksum and properties.",
        [Required("descriptor", RpcArgType.Str, "The descriptor.")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "descriptor", "the descriptor in canonical form, without private keys (the first one, for a multipath descriptor)"),
                OptionalField(RpcResultType.Arr, "multipath_expansion", "every descriptor a multipath descriptor expands to (multipath descriptors only)", [Value(RpcResultType.Str, "")]),
                Field(RpcResultType.Str, "checksum", "the checksum of the descriptor as given"),
                Field(RpcResultType.Bool, "isrange", "whether the descriptor is ranged"),
                Field(RpcResultType.Bool, "issolvable", "whether the descriptor is solvable"),
                Field(RpcResultType.Bool, "hasprivatekeys", "whether the descriptor as given holds a private key"),
            ]),
        ],
        "Analyse a descriptor\n" +
        RpcExamples.Cli("getdescriptorinfo", "\"wpkh([d34db33f/84h/0h/0h]0279be667ef9dcbbac55a06295Ce870b07029Bfcdb2dce28d959f2815b16f81798)\"") +
        RpcExamples.Rpc("getdescriptorinfo", "\"wpkh([d34db33f/84h/0h/0h]0279be667ef9dcbbac55a06295Ce870b07029Bfcdb2dce28d959f2815b16f81798)\""),
        call => DescriptorJson.GetDescriptorInfo(call.Param(0).GetStr(), NetworkOf(context)));
}
