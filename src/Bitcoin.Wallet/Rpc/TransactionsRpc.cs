using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>Transaction commands (Core's wallet/rpc/transactions.cpp): listreceivedbyaddress, listreceivedbylabel, listtransactions, listsinceblock, gettransaction, abandontransaction, rescanblockchain, abortrescan.</summary>
internal static class TransactionsRpc
{
    private const string Wallet = "wallet";
    private const string ExampleTxid = "1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d";

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, ListReceivedByAddress()),
        (Wallet, ListReceivedByLabel()),
        (Wallet, ListTransactions()),
        (Wallet, ListSinceBlock()),
        (Wallet, GetTransaction()),
        (Wallet, AbandonTransaction()),
        (Wallet, RescanBlockchain()),
        (Wallet, AbortRescan()),
    ];

    // Core's WalletTxToJSON.
    private static void WalletTxToJson(DescriptorWallet wallet, WalletTransaction wtx, JsonObject entry)
    {
        var chain = wallet.RequireChain();
        int confirms = wallet.GetTxDepthInMainChain(wtx);
        entry["confirmations"] = confirms;
        if (wtx.IsCoinBase) entry["generated"] = true;
        if (wtx.State is TxStateConfirmed confirmed)
        {
            entry["blockhash"] = confirmed.BlockHash.ToString();
            entry["blockheight"] = confirmed.Height;
            entry["blockindex"] = confirmed.Index;
            chain.FindBlock(confirmed.BlockHash, new FoundBlockRequest { WantTime = true }, out var block);
            entry["blocktime"] = block.Time;
        }
        else
        {
            entry["trusted"] = wallet.IsTrusted(wtx);
        }

        entry["txid"] = wtx.TxId.ToString();
        entry["wtxid"] = wtx.WitnessHash.ToString();
        entry["alternate_wtxids"] = new JsonArray(wtx.Variants.Keys.Where(k => k != wtx.WitnessHash).OrderBy(k => k)
            .Select(k => (JsonNode?)k.ToString()).ToArray());
        entry["walletconflicts"] = new JsonArray(wallet.GetTxConflicts(wtx).OrderBy(t => t).Select(t => (JsonNode?)t.ToString()).ToArray());
        entry["mempoolconflicts"] = new JsonArray(wtx.MempoolConflicts.OrderBy(t => t).Select(t => (JsonNode?)t.ToString()).ToArray());
        entry["time"] = wtx.GetTxTime();
        entry["timereceived"] = wtx.TimeReceived;
        if (chain.RpcEnableDeprecated("bip125"))
        {
            var rbf = "no";
            if (confirms <= 0)
            {
                rbf = chain.IsRbfOptIn(wtx.Tx) switch
                {
                    RbfTransactionState.Unknown => "unknown",
                    RbfTransactionState.ReplaceableBip125 => "yes",
                    _ => "no",
                };
            }

            entry["bip125-replaceable"] = rbf;
        }

        if (wtx.Comment is not null) entry["comment"] = wtx.Comment;
        if (wtx.CommentTo is not null) entry["to"] = wtx.CommentTo;
        if (wtx.ReplacesTxid is not null) entry["replaces_txid"] = wtx.ReplacesTxid.ToString();
        if (wtx.ReplacedByTxid is not null) entry["replaced_by_txid"] = wtx.ReplacedByTxid.ToString();
    }

    private static void MaybePushAddress(JsonObject entry, TxDestination destination, Network network)
    {
        if (destination.IsValid) entry["address"] = AddressEncoding.EncodeDestination(destination, network);
    }

    // Core's ListTransactions: a "send" entry per output the wallet paid (change skipped) and a "receive" one per output to it.
    private static void ListTransactionEntries(DescriptorWallet wallet, WalletTransaction wtx, int minDepth, bool full, List<JsonObject> result,
        string? filterLabel, bool includeChange = false)
    {
        wallet.GetAmounts(wtx, out var received, out var sent, out long fee, includeChange);
        if (filterLabel is null)
        {
            foreach (var s in sent)
            {
                var entry = new JsonObject();
                MaybePushAddress(entry, s.Destination, wallet.Network);
                entry["category"] = "send";
                entry["amount"] = Amounts.ToJson(-s.Amount);
                if (wallet.FindAddressBookEntry(s.Destination) is { } book) entry["label"] = book.GetLabel();
                entry["vout"] = s.Vout;
                entry["fee"] = Amounts.ToJson(-fee);
                if (full) WalletTxToJson(wallet, wtx, entry);
                entry["abandoned"] = wtx.IsAbandoned;
                result.Add(entry);
            }
        }

        int depth = wallet.GetTxDepthInMainChain(wtx);
        if (received.Count == 0 || depth < minDepth) return;
        foreach (var r in received)
        {
            var book = wallet.FindAddressBookEntry(r.Destination);
            var label = book?.GetLabel() ?? "";
            if (filterLabel is not null && label != filterLabel) continue;
            var entry = new JsonObject();
            MaybePushAddress(entry, r.Destination, wallet.Network);
            WalletRpcUtil.PushParentDescriptors(wallet, wtx.Tx.Outputs[r.Vout].ScriptPubKey, entry);
            entry["category"] = wtx.IsCoinBase
                ? depth < 1 ? "orphan" : wallet.IsTxImmatureCoinBase(wtx) ? "immature" : "generate"
                : "receive";
            entry["amount"] = Amounts.ToJson(r.Amount);
            if (book is not null) entry["label"] = label;
            entry["vout"] = r.Vout;
            entry["abandoned"] = wtx.IsAbandoned;
            if (full) WalletTxToJson(wallet, wtx, entry);
            result.Add(entry);
        }
    }

    private static List<RpcResult> TransactionDescription() =>
    [
        Field(RpcResultType.Num, "confirmations", "confirmations; negative when a conflicting transaction was confirmed that many blocks ago"),
        OptionalField(RpcResultType.Bool, "generated", "true for a coinbase transaction"),
        OptionalField(RpcResultType.Bool, "trusted", "for unconfirmed transactions, whether the wallet trusts it and would spend its outputs"),
        OptionalField(RpcResultType.StrHex, "blockhash", "the confirming block"),
        OptionalField(RpcResultType.Num, "blockheight", "its height"),
        OptionalField(RpcResultType.Num, "blockindex", "the transaction's position in it"),
        OptionalField(RpcResultType.NumTime, "blocktime", "its time, in UNIX epoch time"),
        Field(RpcResultType.StrHex, "txid", "the transaction id"),
        Field(RpcResultType.StrHex, "wtxid", "the hash including witness data"),
        Field(RpcResultType.Arr, "alternate_wtxids", "witness hashes of other versions of the transaction with different witnesses", [Field(RpcResultType.StrHex, "wtxid", "a witness hash")]),
        Field(RpcResultType.Arr, "walletconflicts", "wallet transactions that spend the same outputs", [Field(RpcResultType.StrHex, "txid", "a transaction id")]),
        OptionalField(RpcResultType.StrHex, "replaced_by_txid", "the fee bump that replaced it"),
        OptionalField(RpcResultType.StrHex, "replaces_txid", "the transaction it replaced by fee bump"),
        Field(RpcResultType.Arr, "mempoolconflicts", "mempool transactions conflicting with it or an ancestor", [Field(RpcResultType.StrHex, "txid", "a transaction id")]),
        OptionalField(RpcResultType.Str, "to", "the comment about the recipient, if any"),
        Field(RpcResultType.NumTime, "time", "the transaction time, in UNIX epoch time"),
        Field(RpcResultType.NumTime, "timereceived", "when the wallet first saw it, in UNIX epoch time"),
        OptionalField(RpcResultType.Str, "comment", "the comment, if any"),
        OptionalField(RpcResultType.Str, "bip125-replaceable", "(DEPRECATED, with -deprecatedrpc=bip125) \"yes\", \"no\" or \"unknown\": whether it or an unconfirmed ancestor signals BIP125 replaceability"),
        OptionalField(RpcResultType.Arr, "parent_descs", "for received outputs, the wallet descriptors deriving the script", [Field(RpcResultType.Str, "desc", "a descriptor")]),
    ];

    private const string CategoryDescription =
        "the category:\n" +
        "\"send\"                  sent by the wallet\n" +
        "\"receive\"               received, not a coinbase\n" +
        "\"generate\"              a matured coinbase output\n" +
        "\"immature\"              a coinbase output with 100 or fewer confirmations\n" +
        "\"orphan\"                a coinbase output whose block left the chain";

    private static List<RpcResult> ListEntryFields() =>
    [
        OptionalField(RpcResultType.Str, "address", "the address (absent for outputs without one, such as OP_RETURN)"),
        Field(RpcResultType.Str, "category", CategoryDescription),
        Field(RpcResultType.StrAmount, "amount", "the amount in BTC: negative for \"send\", positive otherwise"),
        OptionalField(RpcResultType.Str, "label", "the address's label, if any"),
        Field(RpcResultType.Num, "vout", "the output number"),
        OptionalField(RpcResultType.StrAmount, "fee", "for \"send\", the fee in BTC (negative)"),
        .. TransactionDescription(),
        Field(RpcResultType.Bool, "abandoned", "whether the transaction was abandoned (its inputs can be spent again)"),
    ];

    private static List<RpcResult> SinceBlockEntryFields() =>
    [
        OptionalField(RpcResultType.Str, "address", "the address (absent for outputs without one, such as OP_RETURN)"),
        Field(RpcResultType.Str, "category", CategoryDescription),
        Field(RpcResultType.StrAmount, "amount", "the amount in BTC: negative for \"send\", positive otherwise"),
        Field(RpcResultType.Num, "vout", "the output number"),
        OptionalField(RpcResultType.StrAmount, "fee", "for \"send\", the fee in BTC (negative)"),
        .. TransactionDescription(),
        Field(RpcResultType.Bool, "abandoned", "whether the transaction was abandoned (its inputs can be spent again)"),
        OptionalField(RpcResultType.Str, "label", "the address's label, if any"),
    ];

    private sealed class Tally
    {
        public long Amount;
        public int Confirmations = int.MaxValue;
        public List<uint256> Txids { get; } = [];
    }

    // Core's ListReceived.
    private static JsonArray ListReceived(DescriptorWallet wallet, RpcCall call, bool byLabel, bool includeImmatureCoinbase)
    {
        int minDepth = call.Param(0).IsNull() ? 1 : call.Param(0).GetInt32();
        bool includeEmpty = !call.Param(1).IsNull() && call.Param(1).GetBool();
        TxDestination? filtered = null;
        if (!byLabel && !call.Param(3).IsNull() && call.Param(3).GetStr().Length > 0)
        {
            var decoded = AddressEncoding.DecodeDestination(call.Param(3).GetStr(), wallet.Network);
            if (!decoded.IsValid) throw new RpcException(RpcErrorCode.WalletError, "address_filter parameter was invalid");
            filtered = decoded.Destination;
        }

        var tally = new Dictionary<TxDestination, Tally>();
        foreach (var wtx in wallet.Transactions.Values)
        {
            int depth = wallet.GetTxDepthInMainChain(wtx);
            if (depth < minDepth) continue;
            if ((wtx.IsCoinBase && depth < 1) || (wallet.IsTxImmatureCoinBase(wtx) && !includeImmatureCoinbase)) continue;
            foreach (var output in wtx.Tx.Outputs)
            {
                if (!ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var address)) continue;
                if (filtered is not null && !filtered.Equals(address)) continue;
                if (!wallet.IsMine(address)) continue;
                if (!tally.TryGetValue(address, out var item)) tally[address] = item = new Tally();
                item.Amount += output.Value.Satoshi;
                item.Confirmations = Math.Min(item.Confirmations, depth);
                item.Txids.Add(wtx.TxId);
            }
        }

        var result = new JsonArray();
        var labelTally = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        void Visit(TxDestination address, AddressBookData entry)
        {
            if (entry.IsChange) return;
            bool found = tally.TryGetValue(address, out var item);
            if (!found && (!includeEmpty || !wallet.IsMine(address))) return;
            long amount = item?.Amount ?? 0;
            int confirmations = item?.Confirmations ?? int.MaxValue;
            var label = entry.GetLabel();
            if (byLabel)
            {
                if (!labelTally.TryGetValue(label, out var labelItem)) labelTally[label] = labelItem = new Tally();
                labelItem.Amount += amount;
                labelItem.Confirmations = Math.Min(labelItem.Confirmations, confirmations);
            }
            else
            {
                result.Add(new JsonObject
                {
                    ["address"] = AddressEncoding.EncodeDestination(address, wallet.Network),
                    ["amount"] = Amounts.ToJson(amount),
                    ["confirmations"] = confirmations == int.MaxValue ? 0 : confirmations,
                    ["label"] = label,
                    ["txids"] = new JsonArray((item?.Txids ?? []).Select(t => (JsonNode?)t.ToString()).ToArray()),
                });
            }
        }

        if (filtered is not null)
        {
            if (wallet.FindAddressBookEntry(filtered) is { } entry) Visit(filtered, entry);
        }
        else
        {
            foreach (var (address, entry) in wallet.AddressBook.OrderBy(e => AddressBookOrder(e.Key)))
                Visit(address, entry);
        }

        if (byLabel)
        {
            foreach (var (label, item) in labelTally)
            {
                result.Add(new JsonObject
                {
                    ["amount"] = Amounts.ToJson(item.Amount),
                    ["confirmations"] = item.Confirmations == int.MaxValue ? 0 : item.Confirmations,
                    ["label"] = label,
                });
            }
        }

        return result;
    }

    // Core keeps the address book in a std::map keyed by CTxDestination: ordered by kind, then by the hash bytes.
    private static string AddressBookOrder(TxDestination destination)
    {
        int kind = destination switch
        {
            NoDestination => 0,
            PubKeyDestination => 1,
            PubKeyHashDestination => 2,
            ScriptHashDestination => 3,
            WitnessV0ScriptHashDestination => 4,
            WitnessV0KeyHashDestination => 5,
            WitnessV1TaprootDestination => 6,
            PayToAnchorDestination => 7,
            _ => 8,
        };
        return kind.ToString(System.Globalization.CultureInfo.InvariantCulture) + destination.ToScript().ToHex();
    }

    private static RpcMethod ListReceivedByAddress() => new(
        "listreceivedbyaddress",
        "Lists the amounts received by each receiving address.",
        [
            WithDefault("minconf", RpcArgType.Num, 1, "The fewest confirmations a payment needs to count."),
            WithDefault("include_empty", RpcArgType.Bool, false, "Also list addresses that received nothing."),
            WithDefault("include_watchonly", RpcArgType.Bool, false, "(DEPRECATED) Ignored."),
            Optional("address_filter", RpcArgType.Str, "When given and not empty, only this address."),
            WithDefault("include_immature_coinbase", RpcArgType.Bool, false, "Also count coinbase outputs that have not matured."),
        ],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.Str, "address", "the receiving address"),
                    Field(RpcResultType.StrAmount, "amount", "the total it received, in BTC"),
                    Field(RpcResultType.Num, "confirmations", "the confirmations of the most recent transaction counted"),
                    Field(RpcResultType.Str, "label", "its label (\"\" for the default)"),
                    Field(RpcResultType.Arr, "txids", "", [Field(RpcResultType.StrHex, "txid", "a transaction that paid it")]),
                ]),
            ]),
        ],
        RpcExamples.Cli("listreceivedbyaddress", "") + RpcExamples.Cli("listreceivedbyaddress", "6 true") + RpcExamples.Rpc("listreceivedbyaddress", "6, true, true"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            bool includeImmature = !call.Param(4).IsNull() && call.Param(4).GetBool();
            lock (wallet.SyncRoot) return ListReceived(wallet, call, byLabel: false, includeImmature);
        });

    private static RpcMethod ListReceivedByLabel() => new(
        "listreceivedbylabel",
        "Lists the amounts received by each label.",
        [
            WithDefault("minconf", RpcArgType.Num, 1, "The fewest confirmations a payment needs to count."),
            WithDefault("include_empty", RpcArgType.Bool, false, "Also list labels that received nothing."),
            WithDefault("include_watchonly", RpcArgType.Bool, false, "(DEPRECATED) Ignored."),
            WithDefault("include_immature_coinbase", RpcArgType.Bool, false, "Also count coinbase outputs that have not matured."),
        ],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrAmount, "amount", "the total received by the label's addresses"),
                    Field(RpcResultType.Num, "confirmations", "the confirmations of the most recent transaction counted"),
                    Field(RpcResultType.Str, "label", "the label (\"\" for the default)"),
                ]),
            ]),
        ],
        RpcExamples.Cli("listreceivedbylabel", "") + RpcExamples.Cli("listreceivedbylabel", "6 true") + RpcExamples.Rpc("listreceivedbylabel", "6, true, true, true"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            bool includeImmature = !call.Param(3).IsNull() && call.Param(3).GetBool();
            lock (wallet.SyncRoot) return ListReceived(wallet, call, byLabel: true, includeImmature);
        });

    private static RpcMethod ListTransactions() => new(
        "listtransactions",
        "Lists up to 'count' of the most recent transaction entries, oldest first, after skipping the 'skip' most recent.\n" +
        "With a label, only incoming entries to addresses with that label are listed.\n" +
        "A transaction may give several entries: one \"send\" entry per output the wallet paid (its own outputs included)\n" +
        "and one \"receive\" entry per output to the wallet.",
        [
            Optional("label", RpcArgType.Str, "Only incoming entries to addresses with this label; \"*\" lists everything."),
            WithDefault("count", RpcArgType.Num, 10, "How many entries to list."),
            WithDefault("skip", RpcArgType.Num, 0, "How many of the most recent entries to skip."),
            WithDefault("include_watchonly", RpcArgType.Bool, false, "(DEPRECATED) Ignored."),
        ],
        [Value(RpcResultType.Arr, "", [Value(RpcResultType.Obj, "", ListEntryFields())])],
        "\nThe 10 most recent entries\n" + RpcExamples.Cli("listtransactions", "") +
        "\nEntries 100 to 120\n" + RpcExamples.Cli("listtransactions", "\"*\" 20 100") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("listtransactions", "\"*\", 20, 100"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            string? filterLabel = null;
            if (!call.Param(0).IsNull() && call.Param(0).GetStr() != "*")
            {
                filterLabel = WalletRpcUtil.LabelFromValue(call.Param(0));
                if (filterLabel.Length == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Label argument must be a valid label name or \"*\".");
            }

            int count = call.Param(1).IsNull() ? 10 : call.Param(1).GetInt32();
            int from = call.Param(2).IsNull() ? 0 : call.Param(2).GetInt32();
            if (count < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Negative count");
            if (from < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Negative from");
            var entries = new List<JsonObject>();
            lock (wallet.SyncRoot)
            {
                foreach (var wtx in wallet.TransactionsOrdered.Reverse())
                {
                    ListTransactionEntries(wallet, wtx, 0, true, entries, filterLabel);
                    if (entries.Count >= (long)count + from) break;
                }
            }

            // Entries are newest first here; the answer is oldest first.
            if (from > entries.Count) from = entries.Count;
            if (from + count > entries.Count) count = entries.Count - from;
            var page = entries.Skip(from).Take(count).Reverse();
            return new JsonArray(page.Select(e => (JsonNode?)e).ToArray());
        });

    private static RpcMethod ListSinceBlock() => new(
        "listsinceblock",
        "Lists the transactions in blocks after the given one (all of them without one).\n" +
        "If that block left the main chain, transactions from the fork point on are listed;\n" +
        "with include_removed, wallet transactions of the blocks that left are listed under \"removed\".",
        [
            Optional("blockhash", RpcArgType.Str, "The block to list transactions after; all transactions when omitted."),
            WithDefault("target_confirmations", RpcArgType.Num, 1, "Which block to return as \"lastblock\": the one this many blocks deep (1 is the tip). It does not filter."),
            WithDefault("include_watchonly", RpcArgType.Bool, false, "(DEPRECATED) Ignored."),
            WithDefault("include_removed", RpcArgType.Bool, true, "List the transactions of blocks that left the chain under \"removed\"."),
            WithDefault("include_change", RpcArgType.Bool, false, "Also list entries for change outputs."),
            Optional("label", RpcArgType.Str, "Only incoming entries to addresses with this label."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Arr, "transactions", "", [Value(RpcResultType.Obj, "", SinceBlockEntryFields())]),
                new RpcResult(RpcResultType.Arr, "removed", "<the same structure as \"transactions\">, only with include_removed. Transactions confirmed again may show positive confirmations.",
                    [new RpcResult(RpcResultType.Obj, "", "", SinceBlockEntryFields(), options: new RpcResultOptions { ElisionSummary = "" })], optional: true),
                Field(RpcResultType.StrHex, "lastblock", "the block target_confirmations-1 below the tip (genesis if there is none): pass it to the next call"),
            ]),
        ],
        RpcExamples.Cli("listsinceblock", "") +
        RpcExamples.Cli("listsinceblock", "\"000000000000000bacf66f7497b7dc45ef753ee9a7d38571037cdb1a57f663ad\" 6") +
        RpcExamples.Rpc("listsinceblock", "\"000000000000000bacf66f7497b7dc45ef753ee9a7d38571037cdb1a57f663ad\", 6"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            var chain = wallet.RequireChain();
            lock (wallet.SyncRoot)
            {
                int? height = null, altHeight = null;
                uint256? blockId = null;
                if (!call.Param(0).IsNull() && call.Param(0).GetStr().Length > 0)
                {
                    blockId = RpcValues.ParseHashV(call.Param(0), "blockhash");
                    var heightRequest = new FoundBlockRequest { WantHeight = true };
                    if (!chain.FindCommonAncestor(blockId, wallet.LastBlockHash, heightRequest, heightRequest, FoundBlockRequest.None,
                            out var ancestor, out var block1, out _))
                        throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block not found");
                    height = ancestor.Height;
                    altHeight = block1.Height;
                }

                int targetConfirms = 1;
                if (!call.Param(1).IsNull())
                {
                    targetConfirms = call.Param(1).GetInt32();
                    if (targetConfirms < 1) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter");
                }

                bool includeRemoved = call.Param(3).IsNull() || call.Param(3).GetBool();
                bool includeChange = !call.Param(4).IsNull() && call.Param(4).GetBool();
                string? filterLabel = call.Param(5).IsNull() ? null : WalletRpcUtil.LabelFromValue(call.Param(5));
                int depth = height is { } h ? wallet.LastBlockHeight + 1 - h : -1;
                var transactions = new List<JsonObject>();
                foreach (var wtx in wallet.Transactions.Values)
                {
                    if (depth == -1 || Math.Abs(wallet.GetTxDepthInMainChain(wtx)) < depth)
                        ListTransactionEntries(wallet, wtx, 0, true, transactions, filterLabel, includeChange);
                }

                var removed = new List<JsonObject>();
                while (includeRemoved && altHeight is { } alt && alt > height!.Value)
                {
                    if (!chain.FindBlock(blockId!, new FoundBlockRequest { WantData = true }, out var found) || found.Data is null)
                        throw new RpcException(RpcErrorCode.InternalError, "Can't read block from disk");
                    foreach (var tx in found.Data.Transactions)
                    {
                        if (wallet.GetWalletTx(tx.GetHash()) is { } wtx)
                            ListTransactionEntries(wallet, wtx, -100000000, true, removed, filterLabel, includeChange);
                    }

                    blockId = found.Data.Header.HashPrevBlock;
                    altHeight = alt - 1;
                }

                targetConfirms = Math.Min(targetConfirms, wallet.LastBlockHeight + 1);
                chain.FindAncestorByHeight(wallet.LastBlockHash, wallet.LastBlockHeight + 1 - targetConfirms, new FoundBlockRequest { WantHash = true }, out var last);
                var result = new JsonObject { ["transactions"] = new JsonArray(transactions.Select(t => (JsonNode?)t).ToArray()) };
                if (includeRemoved) result["removed"] = new JsonArray(removed.Select(t => (JsonNode?)t).ToArray());
                result["lastblock"] = (last.Hash ?? uint256.Zero).ToString();
                return result;
            }
        });

    private static RpcMethod GetTransaction() => new(
        "gettransaction",
        "Describes a wallet transaction.",
        [
            Required("txid", RpcArgType.Str, "The transaction id."),
            WithDefault("include_watchonly", RpcArgType.Bool, false, "(DEPRECATED) Ignored."),
            WithDefault("verbose", RpcArgType.Bool, false, "Add a \"decoded\" field with the transaction as decoderawtransaction shows it."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.StrAmount, "amount", "the net amount for the wallet, in BTC"),
                OptionalField(RpcResultType.StrAmount, "fee", "for transactions the wallet sent, the fee in BTC (negative)"),
                .. TransactionDescription(),
                Field(RpcResultType.Arr, "details", "", [
                    Value(RpcResultType.Obj, "", [
                        OptionalField(RpcResultType.Str, "address", "the address involved"),
                        Field(RpcResultType.Str, "category", CategoryDescription),
                        Field(RpcResultType.StrAmount, "amount", "the amount in BTC"),
                        OptionalField(RpcResultType.Str, "label", "the address's label, if any"),
                        Field(RpcResultType.Num, "vout", "the output number"),
                        OptionalField(RpcResultType.StrAmount, "fee", "for \"send\", the fee in BTC (negative)"),
                        Field(RpcResultType.Bool, "abandoned", "whether the transaction was abandoned"),
                        OptionalField(RpcResultType.Arr, "parent_descs", "for received outputs, the wallet descriptors deriving the script", [Field(RpcResultType.Str, "desc", "a descriptor")]),
                    ]),
                ]),
                Field(RpcResultType.StrHex, "hex", "the raw transaction"),
                OptionalField(RpcResultType.Obj, "decoded", "the decoded transaction (with verbose only)", WalletTxDoc.Fields()),
                LastProcessedBlock,
            ]),
        ],
        RpcExamples.Cli("gettransaction", $"\"{ExampleTxid}\"") + RpcExamples.Cli("gettransaction", $"\"{ExampleTxid}\" true") +
        RpcExamples.Rpc("gettransaction", $"\"{ExampleTxid}\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                var txid = RpcValues.ParseHashV(call.Param(0), "txid");
                bool verbose = !call.Param(2).IsNull() && call.Param(2).GetBool();
                var wtx = wallet.GetWalletTx(txid) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid or non-wallet transaction id");
                long credit = wallet.GetCredit(wtx);
                long debit = wallet.GetDebit(wtx);
                long net = credit - debit;
                bool fromMe = wallet.IsFromMe(wtx);
                long fee = fromMe ? wtx.Tx.TotalOut.Satoshi - debit : 0;
                var entry = new JsonObject { ["amount"] = Amounts.ToJson(net - fee) };
                if (fromMe) entry["fee"] = Amounts.ToJson(fee);
                WalletTxToJson(wallet, wtx, entry);
                var details = new List<JsonObject>();
                ListTransactionEntries(wallet, wtx, 0, false, details, null);
                entry["details"] = new JsonArray(details.Select(d => (JsonNode?)d).ToArray());
                entry["hex"] = TransactionDecoding.EncodeHexTx(wtx.Tx);
                if (verbose)
                {
                    entry["decoded"] = TransactionJson.TxToUniv(wtx.Tx, wallet.Network, blockHash: null, includeHex: false,
                        isChange: wallet.OutputIsChange);
                }

                WalletRpcUtil.AppendLastProcessedBlock(entry, wallet);
                return entry;
            }
        });

    private static RpcMethod AbandonTransaction() => new(
        "abandontransaction",
        "Marks a wallet transaction, and the wallet transactions spending it, abandoned, so that their inputs can be spent again.\n" +
        "Use it for transactions stuck outside the mempool. Only transactions neither confirmed nor in the mempool qualify;\n" +
        "abandoning one already abandoned changes nothing.",
        [Required("txid", RpcArgType.StrHex, "The transaction id.")],
        [Null()],
        Examples("abandontransaction", $"\"{ExampleTxid}\"", $"\"{ExampleTxid}\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                var txid = RpcValues.ParseHashV(call.Param(0), "txid");
                if (wallet.GetWalletTx(txid) is null) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid or non-wallet transaction id");
                if (!wallet.AbandonTransaction(txid)) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Transaction not eligible for abandonment");
                return null;
            }
        });

    private static RpcMethod RescanBlockchain() => new(
        "rescanblockchain",
        "Scans the chain again for transactions of the wallet.\n" +
        "getwalletinfo shows the progress; abortrescan stops it.",
        [
            WithDefault("start_height", RpcArgType.Num, 0, "The height to start at."),
            Optional("stop_height", RpcArgType.Num, "The last height to scan; the tip when the call returns if omitted."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "start_height", "the height the scan started at"),
                Field(RpcResultType.Num, "stop_height", "the height of the last block scanned (null in the rare case a reorg left nothing to scan)"),
            ]),
        ],
        Examples("rescanblockchain", "100000 120000", "100000, 120000"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            using var reservation = wallet.ReserveRescan(withPassphrase: true) ??
                throw new RpcException(RpcErrorCode.WalletError, "Wallet is currently rescanning. Abort existing rescan or wait.");
            var chain = wallet.RequireChain();
            int startHeight = 0;
            int? stopHeight = null;
            uint256 startBlock;
            lock (wallet.SyncRoot)
            {
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                int tipHeight = wallet.LastBlockHeight;
                if (!call.Param(0).IsNull())
                {
                    startHeight = call.Param(0).GetInt32();
                    if (startHeight < 0 || startHeight > tipHeight) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid start_height");
                }

                if (!call.Param(1).IsNull())
                {
                    stopHeight = call.Param(1).GetInt32();
                    if (stopHeight < 0 || stopHeight > tipHeight) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid stop_height");
                    if (stopHeight < startHeight) throw new RpcException(RpcErrorCode.InvalidParameter, "stop_height must be greater than start_height");
                }

                if (!chain.HasBlocks(wallet.LastBlockHash, startHeight, stopHeight))
                {
                    if (chain.HavePruned() && chain.GetPruneHeight() >= startHeight)
                        throw new RpcException(RpcErrorCode.MiscError, "Can't rescan beyond pruned data. Use RPC call getblockchaininfo to determine your pruned height.");
                    throw new RpcException(RpcErrorCode.MiscError, "Failed to rescan unavailable blocks, potentially caused by data corruption. If the issue persists you may want to reindex (see -reindex option).");
                }

                chain.FindAncestorByHeight(wallet.LastBlockHash, startHeight, new FoundBlockRequest { WantHash = true }, out var start);
                startBlock = start.Hash!;
            }

            var result = wallet.ScanForWalletTransactions(startBlock, startHeight, stopHeight, saveProgress: false);
            switch (result.Status)
            {
                case ScanStatus.Failure:
                    throw new RpcException(RpcErrorCode.MiscError, "Rescan failed. Potentially corrupted data files.");
                case ScanStatus.UserAbort:
                    throw new RpcException(RpcErrorCode.MiscError, "Rescan aborted.");
            }

            return new JsonObject
            {
                ["start_height"] = startHeight,
                ["stop_height"] = result.LastScannedHeight is { } last ? JsonValue.Create(last) : null,
            };
        });

    private static RpcMethod AbortRescan() => new(
        "abortrescan",
        "Stops a rescan started by an RPC call such as rescanblockchain or importdescriptors.\n" +
        "getwalletinfo shows the progress of a rescan.",
        [],
        [Value(RpcResultType.Bool, "whether a rescan was told to stop")],
        "\nStart a rescan\n" + RpcExamples.Cli("rescanblockchain", "") +
        "\nStop it\n" + RpcExamples.Cli("abortrescan", "") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("abortrescan", ""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            if (!wallet.IsScanning || wallet.IsAbortingRescan) return false;
            wallet.AbortRescan();
            return true;
        });
}
