using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Keys;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>Backup and import commands (Core's wallet/rpc/backup.cpp): importdescriptors, listdescriptors, backupwallet, restorewallet, importprunedfunds, removeprunedfunds.</summary>
internal static class BackupRpc
{
    private const string Wallet = "wallet";

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, ImportPrunedFunds()),
        (Wallet, RemovePrunedFunds()),
        (Wallet, ImportDescriptors()),
        (Wallet, ListDescriptors()),
        (Wallet, BackupWallet()),
        (Wallet, RestoreWallet()),
    ];

    private static RpcMethod ImportPrunedFunds() => new(
        "importprunedfunds",
        "Adds a transaction paying the wallet without a rescan, proven by a merkle proof (gettxoutproof). For pruned nodes;\n" +
        "the addresses must already be the wallet's, and later spends must be imported or rescanned for separately.",
        [
            Required("rawtransaction", RpcArgType.StrHex, "The raw transaction, in hex."),
            Required("txoutproof", RpcArgType.StrHex, "The proof, as gettxoutproof returns it."),
        ],
        [Null()],
        "",
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            var tx = TransactionDecoding.DecodeHexTx(call.Param(0).GetStr(), tryNoWitness: false, tryWitness: true)
                     ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed. Make sure the tx has at least one input.");
            MerkleBlock proof;
            try
            {
                proof = MerkleProof.Parse(RpcValues.ParseHexV(call.Param(1), "proof"));
            }
            catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException)
            {
                throw new RpcException(RpcErrorCode.DeserializationError, "Proof decode failed");
            }

            var matches = new List<uint256>();
            var indexes = new List<int>();
            if (MerkleProof.ExtractMatches(proof.PartialMerkleTree, matches, indexes) != proof.Header.HashMerkleRoot)
                throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Something wrong with merkleblock");
            lock (wallet.SyncRoot)
            {
                var blockHash = proof.Header.GetHash();
                if (!wallet.RequireChain().FindAncestorByHash(wallet.LastBlockHash, blockHash, new FoundBlockRequest { WantHeight = true }, out var block))
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block not found in chain");
                int position = matches.IndexOf(tx.GetHash());
                if (position < 0) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Transaction given doesn't exist in proof");
                if (!wallet.IsMine(tx))
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "No addresses in wallet correspond to included transaction");
                wallet.AddToWallet(tx, new TxStateConfirmed(blockHash, block.Height, indexes[position]));
                return null;
            }
        });

    private static RpcMethod RemovePrunedFunds() => new(
        "removeprunedfunds",
        "(DEPRECATED) Needs -deprecatedrpc=removeprunedfunds; it goes away in the next major release.\n" +
        "Deletes a transaction from the wallet, the companion of importprunedfunds. Balances change accordingly.",
        [Required("txid", RpcArgType.StrHex, "The id of the transaction to delete.")],
        [Null()],
        Examples("removeprunedfunds", "\"a8d0c0184dde994a09ec054286f1ce581bebf46446a512166eae7628734ea0a5\"",
            "\"a8d0c0184dde994a09ec054286f1ce581bebf46446a512166eae7628734ea0a5\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (!wallet.RequireChain().RpcEnableDeprecated("removeprunedfunds"))
            {
                throw new RpcException(RpcErrorCode.MethodDeprecated,
                    "DEPRECATION WARNING: This feature will be removed in the next major release. Start bitcoind with the `-deprecatedrpc=removeprunedfunds` option in order to use this.");
            }

            lock (wallet.SyncRoot)
            {
                var txid = RpcValues.ParseHashV(call.Param(0), "txid");
                if (wallet.RemoveTxs([txid]) is { } error) throw new RpcException(RpcErrorCode.WalletError, error.Original);
                return null;
            }
        });

    private static long GetImportTimestamp(JsonNode? request, long now)
    {
        if (request.Find("timestamp") is { } timestamp)
        {
            if (timestamp.IsNum()) return timestamp.GetInt64();
            if (timestamp.IsStr() && timestamp.GetStr() == "now") return now;
            throw new RpcException(RpcErrorCode.TypeError, $"Expected number or \"now\" timestamp value for key. got type {timestamp.GetKind().TypeName()}");
        }

        throw new RpcException(RpcErrorCode.TypeError, "Missing required timestamp field for key");
    }

    // Core's ProcessDescriptorImport: one request's result object; errors are reported in it, not thrown.
    private static JsonObject ProcessDescriptorImport(DescriptorWallet wallet, JsonNode? data, long timestamp)
    {
        var warnings = new JsonArray();
        var result = new JsonObject();
        try
        {
            if (data.Find("desc") is not { } descNode) throw new RpcException(RpcErrorCode.InvalidParameter, "Descriptor not found.");
            var descriptorText = descNode.GetStr();
            bool active = data.Find("active") is { } a && a.GetBool();
            var label = WalletRpcUtil.LabelFromValue(data.Find("label"));
            var keys = new FlatSigningProvider();
            if (!Descriptor.TryParse(descriptorText, wallet.Network, keys, out var parsed, out var parseError, requireChecksum: true))
                throw new RpcException(RpcErrorCode.InvalidAddressOrKey, parseError);
            bool? internalChain = null;
            if (data.Find("internal") is { } internalNode)
            {
                if (parsed.Count > 1) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Cannot have multipath descriptor while also specifying 'internal'");
                internalChain = internalNode.GetBool();
            }

            bool isRanged = false;
            long rangeStart = 0, rangeEnd = 1, nextIndex = 0;
            if (!parsed[0].IsRange && data.Find("range") is not null)
            {
                throw new RpcException(RpcErrorCode.InvalidParameter, "Range should not be specified for an un-ranged descriptor");
            }
            else if (parsed[0].IsRange)
            {
                if (data.Find("range") is { } rangeNode)
                {
                    var (begin, end) = DescriptorJson.ParseDescriptorRange(rangeNode);
                    rangeStart = begin;
                    rangeEnd = end + 1;
                }
                else
                {
                    warnings.Add("Range not given, using default keypool range");
                    rangeStart = 0;
                    rangeEnd = wallet.Options.KeypoolSize;
                }

                nextIndex = rangeStart;
                isRanged = true;
                if (data.Find("next_index") is { } nextNode)
                {
                    nextIndex = nextNode.GetInt64();
                    if (nextIndex < rangeStart || nextIndex >= rangeEnd) throw new RpcException(RpcErrorCode.InvalidParameter, "next_index is out of range");
                }
            }

            if (active && !parsed[0].IsRange) throw new RpcException(RpcErrorCode.InvalidParameter, "Active descriptors must be ranged");
            bool hasLabel = data.Find("label") is not null;
            if (parsed.Count > 1 && hasLabel) throw new RpcException(RpcErrorCode.InvalidParameter, "Multipath descriptors should not have a label");
            if (isRanged && hasLabel) throw new RpcException(RpcErrorCode.InvalidParameter, "Ranged descriptors should not have a label");
            bool descInternal = internalChain == true;
            if (descInternal && hasLabel) throw new RpcException(RpcErrorCode.InvalidParameter, "Internal addresses should not have a label");
            if (active && !parsed[0].IsSingleType) throw new RpcException(RpcErrorCode.WalletError, "Combo descriptors cannot be set to active");
            if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys) && keys.Keys.Count > 0)
                throw new RpcException(RpcErrorCode.WalletError, "Cannot import private keys to a wallet with private keys disabled");

            for (int j = 0; j < parsed.Count; j++)
            {
                var descriptor = parsed[j];
                if (parsed.Count == 2) descInternal = j == 1;
                if (!descriptor.Expand(0, keys, out _, new FlatSigningProvider()))
                    throw new RpcException(RpcErrorCode.WalletError, "Cannot expand descriptor. Probably because of hardened derivations without private keys provided");
                foreach (var warning in descriptor.Warnings) warnings.Add(warning);
                if (!wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
                {
                    if (keys.Keys.Count == 0)
                        throw new RpcException(RpcErrorCode.WalletError, "Cannot import descriptor without private keys to a wallet with private keys enabled");
                    if (!descriptor.HavePrivateKeys(keys))
                        warnings.Add("Not all private keys provided. Some wallet functionality may return unexpected errors");
                }

                if (!descriptor.HasScripts)
                {
                    if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
                        throw new RpcException(RpcErrorCode.WalletError, "Cannot import unused() to wallet without private keys enabled");
                    var (pubkeys, xpubs) = descriptor.GetPubKeys();
                    var key = pubkeys.Concat(xpubs.Select(x => x.PubKey)).Single();
                    if (wallet.GetKey(key.Hash) is not null)
                        throw new RpcException(RpcErrorCode.WalletError, "Cannot import an unused() descriptor when its private key is already in the wallet");
                }

                var walletDescriptor = new WalletDescriptor(descriptor, (ulong)timestamp, (int)rangeStart, (int)rangeEnd, (int)nextIndex);
                var added = wallet.AddWalletDescriptor(walletDescriptor, keys, label, descInternal);
                if (!added.Succeeded)
                    throw new RpcException(RpcErrorCode.WalletError, $"Could not add descriptor '{descriptorText}': {added.Error!.Original}");
                var spkm = added.Value!;
                var outputType = descriptor.GetOutputType();
                if (active)
                {
                    if (outputType is null) warnings.Add("Unknown output type, cannot set descriptor to active.");
                    else wallet.AddActiveScriptPubKeyMan(spkm.Id, outputType.Value, descInternal);
                }
                else if (outputType is not null)
                {
                    wallet.DeactivateScriptPubKeyMan(spkm.Id, outputType.Value, descInternal);
                }
            }

            result["success"] = true;
        }
        catch (RpcException e)
        {
            result["success"] = false;
            result["error"] = e.ToJson();
        }
        catch (JsonTypeException e)
        {
            result["success"] = false;
            result["error"] = new RpcException(RpcErrorCode.TypeError, e.Message).ToJson();
        }

        if (warnings.Count > 0) result["warnings"] = warnings;
        return result;
    }

    private static RpcMethod ImportDescriptors() => new(
        "importdescriptors",
        "Imports descriptors, then rescans the chain from the earliest timestamp given. Back the wallet up again afterwards.\n" +
        "A multipath descriptor with exactly two paths is imported as a receive descriptor and a change (internal) one.\n" +
        "\nNote: with an early timestamp this can take over an hour, and meanwhile other calls may show the imported\n" +
        "addresses without their transactions.",
        [
            Required("requests", RpcArgType.Arr, "What to import.", [
                Optional("", RpcArgType.Obj, "", [
                    Required("desc", RpcArgType.Str, "The descriptor."),
                    WithDefault("active", RpcArgType.Bool, false, "Make it the active descriptor for its output type and chain (receive or change)."),
                    Optional("range", RpcArgType.Range, "For a ranged descriptor, the end or the [begin,end] of the range to import."),
                    Optional("next_index", RpcArgType.Num, "For a ranged descriptor, the next position to hand out addresses from."),
                    Required("timestamp", RpcArgType.Num,
                        "Where the rescan starts for this descriptor, in UNIX epoch time.\n" +
                        "\"now\" means the current block time and skips the rescan (for outputs never used);\n" +
                        "0 scans the whole chain. Blocks up to 2 hours before the earliest timestamp are scanned, and the mempool.",
                        options: new RpcArgOptions { TypeStr = ["timestamp | \"now\"", "integer / string"] }),
                    WithDefault("internal", RpcArgType.Bool, false, "Treat payments to it as change rather than incoming payments."),
                    WithDefault("label", RpcArgType.Str, "", "A label for its address; only for non-ranged, non-internal descriptors."),
                ]),
            ], new RpcArgOptions { OneLineDescription = "requests" }),
        ],
        [
            new RpcResult(RpcResultType.Arr, "", "one result per request, in order", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.Bool, "success", ""),
                    OptionalField(RpcResultType.Arr, "warnings", "", [Value(RpcResultType.Str, "")]),
                    OptionalField(RpcResultType.Obj, "error", "", [
                        Field(RpcResultType.Num, "code", "JSON-RPC error code"),
                        Field(RpcResultType.Str, "message", "JSON-RPC error message"),
                    ]),
                ]),
            ]),
        ],
        RpcExamples.Cli("importdescriptors", "'[{ \"desc\": \"<my descriptor>\", \"timestamp\":1455191478, \"internal\": true }, { \"desc\": \"<my descriptor 2>\", \"label\": \"example 2\", \"timestamp\": 1455191480 }]'") +
        RpcExamples.Cli("importdescriptors", "'[{ \"desc\": \"<my descriptor>\", \"timestamp\":1455191478, \"active\": true, \"range\": [0,100], \"label\": \"<my bech32 wallet>\" }]'"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            using var reservation = wallet.ReserveRescan(withPassphrase: true) ??
                throw new RpcException(RpcErrorCode.WalletError, "Wallet is currently rescanning. Abort existing rescan or wait.");
            wallet.BlockUntilSyncedToCurrentChain();
            var requests = call.Param(0).GetArr();
            const long minimumTimestamp = 1;
            long now, lowestTimestamp;
            bool rescan = false;
            var response = new List<JsonObject>();
            lock (wallet.SyncRoot)
            {
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                wallet.RequireChain().FindBlock(wallet.LastBlockHash, new FoundBlockRequest { WantTime = true, WantMtpTime = true }, out var tip);
                lowestTimestamp = tip.Time;
                now = tip.MtpTime;
                foreach (var request in requests)
                {
                    long timestamp = Math.Max(GetImportTimestamp(request, now), minimumTimestamp);
                    var result = ProcessDescriptorImport(wallet, request, timestamp);
                    response.Add(result);
                    if (lowestTimestamp > timestamp) lowestTimestamp = timestamp;
                    if (!rescan && result["success"]!.GetBool()) rescan = true;
                }

                wallet.RefreshAllTxos();
            }

            if (rescan)
            {
                long scannedTime = wallet.RescanFromTime(lowestTimestamp);
                wallet.ResubmitWalletTransactions(TxBroadcastMethod.MempoolNoBroadcast, force: true);
                if (wallet.IsAbortingRescan) throw new RpcException(RpcErrorCode.MiscError, "Rescan aborted by user.");
                if (scannedTime > lowestTimestamp)
                {
                    for (int i = 0; i < requests.Count; i++)
                    {
                        long timestamp = GetImportTimestamp(requests[i], now);
                        if (scannedTime <= timestamp || response[i].ContainsKey("error")) continue;
                        var message = $"Rescan failed for descriptor with timestamp {timestamp}. There was an error reading a block from time {scannedTime - DescriptorWallet.TimestampWindow - 1}, " +
                                      $"which is after or within {DescriptorWallet.TimestampWindow} seconds of key creation, and could contain transactions pertaining to the desc. " +
                                      "As a result, transactions and coins using this desc may not appear in the wallet. " +
                                      "This error could potentially caused by data corruption. If the issue persists you may want to reindex (see -reindex option).";
                        response[i] = new JsonObject { ["success"] = false, ["error"] = new RpcException(RpcErrorCode.MiscError, message).ToJson() };
                    }
                }
            }

            return new JsonArray(response.Select(r => (JsonNode?)r).ToArray());
        });

    private static RpcMethod ListDescriptors() => new(
        "listdescriptors",
        "Lists the wallet's descriptors.",
        [WithDefault("private", RpcArgType.Bool, false, "Show the descriptors with their private keys.")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "wallet_name", "the wallet's name"),
                Field(RpcResultType.Arr, "descriptors", "the descriptors, sorted by their text", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.Str, "desc", "the descriptor"),
                        Field(RpcResultType.Num, "timestamp", "when it was created"),
                        Field(RpcResultType.Bool, "active", "whether it hands out new addresses"),
                        OptionalField(RpcResultType.Bool, "internal", "for active descriptors, whether it makes change addresses"),
                        OptionalField(RpcResultType.ArrFixed, "range", "for ranged descriptors, the range derived", [
                            Value(RpcResultType.Num, "its first position"),
                            Value(RpcResultType.Num, "its last position"),
                        ]),
                        OptionalField(RpcResultType.Num, "next", "the same as next_index, for compatibility"),
                        OptionalField(RpcResultType.Num, "next_index", "for ranged descriptors, the next position to hand out"),
                    ]),
                ]),
            ]),
        ],
        Examples("listdescriptors") + Examples("listdescriptors", "true", "true"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            bool priv = !call.Param(0).IsNull() && call.Param(0).GetBool();
            if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys) && priv)
                throw new RpcException(RpcErrorCode.WalletError, "Can't get private descriptor string for watch-only wallets");
            if (priv) WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
            lock (wallet.SyncRoot)
            {
                var infos = new List<(string Desc, JsonObject Item)>();
                foreach (var spkm in wallet.ScriptPubKeyMans)
                {
                    if (!spkm.TryGetDescriptorString(priv, out var text))
                        throw new RpcException(RpcErrorCode.WalletError, "Can't get descriptor string.");
                    var descriptor = spkm.WalletDescriptor;
                    var item = new JsonObject
                    {
                        ["desc"] = text,
                        ["timestamp"] = descriptor.CreationTime,
                        ["active"] = wallet.IsActiveScriptPubKeyMan(spkm),
                    };
                    if (wallet.IsInternalScriptPubKeyMan(spkm) is { } internalChain) item["internal"] = internalChain;
                    if (descriptor.Descriptor.IsRange)
                    {
                        item["range"] = new JsonArray(descriptor.RangeStart, descriptor.RangeEnd - 1);
                        item["next"] = descriptor.NextIndex;
                        item["next_index"] = descriptor.NextIndex;
                    }

                    infos.Add((text, item));
                }

                infos.Sort((a, b) => string.CompareOrdinal(a.Desc, b.Desc));
                return new JsonObject
                {
                    ["wallet_name"] = wallet.Name,
                    ["descriptors"] = new JsonArray(infos.Select(i => (JsonNode?)i.Item).ToArray()),
                };
            }
        });

    private static RpcMethod BackupWallet() => new(
        "backupwallet",
        "Copies the wallet file safely to a destination: a directory, or a path with a file name.",
        [Required("destination", RpcArgType.Str, "The destination directory or file.")],
        [Null()],
        Examples("backupwallet", "\"backup.dat\"", "\"backup.dat\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                if (!wallet.BackupWallet(call.Param(0).GetStr())) throw new RpcException(RpcErrorCode.WalletError, "Error: Wallet backup failed!");
                return null;
            }
        });

    private static RpcMethod RestoreWallet() => new(
        "restorewallet",
        "Restores a wallet from a backup file and loads it.",
        [
            Required("wallet_name", RpcArgType.Str, "The name to give the restored wallet."),
            Required("backup_file", RpcArgType.Str, "The backup file to restore."),
            Optional("load_on_startup", RpcArgType.Bool, "Whether to load the wallet when the node starts: true adds it to the start-up list in settings.json, false removes it, null leaves the list unchanged."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "name", "the restored wallet's name"),
                OptionalField(RpcResultType.Arr, "warnings", "problems met while restoring and loading it", [Value(RpcResultType.Str, "")]),
            ]),
        ],
        Examples("restorewallet", "\"testwallet\" \"home\\backups\\backup-file.bak\"", "\"testwallet\" \"home\\backups\\backup-file.bak\""),
        call =>
        {
            var context = WalletRpcUtil.EnsureWalletContext(call.Request);
            var warnings = new List<BilingualString>();
            var wallet = context.RestoreWallet(call.Param(1).GetStr(), call.Param(0).GetStr(), call.MaybeBool("load_on_startup"),
                             out var status, out var error, warnings)
                         ?? throw WalletRpcUtil.WalletError(status, error);
            var result = new JsonObject { ["name"] = wallet.Name };
            if (warnings.Count > 0) result["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)w.Original).ToArray());
            return result;
        });
}
