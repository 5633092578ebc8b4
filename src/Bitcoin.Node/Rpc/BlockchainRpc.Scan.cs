using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Node.Rpc;

// scantxoutset: finding the unspent outputs of descriptors in the UTXO set.
internal static partial class BlockchainRpc
{
    // The arguments and results scantxoutset and scanblocks share (Core's scan_action_arg_desc and friends).
    private static readonly RpcArg ScanActionArg = Required("action", RpcArgType.Str,
        "What to do:\n\"start\" begins a scan\n\"abort\" stops a running scan (true if there was one)\n\"status\" reports the progress (in %) of a running scan");

    private static readonly RpcArg ScanObjectsArg = Optional("scanobjects", RpcArgType.Arr, "What to look for (needed for \"start\"): descriptor strings or objects:",
    [
        Optional("descriptor", RpcArgType.Str, "An output descriptor"),
        Optional("", RpcArgType.Obj, "A descriptor with options",
        [
            Required("desc", RpcArgType.Str, "An output descriptor"),
            WithDefault("range", RpcArgType.Range, 1000, "The child indexes to look at (end or [begin,end])"),
        ]),
    ], new RpcArgOptions { OneLineDescription = "[scanobjects,...]" });

    private static readonly RpcResult ScanAbortResult = new(RpcResultType.Bool, "success",
        "true if a running scan will stop (perhaps after this call returns), false if none was running", condition: "when action=='abort'");

    private static readonly RpcResult ScanStatusNoneResult = Null("when action=='status' and no scan is in progress - possibly already completed");

    private static RpcMethod ScanTxOutSet(NodeRpcContext context, UtxoScanState scan) => new(
        "scantxoutset",
        "Searches the set of unspent transaction outputs for outputs matching output descriptors.\n" +
        "Descriptors such as:\n" +
        "    addr(<address>)                      outputs paying to the address (P2PK excluded)\n" +
        "    raw(<hex script>)                    outputs with exactly this script\n" +
        "    combo(<pubkey>)                      P2PK, P2PKH, P2WPKH and P2SH-P2WPKH outputs of the key\n" +
        "    pkh(<pubkey>)                        P2PKH outputs of the key\n" +
        "    sh(multi(<n>,<pubkey>,<pubkey>,...)) P2SH multisig outputs of the keys\n" +
        "    tr(<pubkey>)                         P2TR outputs of the key\n" +
        "    tr(<pubkey>,{pk(<pubkey>)})          P2TR outputs with one tapscript key\n" +
        "    rawtr(<pubkey>)                      P2TR outputs with this output key\n" +
        "    wsh(and_v(v:pk(<pubkey>),after(2)))  P2WSH miniscript with a key and a time lock\n" +
        "\n<pubkey> is a public key in hex, or an xpub/xprv optionally followed by path elements separated by \"/\" and " +
        "ending in \"/*\" (unhardened) or \"/*'\" / \"/*h\" (hardened) for a range of children, whose extent a scan object " +
        "may give (1000 otherwise).\n" +
        "doc/descriptors.md of Bitcoin Core describes descriptors in full.",
        [ScanActionArg, ScanObjectsArg],
        [
            Conditional("when action=='start'; only returns after scan completes", RpcResultType.Obj, "", [
                Field(RpcResultType.Bool, "success", "whether the scan ran to the end"),
                Field(RpcResultType.Num, "txouts", "how many unspent outputs were looked at"),
                Field(RpcResultType.Num, "height", "the height of the tip the scan ran at"),
                Field(RpcResultType.StrHex, "bestblock", "the hash of that tip"),
                Field(RpcResultType.Arr, "unspents", "", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.StrHex, "txid", "the transaction id"),
                        Field(RpcResultType.Num, "vout", "the output index"),
                        Field(RpcResultType.StrHex, "scriptPubKey", "the output script"),
                        Field(RpcResultType.Str, "desc", "a descriptor of the matching script"),
                        Field(RpcResultType.StrAmount, "amount", "the output's value in BTC"),
                        Field(RpcResultType.Bool, "coinbase", "whether a coinbase created it"),
                        Field(RpcResultType.Num, "height", "the height of the block that created it"),
                        Field(RpcResultType.StrHex, "blockhash", "the hash of that block"),
                        Field(RpcResultType.Num, "confirmations", "its confirmations when the scan ran"),
                    ]),
                ]),
                Field(RpcResultType.StrAmount, "total_amount", "the sum of the found outputs in BTC"),
            ]),
            ScanAbortResult,
            Conditional("when action=='status' and a scan is currently in progress", RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "progress", "approximate percentage done"),
            ]),
            ScanStatusNoneResult,
        ],
        RpcExamples.Cli("scantxoutset", "start '[\"raw(76a91411b366edfc0a8b66feebae5c2e25a7b6a5d1cf3188ac)#fm24fxxy\"]'") +
        RpcExamples.Cli("scantxoutset", "status") + RpcExamples.Cli("scantxoutset", "abort") +
        RpcExamples.Rpc("scantxoutset", "\"start\", [\"raw(76a91411b366edfc0a8b66feebae5c2e25a7b6a5d1cf3188ac)#fm24fxxy\"]") +
        RpcExamples.Rpc("scantxoutset", "\"status\"") + RpcExamples.Rpc("scantxoutset", "\"abort\""),
        call => RunBlockingAsync(() => RunScanAction(call, scan,
            () => new JsonObject { ["progress"] = scan.Progress },
            () =>
            {
                var scanObjects = call.MaybeArg("scanobjects")
                                  ?? throw new RpcException(RpcErrorCode.MiscError, "scanobjects argument is required for the start action");
                return StartScan(context, scan, scanObjects);
            })));

    /// <summary>
    /// The "status", "abort" and "start" actions scantxoutset and scanblocks share: status of a running scan (null
    /// when none runs), abort flag, or <paramref name="start"/> run with the scanner reserved.
    /// </summary>
    private static JsonNode? RunScanAction(RpcCall call, UtxoScanState scan, Func<JsonNode> status, Func<JsonNode> start)
    {
        string action = call.ArgStr("action");
        switch (action)
        {
            case "status":
                return scan.IsRunning ? status() : null;
            case "abort":
                return scan.RequestAbort();
            case "start":
                if (!scan.TryReserve())
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Scan already in progress, use action \"abort\" or \"status\"");
                try
                {
                    return start();
                }
                finally
                {
                    scan.Release();
                }
            default:
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid action '{action}'");
        }
    }

    private static JsonObject StartScan(NodeRpcContext context, UtxoScanState scan, JsonNode scanObjects)
    {
        var chainman = context.EnsureChainman();
        var network = chainman.ChainParams.Network;
        var needles = new Dictionary<Script, string>();
        foreach (var scanObject in scanObjects.GetArr())
        {
            var provider = new FlatSigningProvider();
            foreach (var script in DescriptorScripts.Evaluate(scanObject, provider, network))
                needles.TryAdd(script, Descriptor.Infer(script, provider, network).ToString());
        }

        IEnumerator<KeyValuePair<OutPoint, Coin>> cursor;
        Kernel.Chain.BlockIndex tip;
        bool more;
        chainman.FlushStateToDisk(FlushStateMode.ForceSync);
        lock (chainman.Lock)
        {
            cursor = chainman.ActiveChainstate.CoinsDb.EnumerateCoins().GetEnumerator();
            // Taking the first entry opens the database snapshot while the tip cannot move.
            more = cursor.MoveNext();
            tip = ActiveTip(chainman);
        }

        var found = new List<(OutPoint OutPoint, Coin Coin)>();
        long count = 0;
        bool success = true;
        using (cursor)
        {
            while (more)
            {
                var (outpoint, coin) = cursor.Current;
                count++;
                if (count % 8192 == 0)
                {
                    context.InterruptionPoint();
                    if (scan.AbortRequested)
                    {
                        success = false;
                        break;
                    }
                }
                // Progress from the position in the txid-ordered database, as Core estimates it.
                if (count % 256 == 0)
                {
                    var hash = outpoint.Hash.ToBytes();
                    scan.Progress = (int)((0x100 * hash[0] + hash[1]) * 100.0 / 65536.0 + 0.5);
                }
                if (needles.ContainsKey(coin.Output.ScriptPubKey)) found.Add((outpoint, coin));
                more = cursor.MoveNext();
            }
        }
        if (success) scan.Progress = 100;

        // Core keeps the matches in a map ordered by outpoint: txid bytes, then index.
        found.Sort((a, b) =>
        {
            int byHash = a.OutPoint.Hash.ToBytes().AsSpan().SequenceCompareTo(b.OutPoint.Hash.ToBytes());
            return byHash != 0 ? byHash : a.OutPoint.N.CompareTo(b.OutPoint.N);
        });
        var unspents = new JsonArray();
        long total = 0;
        lock (chainman.Lock)
        {
            foreach (var (outpoint, coin) in found)
            {
                total += coin.Output.Value.Satoshi;
                unspents.Add(new JsonObject
                {
                    ["txid"] = outpoint.Hash.ToString(),
                    ["vout"] = outpoint.N,
                    ["scriptPubKey"] = Convert.ToHexStringLower(coin.Output.ScriptPubKey.ToBytes(true)),
                    ["desc"] = needles[coin.Output.ScriptPubKey],
                    ["amount"] = JsonNumbers.Amount(coin.Output.Value.Satoshi),
                    ["coinbase"] = coin.IsCoinbase,
                    ["height"] = coin.Height,
                    ["blockhash"] = tip.GetAncestor(coin.Height)!.Hash.ToString(),
                    ["confirmations"] = tip.Height - coin.Height + 1,
                });
            }
        }
        return new JsonObject
        {
            ["success"] = success,
            ["txouts"] = count,
            ["height"] = tip.Height,
            ["bestblock"] = tip.Hash.ToString(),
            ["unspents"] = unspents,
            ["total_amount"] = JsonNumbers.Amount(total),
        };
    }
}
