using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc;

// Ports of the checks of Core's mining_basic.py, rpc_generate.py and mining_getblocktemplate_longpoll.py that need no mempool.
public sealed class MiningRpcTests
{
    private const long RegtestGenesisTime = 1296688602;
    private static readonly JsonObject SegwitRules = new() { ["rules"] = new JsonArray("segwit") };

    private static async Task<RegtestNode> NodeWith200OldBlocksAsync(string[]? arguments = null)
    {
        // mining_basic's mine_chain: 200 blocks ten minutes apart from the genesis time.
        var node = new RegtestNode(mockTime: RegtestGenesisTime, arguments: arguments);
        for (long t = RegtestGenesisTime; t < RegtestGenesisTime + 200 * 600; t += 600)
        {
            node.Clock.Seconds = t;
            await node.GenerateAsync(1);
        }
        return node;
    }

    [Fact]
    public async Task MiningInfoDescribesTheTipTheNextBlockAndTheLastTemplate()
    {
        using var node = await NodeWith200OldBlocksAsync();

        var info = await node.CallAsync("getmininginfo");

        Assert.Equal(200, info.Find("blocks").GetInt32());
        Assert.Equal("regtest", info.Find("chain").GetStr());
        Assert.Equal(0, info.Find("currentblocktx").GetInt32());
        Assert.Equal(8000, info.Find("currentblockweight").GetInt32());
        Assert.Equal("207fffff", info.Find("bits").GetStr());
        Assert.Equal("7fffff0000000000000000000000000000000000000000000000000000000000", info.Find("target").GetStr());
        Assert.Equal(4.656542373906925e-10, info.Find("difficulty").GetReal());
        Assert.Equal(201, info.Find("next").Find("height").GetInt32());
        Assert.Equal("207fffff", info.Find("next").Find("bits").GetStr());
        Assert.Equal(0.00333, Math.Round(info.Find("networkhashps").GetReal(), 5));
        Assert.Equal(0, info.Find("pooledtx").GetInt32());
        Assert.Equal("0.00000001", JsonNumbers.GetText(info.Find("blockmintxfee")));
        Assert.Empty(info.Find("warnings").GetArr());
    }

    [Fact]
    public async Task MiningInfoHasNoTemplateSizesBeforeAnyTemplateWasBuilt()
    {
        using var node = new RegtestNode();

        var info = await node.CallAsync("getmininginfo");

        Assert.Null(info.Find("currentblocktx"));
        Assert.Null(info.Find("currentblockweight"));
    }

    [Fact]
    public async Task TemplateVersionSignalsTestDummyOrFollowsBlockVersion()
    {
        using (var node = await NodeWith200OldBlocksAsync())
        {
            var template = await node.CallAsync("getblocktemplate", SegwitRules);
            Assert.Equal(0x20000000 + (1 << 28), template.Find("version").GetInt32());
            Assert.Equal(28, template.Find("vbavailable").Find("testdummy").GetInt32());
        }
        using (var node = new RegtestNode(miningOptions: new Node.Mining.BlockCreateOptions { BlockVersionOverride = 1337 }))
        {
            Assert.Equal(1337, (await node.CallAsync("getblocktemplate", SegwitRules)).Find("version").GetInt32());
        }
    }

    [Fact]
    public async Task TemplateListsRulesCapabilitiesAndLimits()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);

        var template = await node.CallAsync("getblocktemplate", SegwitRules);

        Assert.Equal(["csv", "!segwit", "taproot"], template.Find("rules").GetArr().Select(r => r.GetStr()));
        Assert.Equal(["proposal"], template.Find("capabilities").GetArr().Select(r => r.GetStr()));
        Assert.Null(template.Find("coinbasetxn"));
        Assert.Equal(2, template.Find("height").GetInt32());
        Assert.Equal(node.Chainman.ActiveTip!.Hash.ToString(), template.Find("previousblockhash").GetStr());
        Assert.Equal(5_000_000_000, template.Find("coinbasevalue").GetInt64());
        Assert.Equal(4_000_000, template.Find("weightlimit").GetInt32());
        Assert.Equal(80_000, template.Find("sigoplimit").GetInt32());
        Assert.Equal("00000000ffffffff", template.Find("noncerange").GetStr());
        Assert.Equal(node.Chainman.ActiveTip!.Hash + "0", template.Find("longpollid").GetStr());
        Assert.Empty(template.Find("transactions").GetArr());
        // The commitment to an empty witness tree: the coinbase's wtxid counts as zero.
        Assert.StartsWith("6a24aa21a9ed", template.Find("default_witness_commitment").GetStr());
        // testdummy only starts signalling at height 144 on regtest.
        Assert.Equal(0, template.Find("vbavailable").Size());
    }

    [Fact]
    public async Task TemplateRequestsNeedTheSegwitRuleAndAKnownMode()
    {
        using var node = new RegtestNode();

        var error = await node.CallErrorAsync("getblocktemplate", new JsonObject());
        Assert.Equal(-8, error.Code);
        Assert.Equal("getblocktemplate must be called with the segwit rule set (call with {\"rules\": [\"segwit\"]})", error.Message);

        error = await node.CallErrorAsync("getblocktemplate", new JsonObject { ["mode"] = "other", ["rules"] = new JsonArray("segwit") });
        Assert.Equal((-8, "Invalid mode"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getblocktemplate", new JsonObject { ["mode"] = 5, ["rules"] = new JsonArray("segwit") });
        Assert.Equal((-8, "Invalid mode"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getblocktemplate", new JsonObject { ["mode"] = "proposal" });
        Assert.Equal((-3, "Missing data String key for proposal"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getblocktemplate", new JsonObject { ["mode"] = "proposal", ["data"] = "00" });
        Assert.Equal((-22, "Block decode failed"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getblocktemplate", "not an object");
        Assert.Equal(-3, error.Code);
    }

    [Fact]
    public async Task ProposalsAreCheckedWithoutChangingTheChain()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);
        var template = await node.CallAsync("getblocktemplate", SegwitRules);
        var block = TestBlocks.FromTemplate(template, node.ChainParams);
        var tip = node.Chainman.ActiveTip!.Hash;

        // Proposals skip the proof of work.
        Assert.Null(await node.CallAsync("getblocktemplate", Proposal(block)));

        var badRoot = TestBlocks.Copy(block, node.ChainParams);
        badRoot.Header.HashMerkleRoot = uint256.One;
        Assert.Equal("bad-txnmrklroot", (await node.CallAsync("getblocktemplate", Proposal(badRoot))).GetStr());

        var badPrevious = TestBlocks.Copy(block, node.ChainParams);
        badPrevious.Header.HashPrevBlock = node.ChainParams.GenesisBlock.GetHash();
        Assert.Equal("inconclusive-not-best-prevblk", (await node.CallAsync("getblocktemplate", Proposal(badPrevious))).GetStr());

        Assert.Equal(tip, node.Chainman.ActiveTip!.Hash);
        Assert.Equal("duplicate", (await node.CallAsync("getblocktemplate", Proposal(node.Chainman.ReadBlock(node.Chainman.ActiveTip)!))).GetStr());
    }

    [Fact]
    public async Task SubmitBlockAnswersCoresReasonsAndOnlyValidBlocksChangeTheChain()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);
        var template = await node.CallAsync("getblocktemplate", SegwitRules);
        var block = TestBlocks.FromTemplate(template, node.ChainParams);
        block.Header.BlockTime = block.Header.BlockTime.AddSeconds(1);
        TestBlocks.Solve(block, node.ChainParams);
        var tip = node.Chainman.ActiveTip!.Hash;

        var error = await node.CallErrorAsync("submitblock", TestBlocks.Hex(block)[..^30]);
        Assert.Equal((-22, "Block decode failed"), (error.Code, error.Message));
        Assert.Equal("high-hash", (await node.CallAsync("submitblock", TestBlocks.Hex(node.ChainParams.Network.Consensus.ConsensusFactory.CreateBlock()))).GetStr());

        var badRoot = TestBlocks.Copy(block, node.ChainParams);
        badRoot.Header.HashMerkleRoot = uint256.One;
        TestBlocks.Solve(badRoot, node.ChainParams, updateMerkleRoot: false);
        Assert.Equal("bad-txnmrklroot", (await node.CallAsync("submitblock", TestBlocks.Hex(badRoot))).GetStr());
        // A block failing context-free checks may be a mutated copy of a good one, so it is not remembered as invalid.
        Assert.Equal("bad-txnmrklroot", (await node.CallAsync("submitblock", TestBlocks.Hex(badRoot))).GetStr());

        var badLock = TestBlocks.Copy(block, node.ChainParams);
        badLock.Transactions[0].LockTime = new LockTime(uint.MaxValue);
        TestBlocks.Solve(badLock, node.ChainParams);
        Assert.Equal("bad-txns-nonfinal", (await node.CallAsync("submitblock", TestBlocks.Hex(badLock))).GetStr());
        Assert.Equal("duplicate-invalid", (await node.CallAsync("submitblock", TestBlocks.Hex(badLock))).GetStr());
        Assert.Equal(tip, node.Chainman.ActiveTip!.Hash);

        Assert.Null(await node.CallAsync("submitblock", TestBlocks.Hex(block)));
        Assert.Equal(block.GetHash(), node.Chainman.ActiveTip!.Hash);
        Assert.Equal("duplicate", (await node.CallAsync("submitblock", TestBlocks.Hex(block))).GetStr());
    }

    [Fact]
    public async Task SubmitHeaderAddsHeadersOnlyTipsAndRejectsBadHeaders()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);
        var template = await node.CallAsync("getblocktemplate", SegwitRules);
        var block = TestBlocks.FromTemplate(template, node.ChainParams);
        block.Header.BlockTime = block.Header.BlockTime.AddSeconds(1);
        TestBlocks.Solve(block, node.ChainParams);

        var error = await node.CallErrorAsync("submitheader", string.Concat(Enumerable.Repeat("xx", 80)));
        Assert.Equal((-22, "Block header decode failed"), (error.Code, error.Message));
        error = await node.CallErrorAsync("submitheader", string.Concat(Enumerable.Repeat("ff", 78)));
        Assert.Equal((-22, "Block header decode failed"), (error.Code, error.Message));

        var orphan = TestBlocks.Copy(block, node.ChainParams);
        orphan.Header.HashPrevBlock = new uint256(123);
        error = await node.CallErrorAsync("submitheader", TestBlocks.HeaderHex(orphan));
        Assert.Equal(-25, error.Code);
        Assert.Equal($"Must submit previous header ({orphan.Header.HashPrevBlock}) first", error.Message);

        // A whole block's hex is accepted too: only the header is read.
        Assert.Null(await node.CallAsync("submitheader", TestBlocks.Hex(block)));
        Assert.Contains((await node.CallAsync("getchaintips")).GetArr(), tip =>
            tip.Find("hash").GetStr() == block.GetHash().ToString() && tip.Find("status").GetStr() == "headers-only" &&
            tip.Find("branchlen").GetInt32() == 1 && tip.Find("height").GetInt32() == 2);
        Assert.Null(await node.CallAsync("submitheader", TestBlocks.HeaderHex(block)));

        var tooOld = TestBlocks.Copy(block, node.ChainParams);
        tooOld.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1);
        TestBlocks.Solve(tooOld, node.ChainParams);
        error = await node.CallErrorAsync("submitheader", TestBlocks.HeaderHex(tooOld));
        Assert.Equal((-25, "time-too-old"), (error.Code, error.Message));

        // The block of a known header can be given later, and then becomes the tip.
        Assert.Null(await node.CallAsync("submitblock", TestBlocks.Hex(block)));
        Assert.Equal(block.GetHash(), node.Chainman.ActiveTip!.Hash);
    }

    [Fact]
    public async Task LongPollReturnsWhenANewBlockArrives()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);
        var first = await node.CallAsync("getblocktemplate", SegwitRules);
        string longPollId = first.Find("longpollid").GetStr();

        var poll = node.CallAsync("getblocktemplate", new JsonObject { ["rules"] = new JsonArray("segwit"), ["longpollid"] = longPollId });
        // The poll waits for the tip to change; it has nothing to return yet.
        Assert.False(poll.IsCompleted);
        var mined = await node.GenerateAsync(1);

        var second = await poll;
        Assert.Equal(mined[0], second.Find("previousblockhash").GetStr());
        Assert.Equal(3, second.Find("height").GetInt32());
    }

    [Fact]
    public async Task LongPollWithAnUnknownTipReturnsAtOnce()
    {
        using var node = new RegtestNode();
        var stale = new string('0', 64) + "0";

        var template = await node.CallAsync("getblocktemplate", new JsonObject { ["rules"] = new JsonArray("segwit"), ["longpollid"] = stale });

        Assert.Equal(1, template.Find("height").GetInt32());
        var error = await node.CallErrorAsync("getblocktemplate", new JsonObject { ["rules"] = new JsonArray("segwit"), ["longpollid"] = "abc" });
        Assert.Equal((-8, "longpollid must be of length 64 (not 3, for 'abc')"), (error.Code, error.Message));
    }

    [Fact]
    public async Task GenerateToAddressChecksTheAddressAndMinesToIt()
    {
        using var node = new RegtestNode();

        var error = await node.CallErrorAsync("generatetoaddress", 1, "not an address");
        Assert.Equal((-5, "Error: Invalid address"), (error.Code, error.Message));
        Assert.Empty((await node.CallAsync("generatetoaddress", 0, RegtestNode.Node0Address)).GetArr());

        var hashes = await node.GenerateAsync(2);
        Assert.Equal(2, node.Chainman.ActiveHeight);
        var block = node.Chainman.ReadBlock(node.Chainman.ActiveTip!)!;
        Assert.Equal(hashes[1], block.GetHash().ToString());
        Assert.Equal(BitcoinAddress.Create(RegtestNode.Node0Address, node.ChainParams.Network).ScriptPubKey, block.Transactions[0].Outputs[0].ScriptPubKey);
    }

    [Fact]
    public async Task GenerateToDescriptorRefusesRangedAndMultipathDescriptorsAndKeylessDerivations()
    {
        using var node = new RegtestNode();
        const string xpub = "tpubD6NzVbkrYhZ4XgiXtGrdW5XDAPFCL9h7we1vwNCpn8tGbBcgfVYjXyhWo4E1xkh56hjod1RhGjxbaTLV3X4FyWuejifB9jusQ46QzG87VKp";

        var error = await node.CallErrorAsync("generatetodescriptor", 1, "not a descriptor");
        Assert.Equal(-5, error.Code);
        error = await node.CallErrorAsync("generatetodescriptor", 1, $"wpkh({xpub}/*)");
        Assert.Equal((-8, "Ranged descriptor not accepted. Maybe pass through deriveaddresses first?"), (error.Code, error.Message));
        error = await node.CallErrorAsync("generatetodescriptor", 1, $"wpkh({xpub}/<0;1>)");
        Assert.Equal((-8, "Multipath descriptor not accepted"), (error.Code, error.Message));
        error = await node.CallErrorAsync("generatetodescriptor", 1, $"wpkh({xpub}/0h)");
        Assert.Equal((-5, "Cannot derive script without private keys"), (error.Code, error.Message));

        var hashes = await node.CallAsync("generatetodescriptor", 1, "raw(51)");
        Assert.Single(hashes.GetArr());
        Assert.Equal("51", Convert.ToHexStringLower(node.Chainman.ReadBlock(node.Chainman.ActiveTip!)!.Transactions[0].Outputs[0].ScriptPubKey.ToBytes()));
    }

    [Fact]
    public async Task GenerateBlockMinesGivenTransactionsOrReturnsTheBlockUnsubmitted()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);

        var error = await node.CallErrorAsync("generateblock", "bad output", new JsonArray());
        Assert.Equal((-5, "Error: Invalid address or descriptor"), (error.Code, error.Message));
        string unknownTxid = new string('1', 64);
        error = await node.CallErrorAsync("generateblock", RegtestNode.Node0Address, new JsonArray(unknownTxid));
        Assert.Equal((-5, $"Transaction {unknownTxid} not in mempool."), (error.Code, error.Message));
        error = await node.CallErrorAsync("generateblock", RegtestNode.Node0Address, new JsonArray("0000"));
        Assert.Equal((-22, "Transaction decode failed for 0000. Make sure the tx has at least one input."), (error.Code, error.Message));

        var unsubmitted = await node.CallAsync("generateblock", "raw(55)", new JsonArray(), false);
        Assert.Equal(1, node.Chainman.ActiveHeight);
        var block = node.ChainParams.Network.Consensus.ConsensusFactory.CreateBlock();
        block.ReadWrite(new BitcoinStream(Convert.FromHexString(unsubmitted.Find("hex").GetStr())));
        Assert.Equal(unsubmitted.Find("hash").GetStr(), block.GetHash().ToString());

        var submitted = await node.CallAsync("generateblock", RegtestNode.Node0Address, new JsonArray());
        Assert.Null(submitted.Find("hex"));
        Assert.Equal(submitted.Find("hash").GetStr(), node.Chainman.ActiveTip!.Hash.ToString());
    }

    [Fact]
    public async Task GenerateBlockRejectsTransactionsTheChainDoesNotAllow()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(101);
        // Spending the immature coinbase of the tip is invalid.
        var tipCoinbase = node.Chainman.ReadBlock(node.Chainman.ActiveTip!)!.Transactions[0];
        var spend = node.ChainParams.Network.CreateTransaction();
        spend.Inputs.Add(new TxIn(new OutPoint(tipCoinbase, 0)));
        spend.Outputs.Add(new TxOut(Money.Coins(1), new Script(OpcodeType.OP_TRUE)));

        var error = await node.CallErrorAsync("generateblock", RegtestNode.Node0Address, new JsonArray(Convert.ToHexStringLower(spend.ToBytes())));

        Assert.Equal(-25, error.Code);
        Assert.StartsWith("TestBlockValidity failed: ", error.Message);
        Assert.Equal(101, node.Chainman.ActiveHeight);
    }

    [Fact]
    public async Task TheRetiredGenerateCommandExplainsItsReplacement()
    {
        using var node = new RegtestNode();

        var error = await node.CallErrorAsync("generate");

        Assert.Equal(-32601, error.Code);
        Assert.StartsWith("generate\n", error.Message);
    }

    [Fact]
    public async Task NetworkHashRateRejectsBadWindows()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(3);

        var error = await node.CallErrorAsync("getnetworkhashps", 0);
        Assert.Equal((-8, "Invalid nblocks. Must be a positive number or -1."), (error.Code, error.Message));
        error = await node.CallErrorAsync("getnetworkhashps", 120, 4);
        Assert.Equal((-8, "Block does not exist at specified height"), (error.Code, error.Message));
        Assert.Equal(0, (await node.CallAsync("getnetworkhashps", 120, 0)).GetReal());
    }

    private static JsonObject Proposal(Block block) => new()
    {
        ["mode"] = "proposal",
        ["data"] = TestBlocks.Hex(block),
        ["rules"] = new JsonArray("segwit"),
    };
}
