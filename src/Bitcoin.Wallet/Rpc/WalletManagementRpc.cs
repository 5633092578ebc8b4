using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>Wallet management commands (Core's wallet/rpc/wallet.cpp): getwalletinfo, createwallet, loadwallet, unloadwallet, listwallets, listwalletdir, setwalletflag, gethdkeys, createwalletdescriptor, addhdkey, simulaterawtransaction, migratewallet.</summary>
internal static class WalletManagementRpc
{
    private const string Wallet = "wallet";

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, GetWalletInfo()),
        (Wallet, ListWalletDir()),
        (Wallet, ListWallets()),
        (Wallet, LoadWallet()),
        (Wallet, SetWalletFlag()),
        (Wallet, CreateWallet()),
        (Wallet, UnloadWallet()),
        (Wallet, GetHdKeys()),
        (Wallet, CreateWalletDescriptor()),
        (Wallet, AddHdKey()),
        (Wallet, SimulateRawTransaction()),
        (Wallet, MigrateWallet()),
    ];

    /// <summary>Core's WALLET_FLAG_TO_STRING names.</summary>
    internal static readonly IReadOnlyList<(WalletFlags Flag, string Name)> FlagNames =
    [
        (WalletFlags.AvoidReuse, "avoid_reuse"),
        (WalletFlags.KeyOriginMetadata, "key_origin_metadata"),
        (WalletFlags.LastHardenedXpubCached, "last_hardened_xpub_cached"),
        (WalletFlags.DisablePrivateKeys, "disable_private_keys"),
        (WalletFlags.BlankWallet, "blank"),
        (WalletFlags.Descriptors, "descriptor_wallet"),
        (WalletFlags.ExternalSigner, "external_signer"),
    ];

    private static JsonArray Warnings(IEnumerable<BilingualString> warnings) => new(warnings.Select(w => (JsonNode?)w.Original).ToArray());

    private static void PushWarnings(List<BilingualString> warnings, JsonObject result)
    {
        if (warnings.Count > 0) result["warnings"] = Warnings(warnings);
    }

    private static RpcResult WarningsField(string description) => OptionalField(RpcResultType.Arr, "warnings", description, [Value(RpcResultType.Str, "")]);

    private static RpcMethod GetWalletInfo() => new(
        "getwalletinfo",
        "Returns facts about the wallet's state.",
        [],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "walletname", "the wallet's name"),
                Field(RpcResultType.Num, "walletversion", "(DEPRECATED) always 169900, the last legacy wallet version, kept for old clients"),
                Field(RpcResultType.Str, "format", "the database format (sqlite)"),
                Field(RpcResultType.Num, "txcount", "how many transactions the wallet holds"),
                Field(RpcResultType.Num, "keypoolsize", "how many receiving addresses are derived ahead"),
                OptionalField(RpcResultType.Num, "keypoolsize_hd_internal", "how many change addresses are derived ahead"),
                OptionalField(RpcResultType.NumTime, "unlocked_until", "for an encrypted wallet, the UNIX epoch time until which it is unlocked, or 0 when locked"),
                Field(RpcResultType.Bool, "private_keys_enabled", "false for a watch-only wallet"),
                Field(RpcResultType.Bool, "avoid_reuse", "whether the wallet avoids spending reused addresses"),
                new RpcResult(RpcResultType.Obj, "scanning", "the running rescan, or false when none runs", [
                    Field(RpcResultType.Num, "duration", "seconds since it started"),
                    Field(RpcResultType.Num, "progress", "how far it is, from 0.0 to 1.0"),
                ], options: new RpcResultOptions { SkipTypeCheck = true }),
                Field(RpcResultType.Bool, "descriptors", "whether the wallet uses descriptors"),
                Field(RpcResultType.Bool, "external_signer", "whether the wallet uses an external signer"),
                Field(RpcResultType.Bool, "blank", "whether the wallet was created without keys"),
                OptionalField(RpcResultType.NumTime, "birthtime", "where rescans start: the earliest key or transaction time"),
                Field(RpcResultType.Arr, "flags", "the wallet flags set", [Value(RpcResultType.Str, "a flag name")]),
                LastProcessedBlock,
            ]),
        ],
        Examples("getwalletinfo"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                int external = wallet.KeypoolCountExternalKeys();
                var result = new JsonObject
                {
                    ["walletname"] = wallet.Name,
                    ["walletversion"] = 169900,
                    ["format"] = "sqlite",
                    ["txcount"] = wallet.Transactions.Count,
                    ["keypoolsize"] = external,
                    ["keypoolsize_hd_internal"] = wallet.GetKeyPoolSize() - external,
                };
                if (wallet.HasEncryptionKeys()) result["unlocked_until"] = wallet.RelockTime;
                result["private_keys_enabled"] = !wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys);
                result["avoid_reuse"] = wallet.IsWalletFlagSet(WalletFlags.AvoidReuse);
                result["scanning"] = wallet.IsScanning
                    ? new JsonObject
                    {
                        ["duration"] = (long)wallet.ScanningDuration.TotalSeconds,
                        ["progress"] = JsonNumbers.Double(wallet.ScanningProgress),
                    }
                    : false;
                result["descriptors"] = wallet.IsWalletFlagSet(WalletFlags.Descriptors);
                result["external_signer"] = wallet.IsWalletFlagSet(WalletFlags.ExternalSigner);
                result["blank"] = wallet.IsWalletFlagSet(WalletFlags.BlankWallet);
                if (wallet.BirthTime != long.MaxValue) result["birthtime"] = wallet.BirthTime;
                var flags = new JsonArray();
                ulong set = (ulong)wallet.Flags;
                for (int i = 0; i < 64; i++)
                {
                    ulong flag = 1UL << i;
                    if ((flag & set) == 0) continue;
                    var name = FlagNames.FirstOrDefault(f => (ulong)f.Flag == flag).Name;
                    flags.Add(name ?? $"unknown_flag_{i}");
                }

                result["flags"] = flags;
                WalletRpcUtil.AppendLastProcessedBlock(result, wallet);
                return result;
            }
        });

    private static RpcMethod ListWalletDir() => new(
        "listwalletdir",
        "Lists the wallets found in the wallet directory.",
        [],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Arr, "wallets", "", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.Str, "name", "the wallet's name"),
                        WarningsField("why the wallet cannot be loaded as it is, if so"),
                    ]),
                ]),
            ]),
        ],
        Examples("listwalletdir"),
        call =>
        {
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            var wallets = new JsonArray();
            foreach (var (name, format) in WalletPaths.ListDatabases(context.WalletDir, context.ChainInfo.MessageStart))
            {
                var warnings = new JsonArray();
                if (format == "bdb")
                    warnings.Add("This wallet is a legacy wallet and will need to be migrated with migratewallet before it can be loaded");
                wallets.Add(new JsonObject { ["name"] = name, ["warnings"] = warnings });
            }

            return new JsonObject { ["wallets"] = wallets };
        });

    private static RpcMethod ListWallets() => new(
        "listwallets",
        "Lists the loaded wallets.\n" +
        "Use getwalletinfo for the details of one.",
        [],
        [Value(RpcResultType.Arr, "", [Field(RpcResultType.Str, "walletname", "a wallet's name")])],
        Examples("listwallets"),
        call =>
        {
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            return new JsonArray(context.GetWallets().Select(w => (JsonNode?)w.Name).ToArray());
        });

    private const string LoadOnStartupDescription =
        "Whether to load the wallet when the node starts: true adds it to the start-up list in settings.json, false removes it, null leaves the list unchanged.";

    private static RpcMethod LoadWallet() => new(
        "loadwallet",
        "Loads a wallet from its directory.\n" +
        "The wallet options given to the node at start-up apply to it too.",
        [
            Required("filename", RpcArgType.Str, "The wallet's directory: an absolute path, or one relative to the wallet directory (-walletdir, by default the \"wallets\" directory of the data directory)."),
            Optional("load_on_startup", RpcArgType.Bool, LoadOnStartupDescription),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "name", "the name of the loaded wallet"),
                WarningsField("problems met while loading it"),
            ]),
        ],
        "\nLoad a wallet of the wallet directory:\n" + Examples("loadwallet", "\"walletname\"", "\"walletname\"") +
        "\nLoad a wallet by absolute path:\n" + Examples("loadwallet", "\"/path/to/walletname/\"", "\"/path/to/walletname/\""),
        call =>
        {
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            var name = call.ArgStr("filename");
            bool? loadOnStartup = call.MaybeBool("load_on_startup");
            if (context.GetWallet(name) is not null)
                throw new RpcException(RpcErrorCode.WalletAlreadyLoaded, $"Wallet \"{name}\" is already loaded.");
            var warnings = new List<BilingualString>();
            var wallet = context.LoadWallet(name, loadOnStartup, out var status, out var error, warnings)
                         ?? throw WalletRpcUtil.WalletError(status, error);
            var result = new JsonObject { ["name"] = wallet.Name };
            PushWarnings(warnings, result);
            return result;
        });

    private static RpcMethod SetWalletFlag() => new(
        "setwalletflag",
        "Sets or clears a wallet flag.",
        [
            Required("flag", RpcArgType.Str, "The flag to change; only avoid_reuse can be changed."),
            WithDefault("value", RpcArgType.Bool, true, "The new state."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "flag_name", "the flag changed"),
                Field(RpcResultType.Bool, "flag_state", "its new state"),
                OptionalField(RpcResultType.Str, "warnings", "what the change means for the user"),
            ]),
        ],
        RpcExamples.Cli("setwalletflag", "avoid_reuse") + RpcExamples.Rpc("setwalletflag", "\"avoid_reuse\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            var flagName = call.ArgStr("flag");
            bool value = call.MaybeBool("value") ?? true;
            var entry = FlagNames.FirstOrDefault(f => f.Name == flagName);
            if (entry.Name is null) throw new RpcException(RpcErrorCode.InvalidParameter, $"Unknown wallet flag: {flagName}");
            if (((ulong)entry.Flag & DescriptorWallet.MutableWalletFlags) == 0)
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Wallet flag is immutable: {flagName}");
            if (wallet.IsWalletFlagSet(entry.Flag) == value)
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Wallet flag is already set to {(value ? "true" : "false")}: {flagName}");
            var result = new JsonObject { ["flag_name"] = flagName, ["flag_state"] = value };
            if (value) wallet.SetWalletFlag(entry.Flag);
            else wallet.UnsetWalletFlag(entry.Flag);
            if (value && entry.Flag == WalletFlags.AvoidReuse)
            {
                result["warnings"] = "You need to rescan the blockchain in order to correctly mark used destinations in the past. " +
                                     "Until this is done, some destinations may be considered unused, even if the opposite is the case.";
            }

            return result;
        });

    private static RpcMethod CreateWallet() => new(
        "createwallet",
        "Creates a new descriptor wallet and loads it.",
        [
            Required("wallet_name", RpcArgType.Str, "The new wallet's name; a path creates it at that location."),
            WithDefault("disable_private_keys", RpcArgType.Bool, false, "Create a watch-only wallet, which never holds private keys."),
            WithDefault("blank", RpcArgType.Bool, false, "Create the wallet without keys or descriptors."),
            Optional("passphrase", RpcArgType.Str, "Encrypt the wallet with this passphrase."),
            WithDefault("avoid_reuse", RpcArgType.Bool, false, "Track reused addresses and avoid spending from them with others."),
            WithDefault("descriptors", RpcArgType.Bool, true, "Must be true: only descriptor wallets can be created."),
            Optional("load_on_startup", RpcArgType.Bool, LoadOnStartupDescription),
            WithDefault("external_signer", RpcArgType.Bool, false, "Use an external signer (-signer); needs disable_private_keys. Not supported by this build."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "name", "the new wallet's name (the full path when created by path)"),
                WarningsField("problems met while creating and loading it"),
            ]),
        ],
        Examples("createwallet", "\"testwallet\"", "\"testwallet\""),
        call =>
        {
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            ulong flags = 0;
            if (call.MaybeBool("disable_private_keys") == true) flags |= (ulong)WalletFlags.DisablePrivateKeys;
            if (call.MaybeBool("blank") == true) flags |= (ulong)WalletFlags.BlankWallet;
            var warnings = new List<BilingualString>();
            var passphrase = "";
            if (call.MaybeStr("passphrase") is { } given)
            {
                passphrase = given;
                if (passphrase.Length == 0)
                    warnings.Add(BilingualString.Untranslated("Empty string given as passphrase, wallet will not be encrypted."));
            }

            if (call.MaybeBool("avoid_reuse") == true) flags |= (ulong)WalletFlags.AvoidReuse;
            flags |= (ulong)WalletFlags.Descriptors;
            if (!call.ArgBool("descriptors"))
                throw new RpcException(RpcErrorCode.WalletError, "descriptors argument must be set to \"true\"; it is no longer possible to create a legacy wallet.");
            if (call.MaybeBool("external_signer") == true)
                throw new RpcException(RpcErrorCode.WalletError, "Compiled without external signing support (required for external signing)");
            bool? loadOnStartup = call.MaybeBool("load_on_startup");
            var wallet = context.CreateWallet(call.ArgStr("wallet_name"), loadOnStartup, flags, passphrase, out var status, out var error, warnings)
                         ?? throw WalletRpcUtil.WalletError(status, error);
            var result = new JsonObject { ["name"] = wallet.Name };
            PushWarnings(warnings, result);
            return result;
        });

    private static RpcMethod UnloadWallet() => new(
        "unloadwallet",
        "Unloads the wallet of the request's endpoint or the one named; when both are given they must agree.",
        [
            WithHint("wallet_name", RpcArgType.Str, "the wallet name from the RPC endpoint", "The wallet to unload; must equal the endpoint's wallet when both are given."),
            Optional("load_on_startup", RpcArgType.Bool, LoadOnStartupDescription),
        ],
        [Value(RpcResultType.Obj, "", [WarningsField("problems met while unloading it")])],
        Examples("unloadwallet", "wallet_name", "wallet_name"),
        call =>
        {
            var name = WalletRpcUtil.EnsureUniqueWalletName(call.Request, call.MaybeStr("wallet_name"));
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            var wallet = context.GetWallet(name) ?? throw new RpcException(RpcErrorCode.WalletNotFound, "Requested wallet does not exist or is not loaded");
            var warnings = new List<BilingualString>();
            using (var reservation = wallet.ReserveRescan())
            {
                if (reservation is null)
                    throw new RpcException(RpcErrorCode.WalletError, "Wallet is currently rescanning. Abort existing rescan or wait.");
                if (!context.RemoveWallet(wallet, call.MaybeBool("load_on_startup"), warnings))
                    throw new RpcException(RpcErrorCode.MiscError, "Requested wallet already unloaded");
            }

            WalletContext.WaitForDeleteWallet(wallet);
            var result = new JsonObject();
            PushWarnings(warnings, result);
            return result;
        });

    private static RpcMethod GetHdKeys() => new(
        "gethdkeys",
        "Lists the BIP32 HD keys of the wallet and the descriptors using each.",
        [
            Optional("options", RpcArgType.ObjNamedParams, "", [
                WithDefault("active_only", RpcArgType.Bool, false, "Only keys of active descriptors."),
                WithDefault("private", RpcArgType.Bool, false, "Include the extended private keys."),
            ]),
        ],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.Str, "xpub", "the extended public key"),
                    Field(RpcResultType.Bool, "has_private", "whether the wallet holds its private key"),
                    OptionalField(RpcResultType.Str, "xprv", "the extended private key, when \"private\" is true"),
                    Field(RpcResultType.Arr, "descriptors", "the descriptors using the key", [
                        Value(RpcResultType.Obj, "", [
                            Field(RpcResultType.Str, "desc", "the descriptor, public form"),
                            Field(RpcResultType.Bool, "active", "whether it hands out new addresses"),
                        ]),
                    ]),
                ]),
            ]),
        ],
        Examples("gethdkeys"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                var options = call.Param(0) as JsonObject ?? [];
                bool activeOnly = options.Find("active_only") is { } a && !a.IsNull() && a.GetBool();
                bool priv = options.Find("private") is { } p && !p.IsNull() && p.GetBool();
                if (priv) WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                var network = wallet.Network;
                var entries = new SortedDictionary<string, (SortedSet<(string Desc, bool Active)> Descs, bool HasPrivate, ExtKey? Xprv)>(StringComparer.Ordinal);
                foreach (var (xpub, spkms) in wallet.GetHdPubKeys(activeOnly ? HdKeyFilter.Active : HdKeyFilter.All))
                {
                    var key = AddressEncoding.EncodeExtPubKey(xpub, network);
                    if (!entries.TryGetValue(key, out var entry)) entry = (new SortedSet<(string, bool)>(), false, null);
                    foreach (var spkm in spkms)
                    {
                        if (!spkm.TryGetDescriptorString(includePrivate: false, out var desc)) continue;
                        entry.Descs.Add((desc, wallet.IsActiveScriptPubKeyMan(spkm)));
                        bool has = spkm.HasPrivKey(xpub.PubKey.Hash);
                        entry.HasPrivate |= has;
                        if (priv && spkm.GetKey(xpub.PubKey.Hash) is { } privateKey) entry.Xprv = new ExtKey(xpub, privateKey);
                    }

                    entries[key] = entry;
                }

                var result = new JsonArray();
                foreach (var (xpub, entry) in entries)
                {
                    var item = new JsonObject { ["xpub"] = xpub, ["has_private"] = entry.HasPrivate };
                    if (priv && entry.HasPrivate && entry.Xprv is not null) item["xprv"] = AddressEncoding.EncodeExtKey(entry.Xprv, network);
                    item["descriptors"] = new JsonArray(entry.Descs.Select(d => (JsonNode?)new JsonObject { ["desc"] = d.Desc, ["active"] = d.Active }).ToArray());
                    result.Add(item);
                }

                return result;
            }
        });

    private static RpcMethod CreateWalletDescriptor() => new(
        "createwalletdescriptor",
        "Creates the wallet's descriptor for an address type it does not have yet." + RequiresPassphrase,
        [
            Required("type", RpcArgType.Str, "The address type: " + OutputTypes.FormatAll() + "."),
            Optional("options", RpcArgType.ObjNamedParams, "", [
                WithHint("internal", RpcArgType.Bool, "both receive and change descriptors", "Make only the change (true) or only the receive (false) descriptor."),
                WithHint("hdkey", RpcArgType.Str, "the HD key of the other active descriptors", "The xpub, as gethdkeys lists it, of a key the wallet holds the private key of."),
            ]),
        ],
        [Value(RpcResultType.Obj, "", [Field(RpcResultType.Arr, "descs", "the public descriptors added", [Value(RpcResultType.Str, "")])])],
        Examples("createwalletdescriptor", "bech32m", "bech32m"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            var typeText = call.Param(0).GetStr();
            var type = OutputTypes.Parse(typeText) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Unknown address type '{typeText}'");
            var options = call.Param(1) as JsonObject ?? [];
            var internalOnly = options.Find("internal");
            var hdkey = options.Find("hdkey");
            bool[] internals = internalOnly.IsNull() ? [false, true] : [internalOnly.GetBool()];
            lock (wallet.SyncRoot)
            {
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                ExtPubKey xpub;
                if (hdkey.IsNull())
                {
                    var active = wallet.GetHdPubKeys(HdKeyFilter.Active);
                    if (active.Count != 1)
                        throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unable to determine which HD key to use from active descriptors. Please specify with 'hdkey'");
                    xpub = active.Keys.First();
                }
                else
                {
                    xpub = AddressEncoding.DecodeExtPubKey(hdkey.GetStr(), wallet.Network)
                           ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unable to parse HD key. Please provide a valid xpub");
                }

                var key = wallet.GetKey(xpub.PubKey.Hash)
                          ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Private key for {AddressEncoding.EncodeExtPubKey(xpub, wallet.Network)} is not known");
                var master = new ExtKey(xpub, key);
                var created = new List<DescriptorScriptPubKeyMan>();
                var batch = new WalletBatch(wallet.Database);
                foreach (var internalChain in internals)
                {
                    var descriptor = DescriptorScriptPubKeyMan.GenerateWalletDescriptor(xpub, type, internalChain, wallet.Network, wallet.ChainInfo.IsTestChain, WalletTime.Now);
                    if (wallet.GetScriptPubKeyMan(descriptor.Id) is null)
                        created.Add(wallet.SetupDescriptorScriptPubKeyMan(batch, master, type, internalChain));
                }

                if (created.Count == 0) throw new RpcException(RpcErrorCode.WalletError, "Descriptor already exists");
                var descs = new JsonArray();
                foreach (var spkm in created)
                {
                    spkm.TryGetDescriptorString(includePrivate: false, out var text);
                    descs.Add(text);
                }

                return new JsonObject { ["descs"] = descs };
            }
        });

    private static RpcMethod AddHdKey() => new(
        "addhdkey",
        "Adds a BIP32 HD key to the wallet, for createwalletdescriptor.",
        [WithHint("hdkey", RpcArgType.Str, "a new random key", "The extended private key to add.")],
        [Value(RpcResultType.Obj, "", [Field(RpcResultType.Str, "xpub", "the extended public key of the key added")])],
        Examples("addhdkey", "xprv", "xprv"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
                throw new RpcException(RpcErrorCode.WalletError, "addhdkey is not available for wallets without private keys");
            WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
            ExtKey hdkey;
            if (call.Param(0).IsNull())
            {
                hdkey = ExtKey.CreateFromSeed(new Key().ToBytes());
            }
            else
            {
                var text = call.Param(0).GetStr();
                hdkey = AddressEncoding.DecodeExtKey(text, wallet.Network) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey,
                    AddressEncoding.DecodeExtPubKey(text, wallet.Network) is not null
                        ? "Extended public key (xpub) provided, but extended private key (xprv) is required"
                        : "Could not parse HD key");
            }

            lock (wallet.SyncRoot)
            {
                var keys = new FlatSigningProvider();
                var parsed = Descriptor.Parse("unused(" + AddressEncoding.EncodeExtKey(hdkey, wallet.Network) + ")", wallet.Network, keys);
                var descriptor = new WalletDescriptor(parsed[0], (ulong)WalletTime.Now, 0, 0, 0);
                if (wallet.GetDescriptorScriptPubKeyMan(descriptor) is not null)
                    throw new RpcException(RpcErrorCode.WalletError, "HD key already exists");
                var added = wallet.AddWalletDescriptor(descriptor, keys, "", internalChain: false);
                if (!added.Succeeded) throw new RpcException(RpcErrorCode.WalletError, added.Error!.Original);
                var xpub = added.Value!.Descriptor.GetPubKeys().ExtPubKeys.Single();
                return new JsonObject { ["xpub"] = AddressEncoding.EncodeExtPubKey(xpub, wallet.Network) };
            }
        });

    private static RpcMethod SimulateRawTransaction() => new(
        "simulaterawtransaction",
        "Computes how the wallet's balance would change if the given transactions were signed and broadcast.",
        [
            Optional("rawtxs", RpcArgType.Arr, "Raw transactions in hex.", [Optional("rawtx", RpcArgType.StrHex, "")]),
            Optional("options", RpcArgType.ObjNamedParams, "", [WithDefault("include_watchonly", RpcArgType.Bool, false, "(DEPRECATED) Ignored.")]),
        ],
        [Value(RpcResultType.Obj, "", [Field(RpcResultType.StrAmount, "balance_change", "the change of the wallet's balance (negative for a decrease)")])],
        Examples("simulaterawtransaction", "[\"myhex\"]", "[\"myhex\"]"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                var txs = call.Param(0).GetArr();
                long changes = 0;
                var newUtxos = new Dictionary<OutPoint, long>();
                var spent = new HashSet<OutPoint>();
                foreach (var hex in txs)
                {
                    var tx = Common.Formats.TransactionDecoding.DecodeHexTx(hex.GetStr(), tryNoWitness: true, tryWitness: true)
                             ?? throw new RpcException(RpcErrorCode.DeserializationError, "Transaction hex string decoding failure.");
                    var coins = wallet.RequireChain().FindCoins(tx.Inputs.Select(i => i.PrevOut).ToList());
                    foreach (var input in tx.Inputs)
                    {
                        var outpoint = input.PrevOut;
                        if (!spent.Add(outpoint))
                            throw new RpcException(RpcErrorCode.InvalidParameter, "Transaction(s) are spending the same output more than once");
                        if (newUtxos.Remove(outpoint, out var amount))
                        {
                            changes -= amount;
                        }
                        else
                        {
                            if (!coins.ContainsKey(outpoint))
                                throw new RpcException(RpcErrorCode.InvalidParameter, "One or more transaction inputs are missing or have been spent already");
                            changes -= wallet.GetDebit(input);
                        }
                    }

                    var txid = tx.GetHash();
                    for (int i = 0; i < tx.Outputs.Count; i++)
                    {
                        long amount = wallet.IsMine(tx.Outputs[i]) ? tx.Outputs[i].Value.Satoshi : 0;
                        newUtxos[new OutPoint(txid, i)] = amount;
                        changes += amount;
                    }
                }

                return new JsonObject { ["balance_change"] = Common.Formats.Amounts.ToJson(changes) };
            }
        });

    private static RpcMethod MigrateWallet() => new(
        "migratewallet",
        "Migrates a legacy wallet to a descriptor wallet.\n" +
        "This node cannot read legacy (Berkeley DB) wallets, so migration always fails here; migrate with Bitcoin Core and load the result.",
        [
            WithHint("wallet_name", RpcArgType.Str, "the wallet name from the RPC endpoint", "The wallet to migrate; must equal the endpoint's wallet when both are given."),
            Optional("passphrase", RpcArgType.Str, "The wallet's passphrase."),
            WithDefault("load_wallet", RpcArgType.Bool, true, "Load the wallet after migrating it."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "wallet_name", "the migrated wallet's name"),
                OptionalField(RpcResultType.Str, "watchonly_name", "the wallet made for watch-only scripts"),
                OptionalField(RpcResultType.Str, "solvables_name", "the wallet made for solvable scripts"),
                Field(RpcResultType.Str, "backup_path", "where the original wallet was backed up"),
            ]),
        ],
        Examples("migratewallet"),
        (Func<RpcCall, JsonNode?>)(call =>
        {
            var name = WalletRpcUtil.EnsureUniqueWalletName(call.Request, call.MaybeStr("wallet_name"));
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            throw new RpcException(RpcErrorCode.WalletError, context.MigrationError(name));
        }));
}
