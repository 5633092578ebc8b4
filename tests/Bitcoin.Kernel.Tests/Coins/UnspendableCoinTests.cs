using Bitcoin.Kernel.Coins;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Coins;

/// <summary>Outputs Core never puts in the UTXO set (CScript::IsUnspendable): OP_RETURN and scripts over 10,000 bytes.</summary>
public class UnspendableCoinTests
{
    [Theory]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void ScriptsOverTheSizeLimitAreNotAdded(int scriptSize, bool kept)
    {
        // feature_block.py: a coin with a 10,001-byte script must be "missing or spent", not fail its script check.
        var cache = new CoinsViewCache(new EmptyCoinsView());
        var outpoint = new OutPoint(uint256.One, 0);
        var script = new Script(Enumerable.Repeat((byte)OpcodeType.OP_NOP, scriptSize).ToArray());

        cache.AddCoin(outpoint, new Coin(new TxOut(Money.Coins(1), script), 1, false), possibleOverwrite: false);

        Assert.Equal(kept, cache.HaveCoin(outpoint));
    }

    [Fact]
    public void OpReturnOutputsAreNotAdded()
    {
        var cache = new CoinsViewCache(new EmptyCoinsView());
        var outpoint = new OutPoint(uint256.One, 0);

        cache.AddCoin(outpoint, new Coin(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN)), 1, false), possibleOverwrite: false);

        Assert.False(cache.HaveCoin(outpoint));
    }
}
