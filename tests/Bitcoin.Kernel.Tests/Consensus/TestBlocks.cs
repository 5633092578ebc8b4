using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Small blocks and transactions for block-rule tests.</summary>
internal static class TestBlocks
{
    public static Transaction Coinbase(int height, Money value, Script? output = null)
    {
        var tx = Transaction.Create(Network.RegTest);
        var scriptSig = BlockChecks.CoinbaseHeightPrefix(height).Concat(new byte[] { 0x51 }).ToArray();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), Script.FromBytesUnsafe(scriptSig)));
        tx.Outputs.Add(new TxOut(value, output ?? Script.FromBytesUnsafe([0x51])));
        return tx;
    }

    public static Transaction Spend(uint256 prevHash, uint n, Money value)
    {
        var tx = Transaction.Create(Network.RegTest);
        tx.Inputs.Add(new TxIn(new OutPoint(prevHash, n), Script.Empty));
        tx.Outputs.Add(new TxOut(value, Script.FromBytesUnsafe([0x51])));
        return tx;
    }

    /// <summary>A block at height 1 on top of regtest genesis with a coinbase and n-1 spends, merkle root set.</summary>
    public static Block BlockWithTransactions(ChainParams chain, int count)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        block.Header.Version = 0x20000000;
        block.Header.HashPrevBlock = chain.GenesisBlock.GetHash();
        block.Header.BlockTime = chain.GenesisBlock.Header.BlockTime + TimeSpan.FromMinutes(10);
        block.Header.Bits = chain.GenesisBlock.Header.Bits;
        block.Transactions.Add(Coinbase(1, Money.Coins(50)));
        for (int i = 1; i < count; i++) block.Transactions.Add(Spend(new uint256((ulong)i), 0, Money.Coins(1)));
        block.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(block);
        return block;
    }

    /// <summary>Grinds the nonce until the header meets its own (regtest-easy) target.</summary>
    public static void Mine(Block block, ConsensusParams consensus)
    {
        while (!Pow.CheckProofOfWork(block.Header.GetHash(), (uint)block.Header.Bits, consensus)) block.Header.Nonce++;
    }
}
