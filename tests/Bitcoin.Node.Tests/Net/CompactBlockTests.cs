using Bitcoin.Node.Net.Processing;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Tests.Net;

// BIP152 compact blocks (Core's blockencodings_tests): encoding, short ids, reconstruction from the mempool and the
// transactions a blocktxn message supplies.
public class CompactBlockTests
{
    private static readonly ConsensusFactory Factory = Network.RegTest.Consensus.ConsensusFactory;

    private static Transaction Tx(int seed, bool coinbase = false)
    {
        var tx = Factory.CreateTransaction();
        if (coinbase)
            tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), new Script(Op.GetPushOp(seed), OpcodeType.OP_0)));
        else
            tx.Inputs.Add(new TxIn(new OutPoint(new uint256((ulong)seed * 7919), (uint)seed % 3), new Script(OpcodeType.OP_TRUE)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(1000 + seed), new Script(OpcodeType.OP_TRUE, OpcodeType.OP_DROP, OpcodeType.OP_TRUE)));
        return tx;
    }

    private static Block MakeBlock(int count)
    {
        var block = Factory.CreateBlock();
        block.Header.Version = 4;
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        block.Header.Bits = new Target(0x207fffff);
        block.Transactions.Add(Tx(1, coinbase: true));
        for (int i = 2; i <= count; i++)
            block.Transactions.Add(Tx(i));
        block.UpdateMerkleRoot();
        return block;
    }

    [Fact]
    public void EncodingRoundTrips()
    {
        var block = MakeBlock(5);
        var compact = CompactBlock.FromBlock(block, nonce: 0x0123456789abcdef);
        Assert.Single(compact.Prefilled); // the coinbase
        Assert.Equal(4, compact.ShortIds.Count);
        var decoded = CompactBlock.Read(compact.Serialize(), Factory);
        Assert.Equal(block.GetHash(), decoded.Header.GetHash());
        Assert.Equal(compact.ShortIds, decoded.ShortIds);
        Assert.Equal(compact.Nonce, decoded.Nonce);
        Assert.All(compact.ShortIds, id => Assert.True(id < (1UL << 48)));
        Assert.Equal(compact.GetShortId(block.Transactions[1].GetWitHash()), compact.ShortIds[0]);
    }

    [Fact]
    public void ReconstructsFromMempoolAndRequestedTransactions()
    {
        var block = MakeBlock(6);
        var compact = CompactBlock.Read(CompactBlock.FromBlock(block, 42).Serialize(), Factory);
        // The mempool has transactions 2 and 4 (indexes 1 and 3), and an unrelated one.
        var mempool = new List<(uint256, Transaction)>
        {
            (block.Transactions[1].GetWitHash(), block.Transactions[1]),
            (block.Transactions[3].GetWitHash(), block.Transactions[3]),
            (Tx(99).GetWitHash(), Tx(99)),
        };
        var partial = new PartiallyDownloadedBlock(() => mempool);
        Assert.Equal(ReadStatus.Ok, partial.InitData(compact, []));
        var missingIndexes = Enumerable.Range(0, partial.TransactionCount).Where(i => !partial.IsTransactionAvailable(i)).ToList();
        Assert.Equal([2, 4, 5], missingIndexes);
        var missing = missingIndexes.Select(i => block.Transactions[i]).ToList();
        Assert.Equal(ReadStatus.Ok, partial.FillBlock(missing, segwitActive: false, Factory, out var rebuilt));
        Assert.Equal(block.GetHash(), rebuilt!.GetHash());
        Assert.Equal(block.Transactions.Select(t => t.GetHash()), rebuilt.Transactions.Select(t => t.GetHash()));
    }

    [Fact]
    public void WrongTransactionsAreDetected()
    {
        var block = MakeBlock(3);
        var compact = CompactBlock.FromBlock(block, 7);
        var partial = new PartiallyDownloadedBlock(() => []);
        Assert.Equal(ReadStatus.Ok, partial.InitData(compact, []));
        // Too few, then the right count but the wrong transaction (the merkle root does not match).
        Assert.Equal(ReadStatus.Invalid, partial.FillBlock([block.Transactions[1]], false, Factory, out _));
        var again = new PartiallyDownloadedBlock(() => []);
        Assert.Equal(ReadStatus.Ok, again.InitData(compact, []));
        Assert.Equal(ReadStatus.Failed, again.FillBlock([block.Transactions[1], Tx(50)], false, Factory, out _));
    }

    [Fact]
    public void EmptyOrOverlappingCompactBlocksAreInvalid()
    {
        var block = MakeBlock(1);
        var onlyCoinbase = CompactBlock.FromBlock(block, 1);
        var partial = new PartiallyDownloadedBlock(() => []);
        Assert.Equal(ReadStatus.Ok, partial.InitData(onlyCoinbase, []));
        // InitData runs once per instance.
        Assert.Equal(ReadStatus.Invalid, partial.InitData(onlyCoinbase, []));
    }
}
