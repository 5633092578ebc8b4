using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Util;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// getblocktemplate (BIP22, BIP23 proposals, BIP9 rules, BIP145 segwit) with long polling.
internal static partial class MiningRpc
{
    private static RpcMethod GetBlockTemplate(NodeRpcContext context, TemplateCache cache) => new(
        "getblocktemplate",
        "Returns what a miner needs to build the next block, or with mode \"proposal\" checks a block built from it.\n" +
        "The 'mode' key selects between a 'template' request (the default) and a 'proposal'.\n" +
        "See BIPs 22, 23, 9 and 145:\n" +
        "    https://github.com/bitcoin/bips/blob/master/bip-0022.mediawiki\n" +
        "    https://github.com/bitcoin/bips/blob/master/bip-0023.mediawiki\n" +
        "    https://github.com/bitcoin/bips/blob/master/bip-0009.mediawiki#getblocktemplate_changes\n" +
        "    https://github.com/bitcoin/bips/blob/master/bip-0145.mediawiki",
        [
            Required("template_request", RpcArgType.Obj, "What is requested",
            [
                Optional("mode", RpcArgType.Str, "\"template\", \"proposal\" (BIP23), or omitted"),
                Optional("capabilities", RpcArgType.Arr, "Features the client supports",
                    [Optional("str", RpcArgType.Str, "a feature: 'longpoll', 'coinbasevalue', 'proposal', 'serverlist', 'workid'")]),
                Required("rules", RpcArgType.Arr, "Rules the client supports",
                [
                    Required("segwit", RpcArgType.Str, "(literal) the client supports segwit"),
                    Optional("str", RpcArgType.Str, "another soft fork the client supports"),
                ]),
                Optional("longpollid", RpcArgType.Str, "wait until the template would differ from the one with this \"longpollid\""),
                Optional("data", RpcArgType.StrHex, "the proposed block, in hex (mode \"proposal\" only)"),
            ]),
        ],
        [
            Null("If the proposal was accepted with mode=='proposal'"),
            Conditional("If the proposal was not accepted with mode=='proposal'", RpcResultType.Str, "the BIP22 reason"),
            Conditional("Otherwise", RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "version", "the block version to use"),
                Field(RpcResultType.Arr, "rules", "rules the block must follow", [Value(RpcResultType.Str, "a rule; a leading ! means the client must understand it (BIP9)")]),
                Field(RpcResultType.ObjDyn, "vbavailable", "pending version-bits deployments the node supports", [
                    Field(RpcResultType.Num, "rulename", "the bit that signals readiness for the rule"),
                ]),
                Field(RpcResultType.Arr, "capabilities", "", [Value(RpcResultType.Str, "a supported feature, e.g. 'proposal'")]),
                Field(RpcResultType.Num, "vbrequired", "version bits the node requires set"),
                Field(RpcResultType.Str, "previousblockhash", "the hash of the tip"),
                Field(RpcResultType.Arr, "transactions", "the transactions to put after the coinbase", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.StrHex, "data", "the serialized transaction, in hex"),
                        Field(RpcResultType.StrHex, "txid", "its id, without witness"),
                        Field(RpcResultType.StrHex, "hash", "its hash with witness"),
                        Field(RpcResultType.Arr, "depends", "earlier transactions it spends from", [
                            Value(RpcResultType.Num, "a 1-based position in 'transactions'"),
                        ]),
                        Field(RpcResultType.Num, "fee", "its fee in satoshis"),
                        Field(RpcResultType.Num, "sigops", "its signature operation cost"),
                        Field(RpcResultType.Num, "weight", "its weight"),
                    ]),
                ]),
                Field(RpcResultType.ObjDyn, "coinbaseaux", "data to put in the coinbase's scriptSig", [
                    Field(RpcResultType.StrHex, "key", "a value (keys may be ignored)"),
                ]),
                Field(RpcResultType.Num, "coinbasevalue", "the most the coinbase may pay, subsidy plus fees, in satoshis"),
                Field(RpcResultType.Str, "longpollid", "pass this back to wait for a newer template"),
                Field(RpcResultType.Str, "target", "the hash target"),
                Field(RpcResultType.NumTime, "mintime", "the earliest allowed block time, in seconds since the epoch (BIP94 included)"),
                Field(RpcResultType.Arr, "mutable", "what the client may change", [Value(RpcResultType.Str, "e.g. 'time', 'transactions', 'prevblock'")]),
                Field(RpcResultType.StrHex, "noncerange", "the range of nonces"),
                Field(RpcResultType.Num, "sigoplimit", "the block's signature operation limit"),
                Field(RpcResultType.Num, "sizelimit", "the block's size limit"),
                OptionalField(RpcResultType.Num, "weightlimit", "the block's weight limit"),
                Field(RpcResultType.NumTime, "curtime", "the time to use, in seconds since the epoch (BIP94 included)"),
                Field(RpcResultType.Str, "bits", "the compact target"),
                Field(RpcResultType.Num, "height", "the height of the block"),
                OptionalField(RpcResultType.StrHex, "signet_challenge", "the signet block challenge (signet only)"),
                OptionalField(RpcResultType.StrHex, "default_witness_commitment", "a witness commitment output script for the template as given"),
            ]),
        ],
        RpcExamples.Cli("getblocktemplate", "'{\"rules\": [\"segwit\"]}'") + RpcExamples.Rpc("getblocktemplate", "{\"rules\": [\"segwit\"]}"),
        call => RunBlockingAsync(() => BlockTemplateRequest(context, cache, call)));

    private static JsonNode? BlockTemplateRequest(NodeRpcContext context, TemplateCache cache, RpcCall call)
    {
        var chainman = context.EnsureChainman();
        var miner = context.EnsureMiner();
        var chainParams = chainman.ChainParams;
        var consensus = chainParams.Consensus;

        string mode = "template";
        JsonNode? longPollId = null;
        var clientRules = new HashSet<string>(StringComparer.Ordinal);
        var request = call.Param(0);
        if (!request.IsNull())
        {
            var options = request.GetObj();
            var modeValue = options.Find("mode");
            if (modeValue.IsStr()) mode = modeValue.GetStr();
            else if (!modeValue.IsNull()) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid mode");
            longPollId = options.Find("longpollid");

            if (mode == "proposal") return CheckProposal(chainman, options.Find("data"));

            if (options.Find("rules") is JsonArray rules)
            {
                foreach (var rule in rules) clientRules.Add(rule.GetStr());
            }
        }
        if (mode != "template") throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid mode");

        if (!miner.IsTestChain)
        {
            if (context.GetConnectionCount() == 0)
                throw new RpcException(RpcErrorCode.ClientNotConnected, $"{RpcClientIdentity.ClientName} is not connected!");
            if (miner.IsInitialBlockDownload)
                throw new RpcException(RpcErrorCode.ClientInInitialDownload, $"{RpcClientIdentity.ClientName} is in initial sync and waiting for blocks...");
        }

        var source = miner.TransactionSource;
        uint TransactionsUpdated() => unchecked((uint)(source?.TransactionsUpdated ?? 0));
        uint updatedLast;
        lock (cache.Lock) updatedLast = unchecked((uint)cache.TransactionsUpdatedLast);

        var tip = (miner.GetTip() ?? throw NoTip()).Hash;
        if (!longPollId.IsNull())
        {
            tip = WaitForLongPoll(context, miner, longPollId, tip, updatedLast, TransactionsUpdated, call.CancellationToken);
        }

        // Signet miners must understand signet's block signature; every miner must understand segwit.
        if (consensus.SignetBlocks && !clientRules.Contains("signet"))
        {
            throw new RpcException(RpcErrorCode.InvalidParameter,
                "getblocktemplate must be called with the signet rule set (call with {\"rules\": [\"segwit\", \"signet\"]})");
        }
        if (!clientRules.Contains("segwit"))
            throw new RpcException(RpcErrorCode.InvalidParameter, "getblocktemplate must be called with the segwit rule set (call with {\"rules\": [\"segwit\"]})");

        BlockTemplate template;
        long now = chainman.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        lock (cache.Lock)
        {
            if (cache.Previous is null || cache.Previous.Hash != tip ||
                (TransactionsUpdated() != unchecked((uint)cache.TransactionsUpdatedLast) && now - cache.TimeStart > 5))
            {
                // Forget the old template first so a failure below cannot leave a stale one behind.
                cache.Previous = null;
                cache.TransactionsUpdatedLast = TransactionsUpdated();
                cache.TimeStart = now;
                cache.Template = miner.CreateNewBlock(new BlockCreateOptions());
                cache.Previous = chainman.LookupBlockIndex(cache.Template.Block.Header.HashPrevBlock);
            }
            template = cache.Template!;
            updatedLast = unchecked((uint)cache.TransactionsUpdatedLast);
        }
        var previous = chainman.LookupBlockIndex(template.Block.Header.HashPrevBlock)
                       ?? throw new RpcInternalBugException("template parent unknown", nameof(MiningRpc), 0, nameof(BlockTemplateRequest));

        lock (chainman.Lock)
            return TemplateJson(chainman, template, previous, clientRules, tip, updatedLast, now);
    }

    /// <summary>
    /// Long polling (BIP22): waits until the tip moves away from the one in <paramref name="longPollId"/> or, checked
    /// after a minute and then every ten seconds, the mempool changed. Returns the tip to build on.
    /// </summary>
    private static uint256 WaitForLongPoll(NodeRpcContext context, Miner miner, JsonNode? longPollId, uint256 tip, uint updatedLast,
        Func<uint> transactionsUpdated, CancellationToken cancellationToken)
    {
        uint256 watched;
        uint watchedUpdated;
        if (longPollId.IsStr())
        {
            // Format: <tip hash><transactions-updated counter>.
            string text = longPollId.GetStr();
            watched = RpcParse.Hash(JsonValue.Create(text.Length > 64 ? text[..64] : text), "longpollid");
            watchedUpdated = unchecked((uint)IntegerParsing.LocaleIndependentAtoi<long>(text.Length > 64 ? text.AsSpan(64) : ""));
        }
        else
        {
            // Not specified by BIP22, but handy for tests: watch the current state.
            watched = tip;
            watchedUpdated = updatedLast;
        }

        bool Running() => context.Table?.IsRunning ?? true;
        var checkTxTime = TimeSpan.FromMinutes(1);
        while (Running())
        {
            // An id that is not a known tip returns at once.
            var current = miner.WaitTipChanged(watched, checkTxTime, cancellationToken);
            if (current is null) break;
            if (current.Hash != watched) break;
            if (transactionsUpdated() != watchedUpdated) break;
            checkTxTime = TimeSpan.FromSeconds(10);
        }
        if (!Running()) throw new RpcException(RpcErrorCode.ClientNotConnected, "Shutting down");
        return (miner.GetTip() ?? throw NoTip()).Hash;
    }

    private static JsonNode? CheckProposal(Kernel.Validation.ChainstateManager chainman, JsonNode? data)
    {
        if (!data.IsStr()) throw new RpcException(RpcErrorCode.TypeError, "Missing data String key for proposal");
        var block = TransactionDecoding.DecodeHexBlock(data.GetStr(), chainman.ChainParams.Network)
                    ?? throw new RpcException(RpcErrorCode.DeserializationError, "Block decode failed");
        lock (chainman.Lock)
        {
            var known = chainman.Blockman.LookupBlockIndex(block.GetHash());
            if (known is not null)
            {
                if (known.IsValid(BlockStatus.ValidScripts)) return "duplicate";
                if ((known.Status & BlockStatus.FailedValid) != 0) return "duplicate-invalid";
                return "duplicate-inconclusive";
            }
            return Bip22Result(chainman.TestBlockValidity(block, checkPow: false, checkMerkleRoot: true));
        }
    }

    /// <summary>The template object. Call under the chainstate lock.</summary>
    private static JsonObject TemplateJson(Kernel.Validation.ChainstateManager chainman, BlockTemplate template, BlockIndex previous,
        HashSet<string> clientRules, uint256 tip, uint updatedLast, long now)
    {
        var chainParams = chainman.ChainParams;
        var consensus = chainParams.Consensus;
        var block = template.Block;

        // Work on a copy of the header: the cached template keeps its original time.
        var header = chainParams.Network.Consensus.ConsensusFactory.CreateBlockHeader();
        header.ReadWrite(new BitcoinStream(block.Header.ToBytes()));
        BlockTime.UpdateTime(header, consensus, previous, now);
        header.Nonce = 0;

        bool preSegwit = !Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.Segwit);

        var transactions = new JsonArray();
        var positions = new Dictionary<uint256, int>();
        for (int i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            positions[tx.GetHash()] = i;
            if (tx.IsCoinBase) continue;
            var depends = new JsonArray();
            foreach (var input in tx.Inputs)
            {
                if (positions.TryGetValue(input.PrevOut.Hash, out int position)) depends.Add(position);
            }
            long sigops = template.TxSigOpsCost[i - 1];
            // Before segwit, miners count legacy sigops, which are a quarter of the cost.
            if (preSegwit) sigops /= ConsensusConstants.WitnessScaleFactor;
            transactions.Add(new JsonObject
            {
                ["data"] = TransactionDecoding.EncodeHexTx(tx),
                ["txid"] = tx.GetHash().ToString(),
                ["hash"] = tx.GetWitHash().ToString(),
                ["depends"] = depends,
                ["fee"] = template.TxFees[i - 1],
                ["sigops"] = sigops,
                ["weight"] = TxChecks.GetTransactionWeight(tx),
            });
        }

        var rules = new JsonArray("csv");
        if (!preSegwit)
        {
            rules.Add("!segwit");
            rules.Add("taproot");
        }
        // Signet blocks need a signature the miner has to add.
        if (consensus.SignetBlocks) rules.Add("!signet");

        int version = header.Version;
        var available = new JsonObject();
        var status = chainman.Deployments.GbtStatus(previous);
        foreach (var (name, info) in status.Signalling)
        {
            available[RuleName(name, info.GbtOptionalRule)] = info.Bit;
            // Do not signal for a rule the client does not know.
            if (!info.GbtOptionalRule && !clientRules.Contains(name)) version &= ~(int)info.Mask;
        }
        foreach (var (name, info) in status.LockedIn)
        {
            version |= (int)info.Mask;
            available[RuleName(name, info.GbtOptionalRule)] = info.Bit;
            if (!info.GbtOptionalRule && !clientRules.Contains(name)) version &= ~(int)info.Mask;
        }
        foreach (var (name, info) in status.Active)
        {
            rules.Add(RuleName(name, info.GbtOptionalRule));
            if (!info.GbtOptionalRule && !clientRules.Contains(name))
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Support for '{name}' rule requires explicit client support");
        }

        long sigOpLimit = ConsensusConstants.MaxBlockSigOpsCost;
        long sizeLimit = ConsensusConstants.MaxBlockSerializedSize;
        if (preSegwit)
        {
            sigOpLimit /= ConsensusConstants.WitnessScaleFactor;
            sizeLimit /= ConsensusConstants.WitnessScaleFactor;
        }
        uint bits = header.Bits.ToCompact();
        var result = new JsonObject
        {
            ["capabilities"] = new JsonArray("proposal"),
            ["version"] = version,
            ["rules"] = rules,
            ["vbavailable"] = available,
            ["vbrequired"] = 0,
            ["previousblockhash"] = header.HashPrevBlock.ToString(),
            ["transactions"] = transactions,
            ["coinbaseaux"] = new JsonObject(),
            ["coinbasevalue"] = block.Transactions[0].Outputs[0].Value.Satoshi,
            ["longpollid"] = tip.ToString() + updatedLast.ToString(CultureInfo.InvariantCulture),
            ["target"] = ArithUInt256.FromCompact(bits).ToString(),
            ["mintime"] = BlockTime.GetMinimumTime(previous, consensus.DifficultyAdjustmentInterval),
            ["mutable"] = new JsonArray("time", "transactions", "prevblock"),
            ["noncerange"] = "00000000ffffffff",
            ["sigoplimit"] = sigOpLimit,
            ["sizelimit"] = sizeLimit,
        };
        if (!preSegwit) result["weightlimit"] = ConsensusConstants.MaxBlockWeight;
        result["curtime"] = header.BlockTime.ToUnixTimeSeconds();
        result["bits"] = ChainJson.Bits(bits);
        result["height"] = previous.Height + 1;
        if (consensus.SignetBlocks) result["signet_challenge"] = Convert.ToHexStringLower(consensus.SignetChallenge.Span);
        if (template.Coinbase.RequiredOutputs.Count > 0)
            result["default_witness_commitment"] = Convert.ToHexStringLower(template.Coinbase.RequiredOutputs[0].ScriptPubKey.ToBytes(true));
        return result;
    }

    // BIP9: a rule the client may not ignore carries a leading '!'.
    private static string RuleName(string name, bool optional) => optional ? name : "!" + name;

    private static RpcException NoTip() => new(RpcErrorCode.InternalError, "The active chain has no blocks");
}
