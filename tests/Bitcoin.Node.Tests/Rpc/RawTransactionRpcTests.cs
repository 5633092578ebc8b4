using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Tests.Mining;
using Bitcoin.Node.Tests.Rpc.Support;
using NBitcoin;

namespace Bitcoin.Node.Tests.Rpc;

// Ports of the checks of Core's rpc_rawtransaction.py, rpc_signrawtransactionwithkey.py and rpc_blockchain.py's
// getblock tests that need no mempool or wallet: transactions are mined with generateblock.
public sealed class RawTransactionRpcTests
{
    private const string NoTxIndexError =
        "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.";

    private static async Task<(Transaction Tx, string Block1, string Block2)> MineSpendAsync(RegtestNode node, SpendableCoins coins)
    {
        var tx = coins.Spend(fee: 10_000);
        string block1 = (await node.CallAsync("generateblock", RegtestNode.Node0Address, new JsonArray(Hex(tx)))).Find("hash").GetStr();
        string block2 = (await node.GenerateAsync(1))[0];
        return (tx, block1, block2);
    }

    private static string Hex(Transaction tx) => Convert.ToHexStringLower(tx.ToBytes());

    [Fact]
    public async Task WithoutTxIndexTransactionsAreFoundOnlyInANamedBlock()
    {
        using var node = new RegtestNode();
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var (tx, block1, block2) = await MineSpendAsync(node, coins);
        string txid = tx.GetHash().ToString();

        foreach (JsonNode? verbose in new JsonNode?[] { null, 0, false, 1, true })
        {
            var error = await node.CallErrorAsync("getrawtransaction", txid, verbose);
            Assert.Equal((-5, NoTxIndexError), (error.Code, error.Message));
        }

        var found = await node.CallNamedAsync("getrawtransaction", new JsonObject { ["txid"] = txid, ["verbose"] = true, ["blockhash"] = block1 });
        Assert.Equal(txid, found.Find("txid").GetStr());
        Assert.True(found.Find("in_active_chain").GetBool());
        Assert.Equal(block1, found.Find("blockhash").GetStr());
        Assert.Equal(2, found.Find("confirmations").GetInt32());
        Assert.Equal(Hex(tx), found.Find("hex").GetStr());
        Assert.Equal(found.Find("time").GetInt64(), found.Find("blocktime").GetInt64());
        Assert.Equal(Hex(tx), (await node.CallAsync("getrawtransaction", txid, 0, block1)).GetStr());

        var error2 = await Assert.ThrowsAsync<RpcException>(() => node.CallNamedAsync("getrawtransaction", new JsonObject { ["txid"] = txid, ["blockhash"] = block2 }));
        Assert.Equal((-5, "No such transaction found in the provided block. Use gettransaction for wallet transactions."), (error2.Code, error2.Message));
        foreach (var (blockhash, code, message) in new (JsonNode, int, string)[]
                 {
                     (true, -3, "JSON value of type bool is not of expected type string"),
                     ("foobar", -8, "parameter 3 must be of length 64 (not 6, for 'foobar')"),
                     ("ZZZ" + new string('0', 61), -8, $"parameter 3 must be hexadecimal string (not 'ZZZ{new string('0', 61)}')"),
                     (new string('0', 64), -5, "Block hash not found"),
                 })
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => node.CallNamedAsync("getrawtransaction", new JsonObject { ["txid"] = txid, ["blockhash"] = blockhash }));
            Assert.Equal(code, e.Code);
            Assert.Contains(message, e.Message);
        }

        await node.CallAsync("invalidateblock", block1);
        var stale = await node.CallAsync("getrawtransaction", txid, true, block1);
        Assert.False(stale.Find("in_active_chain").GetBool());
        Assert.Equal(0, stale.Find("confirmations").GetInt32());
        await node.CallAsync("reconsiderblock", block1);
        Assert.Equal(block2, (await node.CallAsync("getbestblockhash")).GetStr());
    }

    [Fact]
    public async Task VerbosityTwoAddsTheFeeAndSpentOutputs()
    {
        using var node = new RegtestNode();
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var (tx, block1, _) = await MineSpendAsync(node, coins);

        var result = await node.CallAsync("getrawtransaction", tx.GetHash().ToString(), 2, block1);

        Assert.Equal("0.00010000", JsonNumbers.GetText(result.Find("fee")));
        var prevout = result.Find("vin").At(0).Find("prevout");
        Assert.True(prevout.Find("generated").GetBool());
        Assert.Equal("50.00000000", JsonNumbers.GetText(prevout.Find("value")));
        Assert.Equal(coins.ScriptPubKey.ToHex(), prevout.Find("scriptPubKey").Find("hex").GetStr());
        foreach (var value in new JsonNode[] { "True", "False", new JsonArray(), new JsonObject() })
        {
            var error = await node.CallErrorAsync("getrawtransaction", tx.GetHash().ToString(), value);
            Assert.Equal(-3, error.Code);
            Assert.Contains("not of expected type number", error.Message);
        }
    }

    [Fact]
    public async Task WithTxIndexTransactionsAreFoundInAnyBlock()
    {
        using var node = new RegtestNode(txIndex: true);
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var (tx, block1, _) = await MineSpendAsync(node, coins);
        string txid = tx.GetHash().ToString();

        Assert.Equal(Hex(tx), (await node.CallAsync("getrawtransaction", txid)).GetStr());
        Assert.Equal(Hex(tx), (await node.CallAsync("getrawtransaction", txid, false)).GetStr());
        var verbose = await node.CallAsync("getrawtransaction", txid, 1);
        Assert.Equal(Hex(tx), verbose.Find("hex").GetStr());
        Assert.Null(verbose.Find("in_active_chain"));
        Assert.Equal(block1, verbose.Find("blockhash").GetStr());
        Assert.NotNull((await node.CallAsync("getrawtransaction", txid, 2)).Find("fee"));

        var unknown = await node.CallErrorAsync("getrawtransaction", new string('1', 64));
        Assert.Equal((-5, "No such mempool or blockchain transaction. Use gettransaction for wallet transactions."), (unknown.Code, unknown.Message));
    }

    [Fact]
    public async Task TheGenesisCoinbaseCannotBeRetrieved()
    {
        using var node = new RegtestNode();
        string merkleRoot = node.ChainParams.GenesisBlock.Header.HashMerkleRoot.ToString();

        var error = await node.CallErrorAsync("getrawtransaction", merkleRoot);

        Assert.Equal((-5, "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved"), (error.Code, error.Message));
    }

    [Fact]
    public async Task GetBlockShowsTheBlockAtEachVerbosity()
    {
        using var node = new RegtestNode();
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var (tx, block1, _) = await MineSpendAsync(node, coins);
        var index = node.Chainman.LookupBlockIndex(uint256.Parse(block1))!;

        var hex = (await node.CallAsync("getblock", block1, 0)).GetStr();
        Assert.Equal(Convert.ToHexStringLower(node.Chainman.ReadRawBlock(index)!), hex);

        var one = await node.CallAsync("getblock", block1);
        Assert.Equal(2, one.Find("nTx").GetInt32());
        Assert.Equal(tx.GetHash().ToString(), one.Find("tx").At(1).GetStr());
        Assert.Equal(hex.Length / 2, one.Find("size").GetInt32());
        Assert.Equal(index.Height - 1, one.Find("coinbase_tx").Find("locktime").GetInt32());
        Assert.Equal(new string('0', 64), one.Find("coinbase_tx").Find("witness").GetStr());
        Assert.Equal(2, one.Find("confirmations").GetInt32());

        var two = await node.CallAsync("getblock", block1, 2);
        var decoded = two.Find("tx").At(1);
        Assert.Equal("0.00010000", JsonNumbers.GetText(decoded.Find("fee")));
        Assert.Null(decoded.Find("vin").At(0).Find("prevout"));
        Assert.Equal(Hex(tx), decoded.Find("hex").GetStr());

        var three = await node.CallAsync("getblock", block1, 3);
        Assert.Equal("50.00000000", JsonNumbers.GetText(three.Find("tx").At(1).Find("vin").At(0).Find("prevout").Find("value")));
        // A boolean verbosity is accepted: true is 1.
        Assert.Equal(JsonText.Write(one), JsonText.Write(await node.CallAsync("getblock", block1, true)));

        var error = await node.CallErrorAsync("getblock", new string('0', 64));
        Assert.Equal((-5, "Block not found"), (error.Code, error.Message));
        var headerOnly = await node.CallAsync("generateblock", "raw(55)", new JsonArray(), false);
        await node.CallAsync("submitheader", headerOnly.Find("hex").GetStr());
        error = await node.CallErrorAsync("getblock", headerOnly.Find("hash").GetStr());
        Assert.Equal((-1, "Block not available (not fully downloaded)"), (error.Code, error.Message));
    }

    [Fact]
    public async Task TxOutReportsUnspentOutputsOnly()
    {
        using var node = new RegtestNode();
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var (tx, _, _) = await MineSpendAsync(node, coins);
        string txid = tx.GetHash().ToString();

        var txout = await node.CallAsync("gettxout", txid, 0);
        Assert.Equal(node.Chainman.ActiveTip!.Hash.ToString(), txout.Find("bestblock").GetStr());
        Assert.Equal(2, txout.Find("confirmations").GetInt32());
        Assert.Equal(JsonNumbers.Amount(tx.Outputs[0].Value.Satoshi).ToJsonString(), txout.Find("value")!.ToJsonString());
        Assert.False(txout.Find("coinbase").GetBool());
        Assert.Equal("witness_v0_keyhash", txout.Find("scriptPubKey").Find("type").GetStr());
        Assert.NotNull(txout.Find("scriptPubKey").Find("address"));
        Assert.Null(await node.CallAsync("gettxout", txid, 1));
        Assert.Null(await node.CallAsync("gettxout", tx.Inputs[0].PrevOut.Hash.ToString(), 0, false));

        var error = await node.CallErrorAsync("gettxout", txid, -1);
        Assert.Equal(-1, error.Code);
    }

    [Fact]
    public async Task CreatedTransactionsDecodeBackWithReplaceableSequences()
    {
        using var node = new RegtestNode();
        var input = new JsonArray(new JsonObject { ["txid"] = new string('a', 64), ["vout"] = 1 });
        var outputs = new JsonObject { [RegtestNode.Node0Address] = 0.5, ["data"] = "00010203" };

        string hex = (await node.CallAsync("createrawtransaction", input, outputs)).GetStr();
        var decoded = await node.CallAsync("decoderawtransaction", hex);

        Assert.Equal(2, decoded.Find("version").GetInt32());
        Assert.Equal(0xfffffffdL, decoded.Find("vin").At(0).Find("sequence").GetInt64());
        Assert.Equal("0.50000000", JsonNumbers.GetText(decoded.Find("vout").At(0).Find("value")));
        Assert.Equal("nulldata", decoded.Find("vout").At(1).Find("scriptPubKey").Find("type").GetStr());
        Assert.Null(decoded.Find("hex"));

        string final = (await node.CallAsync("createrawtransaction", input, outputs, 0, false, 1)).GetStr();
        var decodedFinal = await node.CallAsync("decoderawtransaction", final);
        Assert.Equal(1, decodedFinal.Find("version").GetInt32());
        Assert.Equal(0xffffffffL, decodedFinal.Find("vin").At(0).Find("sequence").GetInt64());

        var error = await node.CallErrorAsync("decoderawtransaction", "00");
        Assert.Equal((-22, "TX decode failed"), (error.Code, error.Message));
        error = await node.CallErrorAsync("createrawtransaction", input, outputs, 0, false, 4);
        Assert.Equal(-8, error.Code);
    }

    [Fact]
    public async Task WitnessTransactionsDecodeOnlyWithTheWitnessForm()
    {
        using var node = new RegtestNode();
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var tx = coins.Spend(fee: 1000);

        var decoded = await node.CallAsync("decoderawtransaction", Hex(tx), true);
        Assert.Equal(tx.GetWitHash().ToString(), decoded.Find("hash").GetStr());
        Assert.Equal(2, decoded.Find("vin").At(0).Find("txinwitness").Size());

        var error = await node.CallErrorAsync("decoderawtransaction", Hex(tx), false);
        Assert.Equal((-22, "TX decode failed"), (error.Code, error.Message));
    }

    [Fact]
    public async Task DecodeScriptDescribesScriptsAndTheirWrappings()
    {
        using var node = new RegtestNode();

        var empty = await node.CallAsync("decodescript", "");
        Assert.Equal("", empty.Find("asm").GetStr());
        Assert.Equal("nonstandard", empty.Find("type").GetStr());

        var pkh = await node.CallAsync("decodescript", "76a914" + new string('1', 40) + "88ac");
        Assert.Equal("pubkeyhash", pkh.Find("type").GetStr());
        Assert.NotNull(pkh.Find("p2sh"));
        Assert.Equal("witness_v0_keyhash", pkh.Find("segwit").Find("type").GetStr());

        var error = await node.CallErrorAsync("decodescript", "0x");
        Assert.Equal((-8, "argument must be hexadecimal string (not '0x')"), (error.Code, error.Message));
    }

    [Fact]
    public async Task SignWithKeyCompletesTransactionsTheChainAccepts()
    {
        using var node = new RegtestNode();
        var coins = await SpendableCoins.CreateAsync(node, 1);
        var coin = coins.Take();
        var unsigned = node.ChainParams.Network.CreateTransaction();
        unsigned.Inputs.Add(new TxIn(coin.Outpoint));
        unsigned.Outputs.Add(new TxOut(Money.Coins(49.99m), coins.ScriptPubKey));

        var error = await node.CallErrorAsync("signrawtransactionwithkey", Hex(unsigned), new JsonArray("not a key"));
        Assert.Equal((-5, "Invalid private key"), (error.Code, error.Message));
        error = await node.CallErrorAsync("signrawtransactionwithkey", "zz", new JsonArray());
        Assert.Equal((-22, "TX decode failed. Make sure the tx has at least one input."), (error.Code, error.Message));

        var unsignable = await node.CallAsync("signrawtransactionwithkey", Hex(unsigned), new JsonArray(new Key().GetWif(node.ChainParams.Network).ToString()));
        Assert.False(unsignable.Find("complete").GetBool());
        Assert.Equal(coin.Outpoint.Hash.ToString(), unsignable.Find("errors").At(0).Find("txid").GetStr());

        // The spent coin comes from the UTXO set; no prevtxs needed.
        var signed = await node.CallAsync("signrawtransactionwithkey", Hex(unsigned), new JsonArray(coins.Wif));
        Assert.True(signed.Find("complete").GetBool());
        Assert.Null(signed.Find("errors"));
        var mined = await node.CallAsync("generateblock", RegtestNode.Node0Address, new JsonArray(signed.Find("hex").GetStr()));
        Assert.Equal(mined.Find("hash").GetStr(), node.Chainman.ActiveTip!.Hash.ToString());
    }

    [Fact]
    public async Task CombiningPartialSignaturesMakesAComplete()
    {
        using var node = new RegtestNode();
        var alice = await SpendableCoins.CreateAsync(node, 1);
        var bob = await SpendableCoins.CreateAsync(node, 1);
        var tx = node.ChainParams.Network.CreateTransaction();
        tx.Inputs.Add(new TxIn(alice.Take().Outpoint));
        tx.Inputs.Add(new TxIn(bob.Take().Outpoint));
        tx.Outputs.Add(new TxOut(Money.Coins(99.99m), alice.ScriptPubKey));
        var byAlice = await node.CallAsync("signrawtransactionwithkey", Hex(tx), new JsonArray(alice.Wif));
        var byBob = await node.CallAsync("signrawtransactionwithkey", Hex(tx), new JsonArray(bob.Wif));
        Assert.False(byAlice.Find("complete").GetBool());
        Assert.False(byBob.Find("complete").GetBool());

        string combined = (await node.CallAsync("combinerawtransaction", new JsonArray(byAlice.Find("hex").GetStr(), byBob.Find("hex").GetStr()))).GetStr();

        var mined = await node.CallAsync("generateblock", RegtestNode.Node0Address, new JsonArray(combined));
        Assert.Equal(mined.Find("hash").GetStr(), node.Chainman.ActiveTip!.Hash.ToString());

        var error = await node.CallErrorAsync("combinerawtransaction", new JsonArray(Hex(tx)));
        Assert.Equal((-22, "Missing transactions. At least two transactions required."), (error.Code, error.Message));
        var other = tx.Clone();
        other.Outputs[0].Value = Money.Coins(1);
        error = await node.CallErrorAsync("combinerawtransaction", new JsonArray(Hex(tx), Hex(other)));
        Assert.Equal((-8, "Transaction number 2 not compatible with first transaction"), (error.Code, error.Message));
        // The inputs are spent now.
        error = await node.CallErrorAsync("combinerawtransaction", new JsonArray(Hex(tx), Hex(tx)));
        Assert.Equal((-25, "Input not found or already spent"), (error.Code, error.Message));
        error = await node.CallErrorAsync("combinerawtransaction", new JsonArray(Hex(tx), "zz"));
        Assert.Equal((-22, "TX decode failed for tx 1. Make sure the tx has at least one input."), (error.Code, error.Message));
    }
}
