using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Serialization;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Coins;

// Vectors from Core's coins_tests.cpp (ccoins_serialization).
public class CoinSerializationTests
{
    [Fact]
    public void DecodesCoresNonCoinbaseExample()
    {
        var coin = CoinSerializer.Deserialize(Convert.FromHexString("97f23c835800816115944e077fe7c803cfa57f29b36bf87c1d35"));
        Assert.False(coin.IsCoinbase);
        Assert.Equal(203998, coin.Height);
        Assert.Equal(60000000000L, coin.Output.Value.Satoshi);
        Assert.Equal(P2pkh("816115944e077fe7c803cfa57f29b36bf87c1d35"), coin.Output.ScriptPubKey);
    }

    [Fact]
    public void DecodesCoresCoinbaseExample()
    {
        var coin = CoinSerializer.Deserialize(Convert.FromHexString("8ddf77bbd123008c988f1a4a4de2161e0f50aac7f17e7f9555caa4"));
        Assert.True(coin.IsCoinbase);
        Assert.Equal(120891, coin.Height);
        Assert.Equal(110397L, coin.Output.Value.Satoshi);
        Assert.Equal(P2pkh("8c988f1a4a4de2161e0f50aac7f17e7f9555caa4"), coin.Output.ScriptPubKey);
    }

    [Fact]
    public void DecodesTheSmallestCoin()
    {
        var coin = CoinSerializer.Deserialize(Convert.FromHexString("000006"));
        Assert.False(coin.IsCoinbase);
        Assert.Equal(0, coin.Height);
        Assert.Equal(0L, coin.Output.Value.Satoshi);
        Assert.Equal(0, coin.Output.ScriptPubKey.Length);
    }

    [Theory]
    [InlineData("000007")]
    [InlineData("00008a95c0bb00")]
    public void ScriptRunningPastTheEndIsEndOfData(string hex)
    {
        var ex = Assert.Throws<SerializationException>(() => CoinSerializer.Deserialize(Convert.FromHexString(hex)));
        Assert.Equal("end of data", ex.Message);
    }

    [Fact]
    public void EncodingReproducesCoresBytes()
    {
        var hex = "97f23c835800816115944e077fe7c803cfa57f29b36bf87c1d35";
        var coin = CoinSerializer.Deserialize(Convert.FromHexString(hex));
        Assert.Equal(hex, Convert.ToHexStringLower(CoinSerializer.Serialize(coin)));
    }

    [Fact]
    public void UndoEntryHasLegacyZeroAfterTheCodeForNonGenesisHeights()
    {
        var coin = new Coin(new TxOut(Money.Satoshis(50), P2pkh("816115944e077fe7c803cfa57f29b36bf87c1d35")), 10, true);
        var writer = new ByteWriter();
        CoinSerializer.WriteUndo(writer, coin);
        // code = 10*2+1 = 21 (0x15), then the dummy version 0, then amount and script.
        Assert.Equal(0x15, writer.WrittenSpan[0]);
        Assert.Equal(0x00, writer.WrittenSpan[1]);
        var reader = new SpanReader(writer.WrittenSpan);
        Assert.Equal(coin, CoinSerializer.ReadUndo(ref reader));
        Assert.True(reader.IsEnd);
    }

    [Fact]
    public void CoinKeyIsPrefixTxidAndVarIntIndex()
    {
        var txid = uint256.Parse("0000000000000000000000000000000000000000000000000000000000000102");
        var key = CoinSerializer.Key(new OutPoint(txid, 300));
        Assert.Equal((byte)'C', key[0]);
        Assert.Equal(0x02, key[1]); // txid in serialization (little-endian) order
        Assert.Equal(0x01, key[2]);
        Assert.Equal("812c", Convert.ToHexStringLower(key.AsSpan(33))); // VARINT(300)
        Assert.True(CoinSerializer.TryReadKey(key, out var outpoint));
        Assert.Equal(new OutPoint(txid, 300), outpoint);
    }

    private static Script P2pkh(string hash160Hex) => new KeyId(Convert.FromHexString(hash160Hex)).ScriptPubKey;
}
