using Coin = Bitcoin.Kernel.Coins.Coin;
using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Tests.Consensus.Vectors;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Index;

/// <summary>BIP158 basic filters against Core's blockfilters.json (testnet blocks with their spent scripts).</summary>
public class BasicBlockFilterTests
{
    public static IEnumerable<object[]> Vectors()
    {
        var rows = TestData.ReadJson("blockfilters.json").EnumerateArray().Skip(1);
        return rows.Select(row => new object[] { row.GetRawText() });
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void FilterAndHeaderMatchCoreVectors(string json)
    {
        var row = System.Text.Json.JsonDocument.Parse(json).RootElement;
        var block = Block.Parse(row[2].GetString()!, Network.TestNet);
        Assert.Equal(uint256.Parse(row[1].GetString()!), block.GetHash());
        // The vectors give the spent scripts, not undo data: one undo record per non-coinbase transaction, in order.
        var spentScripts = row[3].EnumerateArray().Select(s => Script.FromHex(s.GetString()!)).ToList();
        var undo = new BlockUndo();
        int next = 0;
        foreach (var tx in block.Transactions.Skip(1))
        {
            undo.TxUndos.Add(new TxUndo(tx.Inputs.Select(_ => new Coin(new TxOut(Money.Zero, spentScripts[next++]), 1, false))));
        }
        Assert.Equal(spentScripts.Count, next);

        var filter = BasicBlockFilter.Build(block, undo);

        Assert.Equal(row[5].GetString(), Convert.ToHexStringLower(filter.Encoded));
        Assert.Equal(uint256.Parse(row[6].GetString()!), filter.ComputeHeader(uint256.Parse(row[4].GetString()!)));
        var roundTrip = BasicBlockFilter.FromEncoded(block.GetHash(), filter.Encoded.ToArray());
        Assert.Equal(filter.FilterHash, roundTrip.FilterHash);
    }

    [Fact]
    public void FilterMatchesItsScriptsButNotOpReturnOrUnrelatedScripts()
    {
        var block = Block.Parse(TestData.ReadJson("blockfilters.json")[2][2].GetString()!, Network.TestNet);
        var output = block.Transactions[0].Outputs[0].ScriptPubKey.ToBytes();
        var filter = BasicBlockFilter.Build(block, new BlockUndo());

        Assert.True(filter.MatchAny([output]));
        Assert.True(filter.MatchAny([new byte[] { 0x51 }, output]));
        Assert.False(filter.MatchAny([new byte[] { 0x6a, 0x01, 0x02 }]));
        Assert.False(filter.MatchAny([]));
    }
}
