using Bitcoin.Node.Net.Processing;
using NBitcoin;

namespace Bitcoin.Node.Tests.Net;

// The mutation check net processing runs on every block a peer sends (Core's IsBlockMutated, p2p_invalid_block.py's
// merkle malleability case).
public class MutatedBlockCheckTests
{
    private static readonly ConsensusFactory Factory = Network.RegTest.Consensus.ConsensusFactory;

    private static Transaction Tx(int seed, bool coinbase = false)
    {
        var tx = Factory.CreateTransaction();
        var prevout = coinbase ? new OutPoint(uint256.Zero, uint.MaxValue) : new OutPoint(new uint256((ulong)seed * 7919), 0);
        tx.Inputs.Add(new TxIn(prevout, coinbase ? new Script(Op.GetPushOp(seed), OpcodeType.OP_0) : new Script(OpcodeType.OP_TRUE)));
        tx.Outputs.Add(new TxOut(Money.Satoshis(1000 + seed), new Script(OpcodeType.OP_TRUE)));
        return tx;
    }

    private static Block ThreeTransactionBlock()
    {
        var block = Factory.CreateBlock();
        block.Header.Bits = new Target(0x207fffff);
        block.Transactions.Add(Tx(1, coinbase: true));
        block.Transactions.Add(Tx(2));
        block.Transactions.Add(Tx(3));
        block.UpdateMerkleRoot();
        return block;
    }

    [Fact]
    public void IntactBlockIsNotMutated() => Assert.False(MutatedBlockCheck.IsMutated(ThreeTransactionBlock(), checkWitnessRoot: true));

    [Fact]
    public void DuplicatedLastTransactionKeepsTheRootButIsMutated()
    {
        var block = ThreeTransactionBlock();
        var root = block.Header.HashMerkleRoot;
        block.Transactions.Add(block.Transactions[^1]);
        Assert.Equal(root, block.GetMerkleRoot().Hash);
        Assert.True(MutatedBlockCheck.IsMutated(block, checkWitnessRoot: true));
    }

    [Fact]
    public void WrongMerkleRootIsMutated()
    {
        var block = ThreeTransactionBlock();
        block.Transactions.RemoveAt(2);
        Assert.True(MutatedBlockCheck.IsMutated(block, checkWitnessRoot: false));
    }

    [Fact]
    public void WitnessWithoutCommitmentIsMutated()
    {
        // Without a coinbase commitment no transaction may carry witness data, whether or not segwit is active.
        var block = ThreeTransactionBlock();
        block.Transactions[1].Inputs[0].WitScript = new WitScript(new[] { new byte[] { 1 } });
        block.UpdateMerkleRoot();
        Assert.True(MutatedBlockCheck.IsMutated(block, checkWitnessRoot: true));
        Assert.True(MutatedBlockCheck.IsMutated(block, checkWitnessRoot: false));
    }
}
