using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc;

// Ports of the checks of Core's rpc_blockchain.py (and rpc_getchaintips.py) that need no mempool or pruning.
public sealed class BlockchainRpcTests
{
    private const long GenesisTime = 1296688602;
    private const int Height = 200;
    private const long Step = 600;

    private static async Task<RegtestNode> MineChainAsync(ChainParamsOptions? chainOptions = null, string[]? arguments = null)
    {
        // rpc_blockchain's mine_chain: 200 blocks ten minutes apart, starting at the genesis time.
        var node = new RegtestNode(mockTime: GenesisTime, chainOptions: chainOptions, arguments: arguments);
        for (long t = GenesisTime; t < GenesisTime + Height * Step; t += Step)
        {
            node.Clock.Seconds = t;
            await node.GenerateAsync(1);
        }
        return node;
    }

    [Fact]
    public async Task BlockchainInfoHasCoresKeysAndDescribesTheTip()
    {
        using var node = await MineChainAsync();

        var info = await node.CallAsync("getblockchaininfo");

        Assert.Equal(
            ["bestblockhash", "bits", "blocks", "chain", "chainwork", "difficulty", "headers", "initialblockdownload",
             "mediantime", "pruned", "size_on_disk", "target", "time", "verificationprogress", "warnings"],
            info.GetObj().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(GenesisTime + (Height - 1) * Step, info.Find("time").GetInt64());
        Assert.Equal(GenesisTime + (Height - 6) * Step, info.Find("mediantime").GetInt64());
        Assert.Equal(Height, info.Find("blocks").GetInt32());
        Assert.Equal(Height, info.Find("headers").GetInt32());
        Assert.Equal("regtest", info.Find("chain").GetStr());
        Assert.Equal("207fffff", info.Find("bits").GetStr());
        Assert.Equal("7fffff0000000000000000000000000000000000000000000000000000000000", info.Find("target").GetStr());
        Assert.True(info.Find("size_on_disk").GetInt64() > 0);
        Assert.False(info.Find("pruned").GetBool());
        Assert.Equal(node.Chainman.ActiveTip!.ChainWork.ToString(), info.Find("chainwork").GetStr());
    }

    [Fact]
    public async Task WarningsAreAStringWithDeprecatedRpcWarnings()
    {
        using var node = new RegtestNode(arguments: ["-deprecatedrpc=warnings"]);

        Assert.Equal("", (await node.CallAsync("getblockchaininfo")).Find("warnings").GetStr());
        Assert.Equal("", (await node.CallAsync("getmininginfo")).Find("warnings").GetStr());
    }

    [Fact]
    public async Task ChainTxStatsCountsTransactionsAndChecksItsArguments()
    {
        using var node = await MineChainAsync();

        var error = await node.CallErrorAsync("getchaintxstats", 0, "", 0);
        Assert.Equal(-1, error.Code);
        Assert.StartsWith("getchaintxstats", error.Message);
        error = await node.CallErrorAsync("getchaintxstats", "");
        Assert.Equal(-3, error.Code);
        Assert.Contains("JSON value of type string is not of expected type number", error.Message);
        error = await node.CallErrorAsync("getchaintxstats", -1);
        Assert.Equal((-8, "Invalid block count: should be between 0 and the block's height - 1"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getchaintxstats", Height);
        Assert.Equal((-8, "Invalid block count: should be between 0 and the block's height - 1"), (error.Code, error.Message));
        error = await Assert.ThrowsAsync<Common.Rpc.RpcException>(() => node.CallNamedAsync("getchaintxstats", new JsonObject { ["blockhash"] = 0 }));
        Assert.Equal(-3, error.Code);
        error = await Assert.ThrowsAsync<Common.Rpc.RpcException>(() => node.CallNamedAsync("getchaintxstats", new JsonObject { ["blockhash"] = "0" }));
        Assert.Equal((-8, "blockhash must be of length 64 (not 1, for '0')"), (error.Code, error.Message));
        string zzz = "ZZZ" + new string('0', 61);
        error = await Assert.ThrowsAsync<Common.Rpc.RpcException>(() => node.CallNamedAsync("getchaintxstats", new JsonObject { ["blockhash"] = zzz }));
        Assert.Equal((-8, $"blockhash must be hexadecimal string (not '{zzz}')"), (error.Code, error.Message));
        error = await Assert.ThrowsAsync<Common.Rpc.RpcException>(() => node.CallNamedAsync("getchaintxstats", new JsonObject { ["blockhash"] = new string('0', 64) }));
        Assert.Equal((-5, "Block not found"), (error.Code, error.Message));

        string tip = (await node.CallAsync("getblockhash", Height)).GetStr();
        await node.CallAsync("invalidateblock", tip);
        error = await Assert.ThrowsAsync<Common.Rpc.RpcException>(() => node.CallNamedAsync("getchaintxstats", new JsonObject { ["blockhash"] = tip }));
        Assert.Equal((-8, "Block is not in main chain"), (error.Code, error.Message));
        await node.CallAsync("reconsiderblock", tip);

        var stats = await node.CallNamedAsync("getchaintxstats", new JsonObject { ["nblocks"] = 1 });
        Assert.Equal(Height + 1, stats.Find("txcount").GetInt32());
        Assert.Equal(1.0, Math.Round(stats.Find("txrate").GetReal() * Step, 10));

        var whole = await node.CallAsync("getchaintxstats");
        Assert.Equal(Height - 1, whole.Find("window_block_count").GetInt32());
        Assert.Equal(tip, whole.Find("window_final_block_hash").GetStr());
        Assert.Equal(Height, whole.Find("window_final_block_height").GetInt32());
        Assert.Equal(Height - 1, whole.Find("window_tx_count").GetInt32());

        var empty = await node.CallAsync("getchaintxstats", 0);
        Assert.Null(empty.Find("window_interval"));
        Assert.Null(empty.Find("txrate"));
    }

    [Fact]
    public async Task BlockHeaderAsObjectAndAsHex()
    {
        using var node = new RegtestNode();
        var hashes = await node.GenerateAsync(3);

        var header = await node.CallAsync("getblockheader", hashes[1]);

        Assert.Equal(hashes[1], header.Find("hash").GetStr());
        Assert.Equal(2, header.Find("height").GetInt32());
        Assert.Equal(2, header.Find("confirmations").GetInt32());
        Assert.Equal(hashes[0], header.Find("previousblockhash").GetStr());
        Assert.Equal(hashes[2], header.Find("nextblockhash").GetStr());
        Assert.Equal(1, header.Find("nTx").GetInt32());
        Assert.Equal("20000000", header.Find("versionHex").GetStr());
        Assert.Equal(4.656542373906925e-10, header.Find("difficulty").GetReal());
        Assert.Equal(
            ["hash", "confirmations", "height", "version", "versionHex", "merkleroot", "time", "mediantime", "nonce", "bits",
             "target", "difficulty", "chainwork", "nTx", "previousblockhash", "nextblockhash"],
            header.GetObj().Select(kv => kv.Key));

        var index = node.Chainman.LookupBlockIndex(uint256.Parse(hashes[1]))!;
        string hex = (await node.CallAsync("getblockheader", hashes[1], false)).GetStr();
        Assert.Equal(Convert.ToHexStringLower(index.GetBlockHeader().ToBytes()), hex);
        Assert.Equal(160, hex.Length);

        var error = await node.CallErrorAsync("getblockheader", "nonsense");
        Assert.Equal((-8, "hash must be of length 64 (not 8, for 'nonsense')"), (error.Code, error.Message));
        error = await node.CallErrorAsync("getblockheader", new string('0', 64));
        Assert.Equal((-5, "Block not found"), (error.Code, error.Message));
        Assert.Null((await node.CallAsync("getblockheader", hashes[2])).Find("nextblockhash"));
    }

    [Fact]
    public async Task CountHashAndDifficultyOfTheTip()
    {
        using var node = new RegtestNode();
        var hashes = await node.GenerateAsync(5);

        Assert.Equal(5, (await node.CallAsync("getblockcount")).GetInt32());
        Assert.Equal(hashes[^1], (await node.CallAsync("getbestblockhash")).GetStr());
        Assert.Equal(hashes[2], (await node.CallAsync("getblockhash", 3)).GetStr());
        Assert.Equal(node.ChainParams.GenesisBlock.GetHash().ToString(), (await node.CallAsync("getblockhash", 0)).GetStr());
        Assert.Equal(4.656542373906925e-10, (await node.CallAsync("getdifficulty")).GetReal());

        foreach (var height in new[] { -1, 6 })
        {
            var error = await node.CallErrorAsync("getblockhash", height);
            Assert.Equal((-8, "Block height out of range"), (error.Code, error.Message));
        }
    }

    [Fact]
    public async Task DeploymentInfoShowsBuriedHeightsAndTestDummySignalling()
    {
        var chainOptions = new ChainParamsOptions
        {
            ActivationHeights = new Dictionary<BuriedDeployment, int>
            {
                [BuriedDeployment.HeightInCoinbase] = 2,
                [BuriedDeployment.DerSig] = 3,
                [BuriedDeployment.CheckLockTimeVerify] = 4,
                [BuriedDeployment.Csv] = 5,
                [BuriedDeployment.Segwit] = 6,
            },
        };
        using var node = new RegtestNode(chainOptions: chainOptions);
        await node.GenerateAsync(207);
        var tip207 = node.Chainman.ActiveTip!.Hash.ToString();

        var info = await node.CallAsync("getdeploymentinfo");
        AssertSignalling(info, 207, tip207, "started");
        await node.GenerateAsync(287 - 207);
        AssertSignalling(await node.CallAsync("getdeploymentinfo"), 287, node.Chainman.ActiveTip!.Hash.ToString(), "locked_in");
        AssertSignalling(await node.CallAsync("getdeploymentinfo", tip207), 207, tip207, "started");

        var error = await node.CallErrorAsync("getdeploymentinfo", new string('0', 64));
        Assert.Equal((-5, "Block not found"), (error.Code, error.Message));
    }

    private static void AssertSignalling(JsonNode? info, int height, string hash, string statusNext)
    {
        // rpc_blockchain.py's check_signalling_deploymentinfo_result, as JSON text so that key order counts too.
        var expected = new JsonObject
        {
            ["hash"] = hash,
            ["height"] = height,
            ["script_flags"] = new JsonArray("CHECKLOCKTIMEVERIFY", "CHECKSEQUENCEVERIFY", "DERSIG", "NULLDUMMY", "P2SH", "TAPROOT", "WITNESS"),
            ["deployments"] = new JsonObject
            {
                ["bip34"] = new JsonObject { ["type"] = "buried", ["active"] = true, ["height"] = 2 },
                ["bip66"] = new JsonObject { ["type"] = "buried", ["active"] = true, ["height"] = 3 },
                ["bip65"] = new JsonObject { ["type"] = "buried", ["active"] = true, ["height"] = 4 },
                ["csv"] = new JsonObject { ["type"] = "buried", ["active"] = true, ["height"] = 5 },
                ["segwit"] = new JsonObject { ["type"] = "buried", ["active"] = true, ["height"] = 6 },
                ["testdummy"] = new JsonObject
                {
                    ["type"] = "bip9",
                    ["active"] = false,
                    ["bip9"] = new JsonObject
                    {
                        ["bit"] = 28,
                        ["start_time"] = 0,
                        ["timeout"] = long.MaxValue,
                        ["min_activation_height"] = 0,
                        ["status"] = "started",
                        ["since"] = 144,
                        ["status_next"] = statusNext,
                        ["statistics"] = new JsonObject
                        {
                            ["period"] = 144,
                            ["elapsed"] = height - 143,
                            ["count"] = height - 143,
                            ["threshold"] = 108,
                            ["possible"] = true,
                        },
                        ["signalling"] = new string('#', height - 143),
                    },
                },
            },
        };
        Assert.Equal(JsonText.Write(expected), JsonText.Write(info));
    }

    [Fact]
    public async Task InvalidateAndReconsiderMoveTheTipAndBestHeader()
    {
        using var node = new RegtestNode();
        var blocks = await node.GenerateAsync(10);

        await node.CallAsync("invalidateblock", blocks[^1]);
        await node.CallAsync("invalidateblock", blocks[^2]);
        Assert.Equal(blocks[^3], (await node.CallAsync("getbestblockhash")).GetStr());
        var info = await node.CallAsync("getblockchaininfo");
        Assert.Equal(info.Find("blocks").GetInt32(), info.Find("headers").GetInt32());
        Assert.Contains((await node.CallAsync("getchaintips")).GetArr(), t => t.Find("status").GetStr() == "invalid" && t.Find("hash").GetStr() == blocks[^1]);

        // Reconsidering the tip also reconsiders its invalidated ancestor.
        await node.CallAsync("reconsiderblock", blocks[^1]);
        Assert.Equal(blocks[^1], (await node.CallAsync("getbestblockhash")).GetStr());

        // Reconsidering an ancestor also reconsiders its descendants.
        await node.CallAsync("invalidateblock", blocks[^2]);
        await node.CallAsync("invalidateblock", blocks[^4]);
        Assert.Equal(blocks[^5], (await node.CallAsync("getbestblockhash")).GetStr());
        await node.CallAsync("reconsiderblock", blocks[^4]);
        Assert.Equal(blocks[^1], (await node.CallAsync("getbestblockhash")).GetStr());

        var error = await node.CallErrorAsync("invalidateblock", new string('0', 64));
        Assert.Equal((-5, "Block not found"), (error.Code, error.Message));
        Assert.Equal(blocks[^1], (await node.CallAsync("getbestblockhash")).GetStr());

        // As in Core, the genesis block cannot be invalidated and asking changes nothing.
        Assert.Null(await node.CallAsync("invalidateblock", node.ChainParams.GenesisBlock.GetHash().ToString()));
        Assert.Equal(blocks[^1], (await node.CallAsync("getbestblockhash")).GetStr());
    }

    [Fact]
    public async Task PreciousBlockSwitchesBetweenTipsOfEqualWork()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(3);
        string first = (await node.GenerateAsync(1))[0];
        await node.CallAsync("invalidateblock", first);
        // A different coinbase makes a different block at the same height.
        string second = (await node.CallAsync("generatetodescriptor", 1, "raw(51)")).At(0).GetStr();
        await node.CallAsync("reconsiderblock", first);
        // Equal work: the block received first wins.
        Assert.Equal(first, (await node.CallAsync("getbestblockhash")).GetStr());

        Assert.Null(await node.CallAsync("preciousblock", second));
        Assert.Equal(second, (await node.CallAsync("getbestblockhash")).GetStr());
        await node.CallAsync("preciousblock", first);
        Assert.Equal(first, (await node.CallAsync("getbestblockhash")).GetStr());
        await node.CallAsync("preciousblock", second);
        Assert.Equal(second, (await node.CallAsync("getbestblockhash")).GetStr());

        var tips = (await node.CallAsync("getchaintips")).GetArr();
        Assert.Equal(2, tips.Count);
        Assert.Contains(tips, t => t.Find("hash").GetStr() == first && t.Find("status").GetStr() == "valid-fork" && t.Find("branchlen").GetInt32() == 1);
        Assert.Contains(tips, t => t.Find("hash").GetStr() == second && t.Find("status").GetStr() == "active" && t.Find("branchlen").GetInt32() == 0);
    }

    [Fact]
    public async Task WaitForBlockHeightReturnsTheTipOnTimeoutOrOnceReached()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(2);
        var tip = node.Chainman.ActiveTip!;

        var timedOut = await node.CallAsync("waitforblockheight", 10, 1);
        Assert.Equal(tip.Hash.ToString(), timedOut.Find("hash").GetStr());
        Assert.Equal(2, timedOut.Find("height").GetInt32());
        Assert.Equal(2, (await node.CallAsync("waitforblockheight", 1)).Find("height").GetInt32());

        var waiting = node.CallAsync("waitforblockheight", 4);
        Assert.False(waiting.IsCompleted);
        var mined = await node.GenerateAsync(2);
        var reached = await waiting;
        Assert.Equal(4, reached.Find("height").GetInt32());
        Assert.Equal(mined[^1], reached.Find("hash").GetStr());

        var error = await node.CallErrorAsync("waitforblockheight", 1, -1);
        Assert.Equal((-1, "Negative timeout"), (error.Code, error.Message));
    }

    [Fact]
    public async Task WaitForNewBlockAndWaitForBlockFollowTheTip()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(1);

        // A current_tip that is not the tip returns at once with the tip.
        var unknown = await node.CallAsync("waitfornewblock", 0, new string('0', 64));
        Assert.Equal(1, unknown.Find("height").GetInt32());
        Assert.Equal(1, (await node.CallAsync("waitfornewblock", 1)).Find("height").GetInt32());

        // Naming the current tip keeps the wait from missing a block mined before it starts.
        var newBlock = node.CallAsync("waitfornewblock", 0, node.Chainman.ActiveTip!.Hash.ToString());
        var mined = await node.GenerateAsync(1);
        Assert.Equal(mined[0], (await newBlock).Find("hash").GetStr());
        Assert.Equal(2, (await newBlock).Find("height").GetInt32());

        // A block that never comes: the tip is returned when the time is up.
        Assert.Equal(mined[0], (await node.CallAsync("waitforblock", new string('1', 64), 1)).Find("hash").GetStr());

        Assert.Equal(mined[0], (await node.CallAsync("waitforblock", mined[0])).Find("hash").GetStr());
        var error = await node.CallErrorAsync("waitforblock", mined[0], -1);
        Assert.Equal((-1, "Negative timeout"), (error.Code, error.Message));
        Assert.Null(await node.CallAsync("syncwithvalidationinterfacequeue"));
    }

    [Fact]
    public async Task TxOutSetInfoHashesTheSetWithEachAlgorithm()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(3);

        var serialized = await node.CallAsync("gettxoutsetinfo");
        var muhash = await node.CallAsync("gettxoutsetinfo", "muhash");
        var none = await node.CallNamedAsync("gettxoutsetinfo", new JsonObject { ["hash_type"] = "none", ["use_index"] = false });

        Assert.Equal(["height", "bestblock", "txouts", "bogosize", "hash_serialized_3", "total_amount", "transactions", "disk_size"],
            serialized.GetObj().Select(kv => kv.Key));
        Assert.Equal(3, serialized.Find("height").GetInt32());
        Assert.Equal(node.Chainman.ActiveTip!.Hash.ToString(), serialized.Find("bestblock").GetStr());
        // Each coinbase pays to P2PKH (25 bytes) and commits to witnesses with an unspendable output.
        Assert.Equal(3, serialized.Find("txouts").GetInt32());
        Assert.Equal(3, serialized.Find("transactions").GetInt32());
        Assert.Equal(3 * (50 + 25), serialized.Find("bogosize").GetInt32());
        Assert.Equal("150.00000000", JsonNumbers.GetText(serialized.Find("total_amount")));
        Assert.Equal(64, muhash.Find("muhash").GetStr().Length);
        Assert.NotEqual(serialized.Find("hash_serialized_3").GetStr(), muhash.Find("muhash").GetStr());
        Assert.Null(none.Find("hash_serialized_3"));
        Assert.Null(none.Find("muhash"));

        var error = await node.CallErrorAsync("gettxoutsetinfo", "foo");
        Assert.Equal((-8, "'foo' is not a valid hash_type"), (error.Code, error.Message));
        error = await node.CallErrorAsync("gettxoutsetinfo", "muhash", 1);
        Assert.Equal((-8, "Querying specific block heights requires coinstatsindex"), (error.Code, error.Message));
    }

    [Fact]
    public async Task MuHashOfTheUtxoSetIsTheProductOfItsCoins()
    {
        // feature_utxo_set_hash.py's check: the node's muhash equals one computed from the coins of the blocks.
        using var node = new RegtestNode();
        var hashes = await node.GenerateAsync(5);
        var expected = new Node.Blockchain.MuHash3072();
        for (int height = 1; height <= 5; height++)
        {
            var coinbase = node.Chainman.ReadBlock(node.Chainman.LookupBlockIndex(uint256.Parse(hashes[height - 1]))!)!.Transactions[0];
            var coin = new Kernel.Coins.Coin(coinbase.Outputs[0], height, isCoinbase: true);
            expected.Insert(Node.Blockchain.CoinStatsCalculator.SerializeCoin(new OutPoint(coinbase, 0), coin));
        }

        var muhash = (await node.CallAsync("gettxoutsetinfo", "muhash")).Find("muhash").GetStr();

        Assert.Equal(expected.Finalize().ToString(), muhash);
    }

    [Fact]
    public async Task VerifyChainChecksEveryLevel()
    {
        using var node = new RegtestNode();
        await node.GenerateAsync(10);

        Assert.True((await node.CallAsync("verifychain", 4, 0)).GetBool());
        Assert.True((await node.CallAsync("verifychain")).GetBool());
    }
}
