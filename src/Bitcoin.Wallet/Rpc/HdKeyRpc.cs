using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.Model;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>derivehdkey and exportwatchonlywallet (Core's wallet/rpc/wallet.cpp).</summary>
internal static class HdKeyRpc
{
    private const string Wallet = "wallet";

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, DeriveHdKey()),
        (Wallet, ExportWatchOnlyWallet()),
    ];

    private static RpcMethod DeriveHdKey() => new(
        "derivehdkey",
        "Derives an extended key at a BIP32 path from an HD key whose private key the wallet holds.\n" +
        "The derivation uses the wallet's private keys." + RequiresPassphrase,
        [
            Required("path", RpcArgType.Str, "The BIP32 path, with at least one hardened step."),
            Optional("options", RpcArgType.ObjNamedParams, "", [
                WithDefault("private", RpcArgType.Bool, false, "Also return the extended private key."),
                WithHint("hdkey", RpcArgType.Str, "the HD key of an unused(KEY) descriptor, else of the active descriptors",
                    "The xpub (as gethdkeys lists it) to derive from."),
            ]),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "origin", "fingerprint and path, as written in descriptors"),
                Field(RpcResultType.Str, "xpub", "the derived extended public key"),
                OptionalField(RpcResultType.Str, "xprv", "the derived extended private key, when \"private\" is true"),
            ]),
        ],
        RpcExamples.Cli("derivehdkey", "m/87h/0h/0h") + RpcExamples.Rpc("derivehdkey", "\"m/87h/0h/0h\"") +
        RpcExamples.CliNamed("derivehdkey", [new("path", "m/87h/0h/0h"), new("private", "true")]) +
        RpcExamples.RpcNamed("derivehdkey", [new("path", "m/87h/0h/0h"), new("private", "true")]),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            // unused(KEY) descriptors cannot exist without private keys.
            if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
                throw new RpcException(RpcErrorCode.WalletError, "derivehdkey is not available for watch-only wallets");
            if (!HDKeyPath.TryParse(call.Param(0).GetStr(), out var path))
                throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid BIP32 keypath");
            var options = call.Param(1) as JsonObject ?? [];
            bool includePrivate = options.Find("private") is { } p && !p.IsNull() && p.GetBool();
            var hdkey = options.Find("hdkey") is { } h && !h.IsNull() ? h.GetStr() : null;
            if (!HDKeyPath.HasHardenedDerivation(path))
                throw new RpcException(RpcErrorCode.InvalidParameter, "Derivation path requires at least one hardened step");

            lock (wallet.SyncRoot)
            {
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                var xpub = hdkey is null ? FindDefaultHdKey(wallet) : CheckGivenHdKey(wallet, hdkey);
                var xprv = wallet.GetExtKey(xpub)
                           ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Private key for {AddressEncoding.EncodeExtPubKey(xpub, wallet.Network)} is not known");
                var child = xprv;
                foreach (var index in path) child = child.Derive(index);
                var fingerprint = Convert.ToHexStringLower(xprv.Neuter().PubKey.GetHDFingerPrint().ToBytes());
                var result = new JsonObject
                {
                    ["origin"] = $"[{fingerprint}{HDKeyPath.Format(path, apostrophe: false)}]",
                    ["xpub"] = AddressEncoding.EncodeExtPubKey(child.Neuter(), wallet.Network),
                };
                if (includePrivate) result["xprv"] = AddressEncoding.EncodeExtKey(child, wallet.Network);
                return result;
            }
        });

    // Accept the xpub of an active or unused(KEY) descriptor, not of an inactive one that was used.
    private static ExtPubKey CheckGivenHdKey(DescriptorWallet wallet, string text)
    {
        var xpub = AddressEncoding.DecodeExtPubKey(text, wallet.Network)
                   ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unable to parse HD key. Please provide a valid xpub");
        bool known = wallet.GetHdPubKeys(HdKeyFilter.UnusedKey).ContainsKey(xpub) || wallet.GetHdPubKeys(HdKeyFilter.Active).ContainsKey(xpub);
        if (!known) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "HD key is not used by an active or unused(KEY) descriptor");
        return xpub;
    }

    // Without "hdkey": the single unused(KEY) key, else the single key of the active descriptors.
    private static ExtPubKey FindDefaultHdKey(DescriptorWallet wallet)
    {
        var unused = wallet.GetHdPubKeys(HdKeyFilter.UnusedKey);
        if (unused.Count > 1)
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unable to determine which HD key to use. Please specify with 'hdkey'");
        if (unused.Count == 1) return unused.Keys.First();
        var active = wallet.GetHdPubKeys(HdKeyFilter.Active);
        if (active.Count == 0) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "No active or unused(KEY) descriptor found");
        if (active.Count > 1)
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unable to determine which HD key to use from active descriptors. Please specify with 'hdkey'");
        return active.Keys.First();
    }

    private static RpcMethod ExportWatchOnlyWallet() => new(
        "exportwatchonlywallet",
        "Writes a watch-only copy of the wallet to a new wallet file: its public descriptors, transactions and address book.\n" +
        "Descriptors with hardened derivation steps carry only the keys derived so far, since deriving more needs the private keys;\n" +
        "others have no such limit. Load the copy on another node with restorewallet.",
        [Required("destination", RpcArgType.Str, "The file to write; it must not exist.")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "exported_file", "the full path written"),
            ]),
        ],
        Examples("exportwatchonlywallet", "\"/path/to/export.dat\"", "\"/path/to/export.dat\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            var destination = call.Param(0).GetStr();
            lock (wallet.SyncRoot)
            {
                wallet.TopUpKeyPool();
                var exported = wallet.ExportWatchOnlyWallet(destination, context.Args);
                if (!exported.Succeeded) throw new RpcException(RpcErrorCode.WalletError, exported.Error!.Original);
                return new JsonObject { ["exported_file"] = exported.Value };
            }
        });
}
