using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.Model;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc;

/// <summary>Coin commands (Core's wallet/rpc/coins.cpp): getreceivedbyaddress, getreceivedbylabel, getbalance, lockunspent, listlockunspent, getbalances, listunspent.</summary>
internal static class CoinsRpc
{
    private const string Wallet = "wallet";
    private const string ExampleAddress = "bc1q09vm5lfy0j5reeulh4x5752q25uqqvz34hufdl";
    private const string ExampleAddress2 = "bc1q02ad21edsxd23d32dfgqqsz4vv4nmtfzuklhy3";
    private const string ExampleOutpoint = "\"[{\\\"txid\\\":\\\"a08e6907dbbd3d809776dbfc5d82e371b764ed838b5655e72f463568df1aadf0\\\",\\\"vout\\\":1}]\"";

    public static IEnumerable<(string, RpcMethod)> Commands() =>
    [
        (Wallet, GetReceivedByAddress()),
        (Wallet, GetReceivedByLabel()),
        (Wallet, GetBalance()),
        (Wallet, LockUnspent()),
        (Wallet, ListLockUnspent()),
        (Wallet, GetBalances()),
        (Wallet, ListUnspent()),
    ];

    // Core's GetReceived: the wallet's outputs to the addresses in transactions with enough confirmations.
    private static long GetReceived(DescriptorWallet wallet, RpcCall call, bool byLabel)
    {
        IReadOnlyList<TxDestination> addresses;
        if (byLabel)
        {
            addresses = wallet.ListAddrBookAddresses(ignoreChange: true, label: WalletRpcUtil.LabelFromValue(call.Param(0)));
            if (addresses.Count == 0) throw new RpcException(RpcErrorCode.WalletError, "Label not found in wallet");
        }
        else
        {
            var destination = AddressEncoding.DecodeDestination(call.Param(0).GetStr(), wallet.Network).Destination;
            if (!destination.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address");
            addresses = [destination];
        }

        var scripts = addresses.Select(a => a.ToScript()).Where(wallet.IsMine).ToHashSet();
        if (scripts.Count == 0) throw new RpcException(RpcErrorCode.WalletError, "Address not found in wallet");
        int minDepth = call.Param(1).IsNull() ? 1 : call.Param(1).GetInt32();
        bool includeImmature = !call.Param(2).IsNull() && call.Param(2).GetBool();
        long amount = 0;
        foreach (var wtx in wallet.Transactions.Values)
        {
            int depth = wallet.GetTxDepthInMainChain(wtx);
            if (depth < minDepth || (wtx.IsCoinBase && depth < 1) || (wallet.IsTxImmatureCoinBase(wtx) && !includeImmature)) continue;
            foreach (var output in wtx.Tx.Outputs)
            {
                if (scripts.Contains(output.ScriptPubKey)) amount += output.Value.Satoshi;
            }
        }

        return amount;
    }

    private static RpcMethod GetReceivedByAddress() => new(
        "getreceivedbyaddress",
        "Returns the total received at an address in transactions with at least minconf confirmations.",
        [
            Required("address", RpcArgType.Str, "The address."),
            WithDefault("minconf", RpcArgType.Num, 1, "Only transactions with at least this many confirmations."),
            WithDefault("include_immature_coinbase", RpcArgType.Bool, false, "Also count coinbase outputs that have not matured."),
        ],
        [new RpcResult(RpcResultType.StrAmount, "amount", "the total received, in BTC")],
        "\nWith at least 1 confirmation\n" + RpcExamples.Cli("getreceivedbyaddress", $"\"{ExampleAddress}\"") +
        "\nIncluding unconfirmed transactions\n" + RpcExamples.Cli("getreceivedbyaddress", $"\"{ExampleAddress}\" 0") +
        "\nWith at least 6 confirmations\n" + RpcExamples.Cli("getreceivedbyaddress", $"\"{ExampleAddress}\" 6") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("getreceivedbyaddress", $"\"{ExampleAddress}\", 6"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot) return Amounts.ToJson(GetReceived(wallet, call, byLabel: false));
        });

    private static RpcMethod GetReceivedByLabel() => new(
        "getreceivedbylabel",
        "Returns the total received by the addresses of a label in transactions with at least minconf confirmations.",
        [
            Required("label", RpcArgType.Str, "The label; \"\" is the default label."),
            WithDefault("minconf", RpcArgType.Num, 1, "Only transactions with at least this many confirmations."),
            WithDefault("include_immature_coinbase", RpcArgType.Bool, false, "Also count coinbase outputs that have not matured."),
        ],
        [new RpcResult(RpcResultType.StrAmount, "amount", "the total received, in BTC")],
        "\nThe default label, with at least 1 confirmation\n" + RpcExamples.Cli("getreceivedbylabel", "\"\"") +
        "\nThe tabby label, including unconfirmed transactions\n" + RpcExamples.Cli("getreceivedbylabel", "\"tabby\" 0") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("getreceivedbylabel", "\"tabby\", 6, true"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot) return Amounts.ToJson(GetReceived(wallet, call, byLabel: true));
        });

    private static RpcMethod GetBalance() => new(
        "getbalance",
        "Returns the balance available to spend.\n" +
        "What counts depends on options limiting spendability, such as -spendzeroconfchange.",
        [
            Optional("dummy", RpcArgType.Str, "Kept for compatibility; must be omitted or \"*\".", options: new RpcArgOptions { Placeholder = true }),
            WithDefault("minconf", RpcArgType.Num, 0, "Only count transactions with at least this many confirmations."),
            WithDefault("include_watchonly", RpcArgType.Bool, false, "Ignored."),
            WithDefault("avoid_reuse", RpcArgType.Bool, true, "(avoid_reuse wallets only) Leave out outputs to addresses already spent from."),
        ],
        [new RpcResult(RpcResultType.StrAmount, "amount", "the balance, in BTC")],
        "\nThe balance with 0 or more confirmations\n" + RpcExamples.Cli("getbalance", "") +
        "\nThe balance with at least 6 confirmations\n" + RpcExamples.Cli("getbalance", "\"*\" 6") +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("getbalance", "\"*\", 6"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                if ((call.MaybeStr("dummy") ?? "*") != "*")
                    throw new RpcException(RpcErrorCode.MethodDeprecated, "dummy first argument must be excluded or set to \"*\".");
                int minDepth = call.ArgInt32("minconf");
                bool avoidReuse = WalletRpcUtil.GetAvoidReuseFlag(wallet, call.Param(3));
                return Amounts.ToJson(wallet.GetBalance(minDepth, avoidReuse).MineTrusted);
            }
        });

    private static RpcMethod LockUnspent() => new(
        "lockunspent",
        "Locks (unlock=false) or unlocks (unlock=true) outputs, so that automatic coin selection leaves them alone.\n" +
        "Unlocking with no outputs given unlocks every output. Outputs selected by hand are unlocked when spent.\n" +
        "Locks live in memory only unless persistent=true writes them to the wallet file; unlocking removes both kinds.\n" +
        "See also listunspent.",
        [
            Required("unlock", RpcArgType.Bool, "Unlock (true) or lock (false) the outputs."),
            WithDefault("transactions", RpcArgType.Arr, new JsonArray(), "The outputs, each with its txid and vout.", [
                Optional("", RpcArgType.Obj, "", [
                    Required("txid", RpcArgType.StrHex, "The transaction id."),
                    Required("vout", RpcArgType.Num, "The output number."),
                ]),
            ]),
            WithDefault("persistent", RpcArgType.Bool, false, "Write the lock to the wallet file (ignored when unlocking)."),
        ],
        [Value(RpcResultType.Bool, "whether it succeeded")],
        "\nList the unspent outputs\n" + RpcExamples.Cli("listunspent", "") +
        "\nLock one\n" + RpcExamples.Cli("lockunspent", "false " + ExampleOutpoint) +
        "\nList the locked outputs\n" + RpcExamples.Cli("listlockunspent", "") +
        "\nUnlock it again\n" + RpcExamples.Cli("lockunspent", "true " + ExampleOutpoint) +
        "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("lockunspent", "false, " + ExampleOutpoint),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                bool unlock = call.Param(0).GetBool();
                bool persistent = !call.Param(2).IsNull() && call.Param(2).GetBool();
                if (call.Param(1).IsNull())
                {
                    if (unlock && !wallet.UnlockAllCoins()) throw new RpcException(RpcErrorCode.WalletError, "Unlocking coins failed");
                    return true;
                }

                var outputs = new List<OutPoint>();
                foreach (var item in call.Param(1).GetArr())
                {
                    var obj = item.GetObj();
                    RpcParse.CheckObject(obj, new Dictionary<string, JsonKind?> { ["txid"] = JsonKind.String, ["vout"] = JsonKind.Number });
                    var txid = RpcValues.ParseHashO(obj, "txid");
                    int vout = obj.Find("vout").GetInt32();
                    if (vout < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, vout cannot be negative");
                    var outpoint = new OutPoint(txid, vout);
                    var wtx = wallet.GetWalletTx(txid) ?? throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, unknown transaction");
                    if (outpoint.N >= wtx.Tx.Outputs.Count) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, vout index out of bounds");
                    if (wallet.IsSpent(outpoint)) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, expected unspent output");
                    bool locked = wallet.IsLockedCoin(outpoint);
                    if (unlock && !locked) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, expected locked output");
                    if (!unlock && locked && !persistent) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, output already locked");
                    outputs.Add(outpoint);
                }

                foreach (var outpoint in outputs)
                {
                    if (unlock)
                    {
                        if (!wallet.UnlockCoin(outpoint)) throw new RpcException(RpcErrorCode.WalletError, "Unlocking coin failed");
                    }
                    else if (!wallet.LockCoin(outpoint, persistent))
                    {
                        throw new RpcException(RpcErrorCode.WalletError, "Locking coin failed");
                    }
                }

                return true;
            }
        });

    private static RpcMethod ListLockUnspent() => new(
        "listlockunspent",
        "Lists the locked outputs.\n" +
        "See lockunspent to lock and unlock outputs.",
        [],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrHex, "txid", "the transaction id"),
                    Field(RpcResultType.Num, "vout", "the output number"),
                ]),
            ]),
        ],
        "\nList the locked outputs\n" + RpcExamples.Cli("listlockunspent", "") + "\nAs a JSON-RPC call\n" + RpcExamples.Rpc("listlockunspent", ""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            lock (wallet.SyncRoot)
            {
                return new JsonArray(wallet.ListLockedCoins()
                    .Select(o => (JsonNode?)new JsonObject { ["txid"] = o.Hash.ToString(), ["vout"] = o.N }).ToArray());
            }
        });

    private static RpcMethod GetBalances() => new(
        "getbalances",
        "Returns every balance of the wallet, in BTC.",
        [],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Obj, "mine", "balances of outputs the wallet can sign for", [
                    Field(RpcResultType.StrAmount, "trusted", "confirmed outputs and the wallet's own unconfirmed ones"),
                    Field(RpcResultType.StrAmount, "untrusted_pending", "others' unconfirmed outputs in the mempool"),
                    Field(RpcResultType.StrAmount, "immature", "coinbase outputs that have not matured"),
                    Field(RpcResultType.StrAmount, "nonmempool", "outputs spent by transactions not in the mempool (counted negative; usually an over-estimate)"),
                    OptionalField(RpcResultType.StrAmount, "used", "(avoid_reuse wallets only) outputs to addresses already spent from"),
                ]),
                LastProcessedBlock,
            ]),
        ],
        Examples("getbalances"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                var balance = wallet.GetBalance(minDepth: 0, avoidReuse: true, includeNonMempool: true);
                var mine = new JsonObject
                {
                    ["trusted"] = Amounts.ToJson(balance.MineTrusted),
                    ["untrusted_pending"] = Amounts.ToJson(balance.MineUntrustedPending),
                    ["immature"] = Amounts.ToJson(balance.MineImmature),
                    ["nonmempool"] = Amounts.ToJson(balance.MineNonMempool),
                };
                if (wallet.IsWalletFlagSet(WalletFlags.AvoidReuse)) mine["used"] = Amounts.ToJson(balance.MineUsed);
                var result = new JsonObject { ["mine"] = mine };
                WalletRpcUtil.AppendLastProcessedBlock(result, wallet);
                return result;
            }
        });

    private static RpcMethod ListUnspent() => new(
        "listunspent",
        "Lists unspent outputs with between minconf and maxconf confirmations (inclusive), optionally only those paying given addresses.",
        [
            WithDefault("minconf", RpcArgType.Num, 1, "The fewest confirmations."),
            WithDefault("maxconf", RpcArgType.Num, 9999999, "The most confirmations."),
            WithDefault("addresses", RpcArgType.Arr, new JsonArray(), "Only outputs to these addresses.", [Optional("address", RpcArgType.Str, "an address")]),
            WithDefault("include_unsafe", RpcArgType.Bool, true, "Also outputs that are not safe to spend (see \"safe\" below)."),
            Optional("query_options", RpcArgType.ObjNamedParams, "", [
                WithDefault("minimumAmount", RpcArgType.Amount, "0.00", "The smallest output amount, in BTC."),
                WithHint("maximumAmount", RpcArgType.Amount, "unlimited", "The largest output amount, in BTC."),
                WithHint("maximumCount", RpcArgType.Num, "unlimited", "The most outputs to list."),
                WithHint("minimumSumAmount", RpcArgType.Amount, "unlimited", "Stop once the outputs listed add up to this, in BTC."),
                WithDefault("include_immature_coinbase", RpcArgType.Bool, false, "Also coinbase outputs that have not matured."),
            ], new RpcArgOptions { OneLineDescription = "query_options" }),
        ],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.StrHex, "txid", "the transaction id"),
                    Field(RpcResultType.Num, "vout", "the output number"),
                    OptionalField(RpcResultType.Str, "address", "the address"),
                    OptionalField(RpcResultType.Str, "label", "its label, \"\" for the default"),
                    Field(RpcResultType.Str, "scriptPubKey", "the output script"),
                    Field(RpcResultType.StrAmount, "amount", "the amount in BTC"),
                    Field(RpcResultType.Num, "confirmations", "the confirmations"),
                    OptionalField(RpcResultType.Num, "ancestorcount", "for a mempool transaction, its in-mempool ancestors including itself"),
                    OptionalField(RpcResultType.Num, "ancestorsize", "for a mempool transaction, the virtual size of its in-mempool ancestors including itself"),
                    OptionalField(RpcResultType.StrAmount, "ancestorfees", "for a mempool transaction, the fees of its in-mempool ancestors including itself, in satoshis"),
                    OptionalField(RpcResultType.StrHex, "redeemScript", "the redeem script of a P2SH output"),
                    OptionalField(RpcResultType.Str, "witnessScript", "the witness script of a P2WSH or P2SH-P2WSH output"),
                    Field(RpcResultType.Bool, "spendable", "(DEPRECATED) always true"),
                    Field(RpcResultType.Bool, "solvable", "whether the wallet knows how to spend it, keys aside"),
                    OptionalField(RpcResultType.Bool, "reused", "(avoid_reuse wallets only) whether its address was spent from before"),
                    OptionalField(RpcResultType.Str, "desc", "(solvable outputs only) a descriptor to spend it"),
                    Field(RpcResultType.Arr, "parent_descs", "the wallet descriptors deriving its script", [Field(RpcResultType.Str, "desc", "a descriptor")]),
                    Field(RpcResultType.Bool, "safe", "whether it is safe to spend: others' unconfirmed transactions and unconfirmed replacements are not, and sends leave them alone"),
                ]),
            ]),
        ],
        RpcExamples.Cli("listunspent", "") +
        RpcExamples.Cli("listunspent", $"6 9999999 \"[\\\"{ExampleAddress}\\\",\\\"{ExampleAddress2}\\\"]\"") +
        RpcExamples.Rpc("listunspent", $"6, 9999999 \"[\\\"{ExampleAddress}\\\",\\\"{ExampleAddress2}\\\"]\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            int minDepth = call.Param(0).IsNull() ? 1 : call.Param(0).GetInt32();
            int maxDepth = call.Param(1).IsNull() ? 9999999 : call.Param(1).GetInt32();
            var destinations = new HashSet<TxDestination>();
            if (!call.Param(2).IsNull())
            {
                foreach (var input in call.Param(2).GetArr())
                {
                    var text = input.GetStr();
                    var destination = AddressEncoding.DecodeDestination(text, wallet.Network).Destination;
                    if (!destination.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address: " + text);
                    if (!destinations.Add(destination)) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, duplicated address: " + text);
                }
            }

            bool includeUnsafe = call.Param(3).IsNull() || call.Param(3).GetBool();
            var filter = new AvailableOutputsFilter { MinAmount = 0 };
            if (!call.Param(4).IsNull())
            {
                var options = call.Param(4).GetObj();
                RpcParse.CheckObject(options, new Dictionary<string, JsonKind?>
                {
                    ["minimumAmount"] = null,
                    ["maximumAmount"] = null,
                    ["minimumSumAmount"] = null,
                    ["maximumCount"] = JsonKind.Number,
                    ["include_immature_coinbase"] = JsonKind.Bool,
                }, allowNull: true, strict: true);
                if (options.ContainsKey("minimumAmount")) filter = filter with { MinAmount = Amounts.AmountFromValue(options["minimumAmount"]) };
                if (options.ContainsKey("maximumAmount")) filter = filter with { MaxAmount = Amounts.AmountFromValue(options["maximumAmount"]) };
                if (options.ContainsKey("minimumSumAmount")) filter = filter with { MinSumAmount = Amounts.AmountFromValue(options["minimumSumAmount"]) };
                if (options.ContainsKey("maximumCount")) filter = filter with { MaxCount = options["maximumCount"].GetInt64() };
                if (options.ContainsKey("include_immature_coinbase")) filter = filter with { IncludeImmatureCoinbase = options["include_immature_coinbase"].GetBool() };
            }

            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                var outputs = wallet.ListAvailableOutputs(filter with
                {
                    AvoidAddressReuse = false,
                    MinDepth = minDepth,
                    MaxDepth = maxDepth,
                    IncludeUnsafe = includeUnsafe,
                });
                bool avoidReuse = wallet.IsWalletFlagSet(WalletFlags.AvoidReuse);
                var results = new JsonArray();
                foreach (var output in outputs)
                {
                    var script = output.Output.ScriptPubKey;
                    bool validAddress = ScriptSolver.TryExtractDestination(script, out var address);
                    if (destinations.Count > 0 && (!validAddress || !destinations.Contains(address))) continue;
                    var entry = new JsonObject { ["txid"] = output.OutPoint.Hash.ToString(), ["vout"] = output.OutPoint.N };
                    var provider = wallet.GetSolvingProvider(script);
                    if (validAddress)
                    {
                        entry["address"] = AddressEncoding.EncodeDestination(address, wallet.Network);
                        if (wallet.FindAddressBookEntry(address) is { } book) entry["label"] = book.GetLabel();
                        if (provider is not null) AddScripts(entry, address, provider);
                    }

                    entry["scriptPubKey"] = script.ToHex();
                    entry["amount"] = Amounts.ToJson(output.Output.Value.Satoshi);
                    entry["confirmations"] = output.Depth;
                    if (output.Depth == 0)
                    {
                        wallet.RequireChain().GetTransactionAncestry(output.OutPoint.Hash, out var count, out _, out var size, out var fees);
                        if (count > 0)
                        {
                            entry["ancestorcount"] = count;
                            entry["ancestorsize"] = size;
                            entry["ancestorfees"] = fees.Satoshi;
                        }
                    }

                    entry["spendable"] = true;
                    entry["solvable"] = output.Solvable;
                    if (output.Solvable && provider is not null)
                        entry["desc"] = Descriptor.Infer(script, provider, wallet.Network).ToString();
                    WalletRpcUtil.PushParentDescriptors(wallet, script, entry);
                    if (avoidReuse) entry["reused"] = wallet.IsSpentKey(script);
                    entry["safe"] = output.Safe;
                    results.Add(entry);
                }

                return results;
            }
        });

    private static void AddScripts(JsonObject entry, TxDestination address, SigningProvider provider)
    {
        switch (address)
        {
            case ScriptHashDestination sh when provider.TryGetScript(sh.Hash, out var redeem):
                entry["redeemScript"] = redeem.ToHex();
                if (ScriptSolver.TryExtractDestination(redeem, out var inner) && inner is WitnessV0ScriptHashDestination innerWsh &&
                    provider.TryGetScript(WitnessScriptId(innerWsh), out var innerWitness))
                    entry["witnessScript"] = innerWitness.ToHex();
                break;
            case WitnessV0ScriptHashDestination wsh when provider.TryGetScript(WitnessScriptId(wsh), out var witnessScript):
                entry["witnessScript"] = witnessScript.ToHex();
                break;
        }
    }

    // The HASH160-style id a witness script is stored under: RIPEMD160 of its SHA256 (Core's CScriptID{RIPEMD160(whash)}).
    private static ScriptId WitnessScriptId(WitnessV0ScriptHashDestination wsh) =>
        new(NBitcoin.Crypto.Hashes.RIPEMD160(wsh.ToScript().ToBytes(true).AsSpan(2, 32).ToArray()));
}
