using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Processing;
using Bitcoin.Node.Net.Protocol;
using NBitcoin;

namespace Bitcoin.Node.Tests.Net;

// Issue 8: blocks and transactions from peers are refused, as Core refuses them, when a CompactSize inside is not in
// its shortest form (feature_block.py sends a block whose transaction count is 0xff + 8 bytes) or claims more than
// 32 MiB, although NBitcoin's own reader accepts both.
public class NonCanonicalCompactSizeTests
{
    private const string NonCanonical = "non-canonical ReadCompactSize()";
    private static readonly ConsensusFactory Factory = Network.RegTest.Consensus.ConsensusFactory;

    private static Transaction SegwitTx()
    {
        var tx = Factory.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(new uint256(5), 1), Script.Empty));
        tx.Inputs[0].WitScript = new WitScript(new Script(OpcodeType.OP_TRUE));
        tx.Outputs.Add(new TxOut(Money.Satoshis(1000), new Script(OpcodeType.OP_DUP, OpcodeType.OP_DROP, OpcodeType.OP_TRUE)));
        return tx;
    }

    private static Transaction LegacyTx(int seed)
    {
        var tx = Factory.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(new uint256((ulong)seed), 0), new Script(Op.GetPushOp(seed))));
        tx.Outputs.Add(new TxOut(Money.Satoshis(seed), new Script(OpcodeType.OP_TRUE)));
        return tx;
    }

    private static byte[] BlockBytes()
    {
        var block = Factory.CreateBlock();
        block.Header.Bits = new Target(0x207fffff);
        block.Transactions.Add(LegacyTx(1));
        block.Transactions.Add(SegwitTx());
        block.UpdateMerkleRoot();
        return WireSerialization.SerializeBlock(block, witness: true);
    }

    private static Transaction ReadTx(byte[] bytes)
    {
        var reader = new SpanReader(bytes);
        return WireSerialization.ReadTransaction(ref reader, Factory);
    }

    private static byte[] Splice(byte[] bytes, int at, int remove, params byte[] insert) => [.. bytes[..at], .. insert, .. bytes[(at + remove)..]];

    [Fact]
    public void BlockWithABloatedTransactionCountIsRefusedAndTheCanonicalOneReads()
    {
        var canonical = BlockBytes();
        Assert.Equal(2, canonical[80]);
        Assert.Equal(2, WireSerialization.ReadBlock(canonical, Factory).Transactions.Count);

        // As feature_block.py's CBrokenBlock: 0xff and the count in 8 bytes.
        var bloated = Splice(canonical, 80, 1, 0xff, 2, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(NonCanonical, Assert.Throws<SerializationException>(() => WireSerialization.ReadBlock(bloated, Factory)).Message);
        var threeBytes = Splice(canonical, 80, 1, 0xfd, 2, 0);
        Assert.Equal(NonCanonical, Assert.Throws<SerializationException>(() => WireSerialization.ReadBlock(threeBytes, Factory)).Message);
    }

    [Fact]
    public void NonCanonicalScriptLengthInATransactionIsRefused()
    {
        var bytes = WireSerialization.SerializeTransaction(LegacyTx(7), witness: true);
        // version (4) + input count (1) + outpoint (36): the scriptSig length (1: OP_7) comes next.
        Assert.Equal(1, bytes[41]);
        Assert.Equal(LegacyTx(7).GetHash(), ReadTx(bytes).GetHash());
        Assert.Equal(NonCanonical, Assert.Throws<SerializationException>(() => ReadTx(Splice(bytes, 41, 1, 0xfe, 1, 0, 0, 0))).Message);
    }

    [Fact]
    public void NonCanonicalWitnessItemCountIsRefused()
    {
        var tx = SegwitTx();
        var bytes = WireSerialization.SerializeTransaction(tx, witness: true);
        Assert.Equal(tx.GetWitHash(), ReadTx(bytes).GetWitHash());
        // The witness (one item: the byte 01) sits just before the 4-byte lock time: count 01, length 01, 01.
        int at = bytes.Length - 4 - 3;
        Assert.Equal([1, 1, 1], bytes[at..(at + 3)]);
        Assert.Equal(NonCanonical, Assert.Throws<SerializationException>(() => ReadTx(Splice(bytes, at, 1, 0xfd, 1, 0))).Message);
    }

    [Fact]
    public void ScriptLengthOver32MiBIsTooLarge()
    {
        var bytes = WireSerialization.SerializeTransaction(LegacyTx(7), witness: true);
        var huge = Splice(bytes, 41, 1, 0xfe, 0x01, 0x00, 0x00, 0x02); // 0x02000001
        Assert.Equal("ReadCompactSize(): size too large", Assert.Throws<SerializationException>(() => ReadTx(huge)).Message);
    }

    [Fact]
    public void WitnessFlagsAreCheckedWithCoresMessages()
    {
        var tx = SegwitTx();
        var bytes = WireSerialization.SerializeTransaction(tx, witness: true);
        Assert.Equal([0, 1], bytes[4..6]); // marker, flag
        var unknownFlag = Splice(bytes, 5, 1, 3);
        Assert.Equal("Unknown transaction optional data", Assert.Throws<SerializationException>(() => ReadTx(unknownFlag)).Message);
        var emptyWitness = Splice(bytes, bytes.Length - 4 - 3, 3, 0);
        Assert.Equal("Superfluous witness record", Assert.Throws<SerializationException>(() => ReadTx(emptyWitness)).Message);
    }

    [Fact]
    public void TruncatedTransactionIsEndOfData()
    {
        var bytes = WireSerialization.SerializeTransaction(SegwitTx(), witness: true);
        Assert.Equal("end of data", Assert.Throws<SerializationException>(() => ReadTx(bytes[..^1])).Message);
    }

    [Fact]
    public void FilterLoadWithANonCanonicalSizeIsRefused()
    {
        // 0xfd 0x0000: an empty bit field written in three bytes, then hash functions, tweak, flags.
        byte[] payload = [0xfd, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(NonCanonical, Assert.Throws<SerializationException>(() => PeerBloomFilter.Read(payload)).Message);
        Assert.True(PeerBloomFilter.Read([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]).IsWithinSizeConstraints);
    }
}
