using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using NBitcoin;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>The chain-independent parts of Core's getblock / getblockheader objects.</summary>
public class BlockJsonTests
{
    private static readonly uint256 MainLimit = Network.Main.Consensus.PowLimit!.ToUInt256();
    private static readonly uint256 RegtestLimit = Network.RegTest.Consensus.PowLimit!.ToUInt256();

    // blockchain_tests.cpp get_difficulty_for_*.
    [Theory]
    [InlineData(0x1f111111u, 0.000001)]
    [InlineData(0x1ef88f6fu, 0.000016)]
    [InlineData(0x1df88f6fu, 0.004023)]
    [InlineData(0x1cf88f6fu, 1.029916)]
    [InlineData(0x12345678u, 5913134931067755359633408.0)]
    public void DifficultyMatchesCore(uint bits, double expected)
        => Assert.True(Math.Abs(BlockJson.Difficulty(bits) - expected) / expected < 1e-5 || Math.Abs(BlockJson.Difficulty(bits) - expected) < 1e-6,
            $"{BlockJson.Difficulty(bits)} vs {expected}");

    [Fact]
    public void GenesisDifficultiesAreOneAndRegtestHalfOfTwoToMinusThirtyOne()
    {
        Assert.Equal(1.0, BlockJson.Difficulty(0x1d00ffff));
        // rpc_blockchain.py: regtest difficulty is 1 / 2^31 to about four digits.
        Assert.True(Math.Abs(BlockJson.Difficulty(0x207fffff) * Math.Pow(2, 31) - 1) < 0.0001);
    }

    [Fact]
    public void TargetIsTheExpandedCompactValue()
    {
        Assert.Equal("00000000ffff0000000000000000000000000000000000000000000000000000",
            BlockJson.Target(0x1d00ffff, MainLimit));
        Assert.Equal("7fffff0000000000000000000000000000000000000000000000000000000000",
            BlockJson.Target(0x207fffff, RegtestLimit));
        // Negative, zero, overflowing or above the limit: no target.
        Assert.Null(BlockJson.Target(0x1d80ffff, MainLimit));
        Assert.Null(BlockJson.Target(0x1d000000, MainLimit));
        Assert.Null(BlockJson.Target(0xff00ffff, RegtestLimit));
        Assert.Null(BlockJson.Target(0x207fffff, MainLimit));
    }

    [Fact]
    public void GenesisHeaderIsWrittenAsCore()
    {
        var genesis = Network.Main.GetGenesis().Header;
        var position = new BlockChainPosition(0, 1, 1231006505, uint256.Parse("0000000000000000000000000000000000000000000000000000000100010001"), 1, null, null);
        Assert.Equal("{\"hash\":\"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f\",\"confirmations\":1,\"height\":0,\"version\":1," +
            "\"versionHex\":\"00000001\",\"merkleroot\":\"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b\",\"time\":1231006505," +
            "\"mediantime\":1231006505,\"nonce\":2083236893,\"bits\":\"1d00ffff\",\"target\":\"00000000ffff0000000000000000000000000000000000000000000000000000\"," +
            "\"difficulty\":1,\"chainwork\":\"0000000000000000000000000000000000000000000000000000000100010001\",\"nTx\":1}",
            FormatsTestData.Write(BlockJson.HeaderToJson(genesis, position, MainLimit)));

        var regtest = BlockJson.HeaderToJson(Network.RegTest.GetGenesis().Header,
            new BlockChainPosition(0, 5, 1296688602, uint256.One, 1, null, uint256.One), RegtestLimit);
        Assert.Equal("4.656542373906925e-10", FormatsTestData.Write(regtest["difficulty"]));
        Assert.Equal("7fffff0000000000000000000000000000000000000000000000000000000000", (string)regtest["target"]!);
        Assert.Equal("nextblockhash", regtest.Last().Key);
        Assert.False(regtest.ContainsKey("previousblockhash"));
    }

    [Fact]
    public void HexFieldsHaveEightDigits()
    {
        Assert.Equal("20000000", BlockJson.VersionHex(0x20000000));
        Assert.Equal("00000001", BlockJson.VersionHex(1));
        Assert.Equal("ffffffff", BlockJson.VersionHex(-1));
        Assert.Equal("1d00ffff", BlockJson.Bits(0x1d00ffff));
    }

    [Fact]
    public void GenesisBlockFieldsMatchCore()
    {
        var genesis = Network.Main.GetGenesis();
        var txids = BlockJson.AddBlockFields(new JsonObject(), genesis, Network.Main, TxVerbosity.ShowTxid);
        Assert.Equal(["strippedsize", "size", "weight", "coinbase_tx", "tx"], txids.Select(p => p.Key));
        Assert.Equal(285, (int)txids["size"]!);
        Assert.Equal(285, (int)txids["strippedsize"]!);
        Assert.Equal(1140, (int)txids["weight"]!);
        Assert.Equal("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", (string)txids["tx"]![0]!);
        var coinbase = txids["coinbase_tx"]!.AsObject();
        Assert.Equal(["version", "locktime", "sequence", "coinbase"], coinbase.Select(p => p.Key));
        Assert.Equal("4294967295", FormatsTestData.Write(coinbase["sequence"]));
        Assert.StartsWith("04ffff001d0104455468652054696d6573", (string)coinbase["coinbase"]!);

        var details = BlockJson.AddBlockFields(new JsonObject(), genesis, Network.Main, TxVerbosity.ShowDetails);
        var tx = details["tx"]![0]!.AsObject();
        Assert.Equal("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b", (string)tx["txid"]!);
        Assert.True(tx.ContainsKey("hex"));
        Assert.False(tx.ContainsKey("fee"));
    }

    [Fact]
    public void UndoDataGivesFeesToNonCoinbaseTransactions()
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        var coinbase = Network.RegTest.CreateTransaction();
        coinbase.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), new Script(OpcodeType.OP_1, OpcodeType.OP_1)));
        coinbase.Outputs.Add(new TxOut(Money.Coins(50), Script.Empty));
        var wit = new WitScript(new[] { new byte[32] });
        coinbase.Inputs[0].WitScript = wit;
        var spend = Network.RegTest.CreateTransaction();
        spend.Inputs.Add(new TxIn(new OutPoint(uint256.One, 0)));
        spend.Outputs.Add(new TxOut(Money.Coins(1), Script.Empty));
        block.Transactions.Add(coinbase);
        block.Transactions.Add(spend);
        var undo = new[] { (IReadOnlyList<SpentCoin>)[new SpentCoin(new TxOut(Money.Coins(1.5m), Script.Empty), 7, false)] };

        var json = BlockJson.AddBlockFields(new JsonObject(), block, Network.RegTest, TxVerbosity.ShowDetailsAndPrevout, undo);
        Assert.Equal(new string('0', 64), (string)json["coinbase_tx"]!["witness"]!);
        var txs = json["tx"]!.AsArray();
        Assert.False(txs[0]!.AsObject().ContainsKey("fee"));
        Assert.Equal("0.50000000", FormatsTestData.Write(txs[1]!["fee"]));
        Assert.Equal(7, (int)txs[1]!["vin"]![0]!["prevout"]!["height"]!);
        Assert.Equal((int)json["size"]! - 36, (int)json["strippedsize"]!);
    }
}
