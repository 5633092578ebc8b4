using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Tests.Support;
using NBitcoin;

namespace Bitcoin.Ipc.Tests.Conversions;

/// <summary>Bitcoin values in Core's serialization, as the schemas' Data fields carry them.</summary>
public sealed class WireSerializationTests
{
    [Fact]
    public void TransactionsAndBlocksRoundTripWithWitnesses()
    {
        var block = TestData.MakeBlock();
        var tx = block.Transactions[1];
        Assert.True(tx.HasWitness);
        Assert.Equal(tx.ToHex(), WireSerialization.ToTransaction(WireSerialization.FromTransaction(tx)).ToHex());
        Assert.Equal(block.GetHash(), WireSerialization.ToBlock(WireSerialization.FromBlock(block)).GetHash());
        Assert.Equal(block.ToBytes(), WireSerialization.ToBlock(WireSerialization.FromBlock(block)).ToBytes());
    }

    [Fact]
    public void LocatorCarriesCoresVersionPrefix()
    {
        var locator = new BlockLocator { Blocks = { uint256.One, new uint256(2) } };
        var bytes = WireSerialization.FromLocator(locator);
        // int32 version 70016, CompactSize 2, two hashes.
        Assert.Equal("80110100" + "02", Convert.ToHexString(bytes[..5]));
        Assert.Equal(4 + 1 + 64, bytes.Length);
        Assert.Equal(locator.Blocks, WireSerialization.ToLocator(bytes).Blocks);
    }

    [Fact]
    public void FeeRateIsAFeeOverASize()
    {
        var bytes = WireSerialization.FromFeeRate(new FeeRate(Money.Satoshis(1234)));
        Assert.Equal("D204000000000000" + "E8030000", Convert.ToHexString(bytes));
        Assert.Equal(Money.Satoshis(1234), WireSerialization.ToFeeRate(bytes).FeePerK);
        // A peer may send any size: 250 sat over 250 vB is 1000 sat/kvB.
        Assert.Equal(Money.Satoshis(1000), WireSerialization.ToFeeRate(Convert.FromHexString("FA00000000000000FA000000")).FeePerK);
    }

    [Fact]
    public void OutPointsHashesAndInputsRoundTrip()
    {
        var outPoint = new OutPoint(new uint256(12345), 7);
        Assert.Equal(outPoint, WireSerialization.ToOutPoint(WireSerialization.FromOutPoint(outPoint)));
        Assert.Equal(uint256.One, WireSerialization.ToHash(WireSerialization.FromHash(uint256.One)));
        var tx = TestData.MakeBlock().Transactions[1];
        Assert.Equal(tx.Inputs[0].ToBytes(), WireSerialization.FromTxIn(WireSerialization.ToTxIn(WireSerialization.FromTxIn(tx.Inputs[0]))));
        Assert.Equal(tx.Outputs[1].ToBytes(), WireSerialization.FromTxOut(WireSerialization.ToTxOut(WireSerialization.FromTxOut(tx.Outputs[1]))));
    }

    [Theory]
    [InlineData(31, "hash")]
    [InlineData(0, "hash")]
    public void WrongSizedHashesAreRefusedWithAClearError(int length, string what)
    {
        var e = Assert.Throws<IpcFormatException>(() => WireSerialization.ToHash(new byte[length], what));
        Assert.Contains("32 bytes", e.Message);
    }

    [Fact]
    public void GarbageTransactionsAreRefusedWithAClearError()
    {
        var e = Assert.Throws<IpcFormatException>(() => WireSerialization.ToTransaction(new byte[] { 1, 2, 3 }));
        Assert.Contains("transaction", e.Message);
    }

    // Core's compress_tests: amounts and their compressed numbers.
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(1_000_000UL, 7UL)]
    [InlineData(100_000_000UL, 9UL)]
    [InlineData(5_000_000_000UL, 50UL)]
    [InlineData(2_100_000_000_000_000UL, 21_000_000UL)]
    public void AmountsCompressAsCoresDo(ulong amount, ulong compressed)
    {
        Assert.Equal(compressed, CoinSerialization.CompressAmount(amount));
        Assert.Equal(amount, CoinSerialization.DecompressAmount(compressed));
    }

    [Fact]
    public void EveryAmountUpToOneMillionRoundTripsThroughCompression()
    {
        for (ulong n = 0; n < 1_000_000; n += 37)
            Assert.Equal(n, CoinSerialization.DecompressAmount(CoinSerialization.CompressAmount(n)));
    }

    [Fact]
    public void CoinsOfEveryScriptKindRoundTrip()
    {
        var key = TestData.Key;
        Script[] scripts =
        [
            key.PubKey.Hash.ScriptPubKey,
            key.PubKey.ScriptPubKey.Hash.ScriptPubKey,
            new Script(Op.GetPushOp(key.PubKey.Compress().ToBytes()), OpcodeType.OP_CHECKSIG),
            new Script(Op.GetPushOp(key.PubKey.Decompress().ToBytes()), OpcodeType.OP_CHECKSIG),
            key.PubKey.WitHash.ScriptPubKey,
            new Script(OpcodeType.OP_RETURN, Op.GetPushOp(new byte[80])),
            Script.Empty,
        ];
        foreach (var script in scripts)
        {
            var coin = new ChainCoin(new TxOut(Money.Satoshis(123_456_789), script), 840_000, IsCoinBase: true);
            var back = CoinSerialization.Read(CoinSerialization.Write(coin));
            Assert.Equal(script, back.Output.ScriptPubKey);
            Assert.Equal(coin.Output.Value, back.Output.Value);
            Assert.Equal(840_000, back.Height);
            Assert.True(back.IsCoinBase);
        }
    }

    [Fact]
    public void CoinMatchesCoresSerializationOfAPayToPubKeyHashOutput()
    {
        // height 1, not coinbase: code 2; amount 50 BTC compresses to 50 (0x32); P2PKH: kind 0 and the 20-byte hash.
        var hash = new KeyId(Convert.FromHexString("00112233445566778899aabbccddeeff00112233"));
        var bytes = CoinSerialization.Write(new ChainCoin(new TxOut(Money.Coins(50), hash.ScriptPubKey), 1, false));
        Assert.Equal("02" + "32" + "00" + "00112233445566778899AABBCCDDEEFF00112233", Convert.ToHexString(bytes));
    }
}
