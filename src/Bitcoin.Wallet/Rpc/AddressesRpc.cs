using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>Address commands (Core's wallet/rpc/addresses.cpp): getnewaddress, getrawchangeaddress, setlabel, listaddressgroupings, keypoolrefill, getaddressinfo, getaddressesbylabel, listlabels.</summary>
internal static class AddressesRpc
{
    private const string Wallet = "wallet";
    private const string ExampleAddress = "bc1q09vm5lfy0j5reeulh4x5752q25uqqvz34hufdl";

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, GetNewAddress()),
        (Wallet, GetRawChangeAddress()),
        (Wallet, SetLabel()),
        (Wallet, ListAddressGroupings()),
        (Wallet, KeypoolRefill()),
        (Wallet, GetAddressInfo()),
        (Wallet, GetAddressesByLabel()),
        (Wallet, ListLabels()),
    ];

    private static OutputType ParseType(JsonNode? value, OutputType fallback)
    {
        if (value.IsNull()) return fallback;
        var text = value.GetStr();
        return OutputTypes.Parse(text) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Unknown address type '{text}'");
    }

    private static RpcMethod GetNewAddress() => new(
        "getnewaddress",
        "Returns a new address for receiving payments.\n" +
        "With a label, the address is recorded in the address book under it, and payments to it count for the label.",
        [
            WithDefault("label", RpcArgType.Str, "", "The label for the address; \"\" is the default label. A new label is created if needed."),
            WithHint("address_type", RpcArgType.Str, "set by -addresstype", "The address type: " + OutputTypes.FormatAll() + "."),
        ],
        [new RpcResult(RpcResultType.Str, "address", "the new address")],
        Examples("getnewaddress"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                if (!wallet.CanGetAddresses()) throw new RpcException(RpcErrorCode.WalletError, "Error: This wallet has no available keys");
                // The label is checked before a key is used up.
                var label = WalletRpcUtil.LabelFromValue(call.Param(0));
                var type = ParseType(call.Param(1), wallet.Options.DefaultAddressType);
                var result = wallet.GetNewDestination(type, label);
                if (!result.Succeeded) throw new RpcException(RpcErrorCode.WalletKeypoolRanOut, result.Error!.Original);
                return AddressEncoding.EncodeDestination(result.Value!, wallet.Network);
            }
        });

    private static RpcMethod GetRawChangeAddress() => new(
        "getrawchangeaddress",
        "Returns a new address for receiving change.\n" +
        "For building raw transactions by hand, not for normal use.",
        [WithHint("address_type", RpcArgType.Str, "set by -changetype", "The address type: " + OutputTypes.FormatAll() + ".")],
        [new RpcResult(RpcResultType.Str, "address", "the address")],
        Examples("getrawchangeaddress"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                if (!wallet.CanGetAddresses(internalChain: true)) throw new RpcException(RpcErrorCode.WalletError, "Error: This wallet has no available keys");
                var type = ParseType(call.Param(0), wallet.Options.DefaultChangeType ?? wallet.Options.DefaultAddressType);
                var result = wallet.GetNewChangeDestination(type);
                if (!result.Succeeded) throw new RpcException(RpcErrorCode.WalletKeypoolRanOut, result.Error!.Original);
                return AddressEncoding.EncodeDestination(result.Value!, wallet.Network);
            }
        });

    private static RpcMethod SetLabel() => new(
        "setlabel",
        "Sets the label of an address.",
        [
            Required("address", RpcArgType.Str, "The address to label."),
            Required("label", RpcArgType.Str, "The label."),
        ],
        [Null()],
        Examples("setlabel", $"\"{ExampleAddress}\" \"tabby\"", $"\"{ExampleAddress}\", \"tabby\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                var destination = AddressEncoding.DecodeDestination(call.Param(0).GetStr(), wallet.Network).Destination;
                if (!destination.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address");
                var label = WalletRpcUtil.LabelFromValue(call.Param(1));
                wallet.SetAddressBook(destination, label, wallet.IsMine(destination) ? AddressPurpose.Receive : AddressPurpose.Send);
                return null;
            }
        });

    private static RpcMethod ListAddressGroupings() => new(
        "listaddressgroupings",
        "Lists groups of addresses whose common ownership was made public by spending them together or by change.",
        [],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Arr, "", [
                    Value(RpcResultType.ArrFixed, "", [
                        Field(RpcResultType.Str, "address", "the address"),
                        Field(RpcResultType.StrAmount, "amount", "its balance in BTC"),
                        OptionalField(RpcResultType.Str, "label", "its label"),
                    ]),
                ]),
            ]),
        ],
        Examples("listaddressgroupings"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                var balances = wallet.GetAddressBalances();
                var groups = new JsonArray();
                foreach (var grouping in wallet.GetAddressGroupings())
                {
                    var group = new JsonArray();
                    foreach (var address in grouping.OrderBy(a => a.ToScript().ToHex(), StringComparer.Ordinal))
                    {
                        var info = new JsonArray { AddressEncoding.EncodeDestination(address, wallet.Network), Amounts.ToJson(balances.GetValueOrDefault(address)) };
                        if (wallet.FindAddressBookEntry(address) is { } entry) info.Add(entry.GetLabel());
                        group.Add(info);
                    }

                    groups.Add(group);
                }

                return groups;
            }
        });

    private static RpcMethod KeypoolRefill() => new(
        "keypoolrefill",
        "Derives addresses ahead on every active descriptor, up to the given number.\n" +
        "A new wallet has four active ranged descriptors for receiving (" + OutputTypes.FormatAll() + ") and four for change, each kept 1000 addresses ahead." +
        RequiresPassphrase,
        [WithHint("newsize", RpcArgType.Num, "1000, or as set by -keypool", "How many addresses to keep ahead.")],
        [Null()],
        Examples("keypoolrefill"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                int size = 0;
                if (!call.Param(0).IsNull())
                {
                    size = call.Param(0).GetInt32();
                    if (size < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, expected valid size.");
                }

                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                wallet.TopUpKeyPool(size);
                if (wallet.GetKeyPoolSize() < size) throw new RpcException(RpcErrorCode.WalletError, "Error refreshing keypool.");
                wallet.RefreshAllTxos();
                return null;
            }
        });

    private static IReadOnlyList<RpcResult> AddressInfoBaseFields() =>
    [
        OptionalField(RpcResultType.Str, "address", "the address of the embedded script"),
        OptionalField(RpcResultType.StrHex, "scriptPubKey", "its output script in hex"),
        OptionalField(RpcResultType.Bool, "isscript", "whether it is a script address"),
        OptionalField(RpcResultType.Bool, "iswitness", "whether it is a witness address"),
        OptionalField(RpcResultType.Num, "witness_version", "the witness version"),
        OptionalField(RpcResultType.StrHex, "witness_program", "the witness program in hex"),
        OptionalField(RpcResultType.Str, "script", "the type of the known redeem script"),
        OptionalField(RpcResultType.StrHex, "hex", "the redeem script in hex"),
        OptionalField(RpcResultType.Arr, "pubkeys", "the public keys of a known multisig script", [Field(RpcResultType.Str, "pubkey", "")]),
        OptionalField(RpcResultType.Num, "sigsrequired", "the signatures a known multisig script needs"),
        OptionalField(RpcResultType.StrHex, "pubkey", "the public key of a single-key address, in hex"),
        OptionalField(RpcResultType.Bool, "iscompressed", "whether the public key is compressed"),
    ];

    private static RpcMethod GetAddressInfo() => new(
        "getaddressinfo",
        "Describes an address; facts about its keys and scripts are shown when the wallet knows them.",
        [Required("address", RpcArgType.Str, "The address.")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "address", "the address"),
                Field(RpcResultType.StrHex, "scriptPubKey", "its output script in hex"),
                Field(RpcResultType.Bool, "ismine", "whether the address is the wallet's"),
                Field(RpcResultType.Bool, "iswatchonly", "(DEPRECATED) always false"),
                Field(RpcResultType.Bool, "solvable", "whether the wallet knows how to spend outputs to it, keys aside"),
                OptionalField(RpcResultType.Str, "desc", "a descriptor to spend outputs to it (when solvable)"),
                OptionalField(RpcResultType.Str, "parent_desc", "the wallet descriptor that derives it"),
                OptionalField(RpcResultType.Bool, "isscript", "whether it is a script address"),
                Field(RpcResultType.Bool, "ischange", "whether it was used for change"),
                Field(RpcResultType.Bool, "iswitness", "whether it is a witness address"),
                OptionalField(RpcResultType.Num, "witness_version", "the witness version"),
                OptionalField(RpcResultType.StrHex, "witness_program", "the witness program in hex"),
                OptionalField(RpcResultType.Str, "script", "the type of the known redeem script"),
                OptionalField(RpcResultType.StrHex, "hex", "the redeem script in hex"),
                OptionalField(RpcResultType.Arr, "pubkeys", "the public keys of a known multisig script", [Field(RpcResultType.Str, "pubkey", "")]),
                OptionalField(RpcResultType.Num, "sigsrequired", "the signatures a known multisig script needs"),
                OptionalField(RpcResultType.StrHex, "pubkey", "the public key of a single-key address, in hex"),
                new RpcResult(RpcResultType.Obj, "embedded", "the address embedded in P2SH or P2WSH, when known",
                    [.. AddressInfoBaseFields(), OptionalField(RpcResultType.Obj, "embedded", "a further embedded address", AddressInfoBaseFields())],
                    optional: true, options: new RpcResultOptions { ElisionSummary = "the getaddressinfo fields of the embedded address, without key metadata and ismine" }),
                OptionalField(RpcResultType.Bool, "iscompressed", "whether the public key is compressed"),
                OptionalField(RpcResultType.NumTime, "timestamp", "when the key was created, in UNIX epoch time"),
                OptionalField(RpcResultType.Str, "hdkeypath", "the key's BIP32 path"),
                OptionalField(RpcResultType.StrHex, "hdseedid", "the Hash160 of the HD seed (zero for descriptor wallets)"),
                OptionalField(RpcResultType.StrHex, "hdmasterfingerprint", "the fingerprint of the master key"),
                Field(RpcResultType.Arr, "labels", "the address's label, in an array", [Field(RpcResultType.Str, "label name", "the label (\"\" for the default)")]),
            ]),
        ],
        Examples("getaddressinfo", $"\"{ExampleAddress}\"", $"\"{ExampleAddress}\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                var decoded = AddressEncoding.DecodeDestination(call.Param(0).GetStr(), wallet.Network);
                if (!decoded.IsValid)
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, decoded.Error.Length > 0 ? decoded.Error : "Invalid address");
                var destination = decoded.Destination;
                var script = destination.ToScript();
                var result = new JsonObject
                {
                    ["address"] = AddressEncoding.EncodeDestination(destination, wallet.Network),
                    ["scriptPubKey"] = script.ToHex(),
                };
                var provider = wallet.GetSolvingProvider(script);
                result["ismine"] = wallet.IsMine(destination);
                if (provider is not null)
                {
                    var inferred = Descriptor.Infer(script, provider, wallet.Network);
                    result["solvable"] = inferred.IsSolvable;
                    if (inferred.IsSolvable) result["desc"] = inferred.ToString();
                }
                else
                {
                    result["solvable"] = false;
                }

                var spkm = wallet.GetScriptPubKeyMans(script).FirstOrDefault();
                if (spkm is not null && spkm.TryGetDescriptorString(includePrivate: false, out var parent))
                    result["parent_desc"] = parent;
                result["iswatchonly"] = false;
                foreach (var (key, value) in DescribeWalletAddress(wallet, destination, provider))
                    result[key] = value;
                result["ischange"] = wallet.ScriptIsChange(script);
                if (spkm?.GetMetadata(destination) is { } meta)
                {
                    result["timestamp"] = meta.CreateTime;
                    result["hdkeypath"] = HDKeyPath.Write(meta.Origin.Path, apostrophe: false);
                    result["hdseedid"] = uint160.Zero.ToString();
                    result["hdmasterfingerprint"] = meta.Origin.Fingerprint.ToString();
                }

                var labels = new JsonArray();
                if (wallet.FindAddressBookEntry(destination) is { } entry) labels.Add(entry.GetLabel());
                result["labels"] = labels;
                return result;
            }
        });

    // Core's DescribeWalletAddress: DescribeAddress plus what the wallet's provider knows (keys, redeem scripts).
    private static List<KeyValuePair<string, JsonNode?>> DescribeWalletAddress(DescriptorWallet wallet, TxDestination destination, SigningProvider? provider)
    {
        var fields = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var (key, value) in AddressJson.DescribeAddress(destination))
            fields.Add(new(key, value?.DeepClone()));
        foreach (var field in DescribeWithProvider(wallet, destination, provider)) Set(fields, field.Key, field.Value);
        return fields;
    }

    private static void Set(List<KeyValuePair<string, JsonNode?>> fields, string key, JsonNode? value)
    {
        int index = fields.FindIndex(f => f.Key == key);
        if (index >= 0) fields[index] = new(key, value);
        else fields.Add(new(key, value));
    }

    private static List<KeyValuePair<string, JsonNode?>> DescribeWithProvider(DescriptorWallet wallet, TxDestination destination, SigningProvider? provider)
    {
        var fields = new List<KeyValuePair<string, JsonNode?>>();
        if (provider is null) return fields;
        switch (destination)
        {
            case PubKeyHashDestination pkh when provider.TryGetPubKey(pkh.Hash, out var pubkey):
                fields.Add(new("pubkey", pubkey.ToHex()));
                fields.Add(new("iscompressed", pubkey.IsCompressed));
                break;
            case WitnessV0KeyHashDestination wpkh when provider.TryGetPubKey(wpkh.Hash, out var witnessKey):
                fields.Add(new("pubkey", witnessKey.ToHex()));
                break;
            case ScriptHashDestination sh when provider.TryGetScript(sh.Hash, out var redeem):
                ProcessSubScript(wallet, redeem, provider, fields);
                break;
            case WitnessV0ScriptHashDestination wsh:
                var scriptId = new ScriptId(NBitcoin.Crypto.Hashes.RIPEMD160(wsh.ToScript().ToBytes(true).AsSpan(2, 32).ToArray()));
                if (provider.TryGetScript(scriptId, out var witnessScript)) ProcessSubScript(wallet, witnessScript, provider, fields);
                break;
        }

        return fields;
    }

    private static void ProcessSubScript(DescriptorWallet wallet, Script subscript, SigningProvider provider, List<KeyValuePair<string, JsonNode?>> fields)
    {
        var type = ScriptSolver.Solve(subscript, out var solutions);
        fields.Add(new("script", ScriptSolver.GetTxnOutputType(type)));
        fields.Add(new("hex", subscript.ToHex()));
        if (ScriptSolver.TryExtractDestination(subscript, out var embedded))
        {
            var sub = new List<KeyValuePair<string, JsonNode?>>();
            foreach (var (key, value) in AddressJson.DescribeAddress(embedded)) sub.Add(new(key, value?.DeepClone()));
            foreach (var field in DescribeWithProvider(wallet, embedded, provider)) Set(sub, field.Key, field.Value);
            Set(sub, "address", AddressEncoding.EncodeDestination(embedded, wallet.Network));
            Set(sub, "scriptPubKey", subscript.ToHex());
            var subObject = new JsonObject(sub);
            if (subObject["pubkey"] is { } pubkey) fields.Add(new("pubkey", pubkey.DeepClone()));
            fields.Add(new("embedded", subObject));
        }
        else if (type == TxoutType.Multisig)
        {
            fields.Add(new("sigsrequired", (int)solutions[0][0]));
            var pubkeys = new JsonArray();
            for (int i = 1; i < solutions.Count - 1; i++) pubkeys.Add(Convert.ToHexStringLower(solutions[i]));
            fields.Add(new("pubkeys", pubkeys));
        }
    }

    private static RpcMethod GetAddressesByLabel() => new(
        "getaddressesbylabel",
        "Lists the addresses that have a label.",
        [Required("label", RpcArgType.Str, "The label.")],
        [
            new RpcResult(RpcResultType.ObjDyn, "", "the addresses, as keys", [
                Field(RpcResultType.Obj, "address", "facts about the address", [
                    Field(RpcResultType.Str, "purpose", "\"send\" for an address paid to, \"receive\" for one of the wallet's"),
                ]),
            ]),
        ],
        Examples("getaddressesbylabel", "\"tabby\"", "\"tabby\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                var label = WalletRpcUtil.LabelFromValue(call.Param(0));
                var result = new JsonObject();
                foreach (var (destination, entry) in wallet.AddressBook)
                {
                    if (entry.IsChange || entry.GetLabel() != label) continue;
                    var address = AddressEncoding.EncodeDestination(destination, wallet.Network);
                    result[address] = new JsonObject { ["purpose"] = entry.Purpose is { } p ? AddressBookData.PurposeToString(p) : "unknown" };
                }

                if (result.Count == 0) throw new RpcException(RpcErrorCode.WalletInvalidLabelName, "No addresses with label " + label);
                return result;
            }
        });

    private static RpcMethod ListLabels() => new(
        "listlabels",
        "Lists the labels in use, optionally only those of addresses with a given purpose.",
        [Optional("purpose", RpcArgType.Str, "\"send\" or \"receive\"; \"\" is the same as not giving it.")],
        [Value(RpcResultType.Arr, "", [Field(RpcResultType.Str, "label", "a label")])],
        "\nAll labels\n" + RpcExamples.Cli("listlabels", "") +
        "\nLabels of receiving addresses\n" + RpcExamples.Cli("listlabels", "receive") +
        "\nLabels of sending addresses\n" + RpcExamples.Cli("listlabels", "send") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("listlabels", "receive"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                AddressPurpose? purpose = null;
                if (!call.Param(0).IsNull())
                {
                    var text = call.Param(0).GetStr();
                    if (text.Length > 0)
                    {
                        purpose = AddressBookData.PurposeFromString(text) ?? throw new RpcException(RpcErrorCode.InvalidParameter,
                            "Invalid 'purpose' argument, must be a known purpose string, typically 'send', or 'receive'.");
                    }
                }

                return new JsonArray(wallet.ListAddrBookLabels(purpose).Select(l => (JsonNode?)l).ToArray());
            }
        });
}
