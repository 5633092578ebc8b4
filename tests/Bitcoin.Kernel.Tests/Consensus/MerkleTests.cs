using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>Merkle roots and the CVE-2012-2459 mutation (Core's merkle_tests.cpp facts).</summary>
public class MerkleTests
{
    private static uint256 Leaf(int i) => new(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));

    // A straightforward recursive reference: odd levels duplicate their last hash.
    private static uint256 Reference(IReadOnlyList<uint256> level)
    {
        if (level.Count == 0) return uint256.Zero;
        while (level.Count > 1)
        {
            var next = new List<uint256>();
            for (int i = 0; i < level.Count; i += 2)
            {
                var right = i + 1 < level.Count ? level[i + 1] : level[i];
                next.Add(NBitcoin.Crypto.Hashes.DoubleSHA256(level[i].ToBytes().Concat(right.ToBytes()).ToArray()));
            }
            level = next;
        }
        return level[0];
    }

    [Fact]
    public void RootMatchesReferenceForUpTo40LeavesWithoutMutation()
    {
        for (int n = 0; n <= 40; n++)
        {
            var leaves = Enumerable.Range(0, n).Select(Leaf).ToList();
            Assert.Equal(Reference(leaves), Merkle.ComputeMerkleRoot(leaves, out bool mutated));
            Assert.False(mutated);
        }
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6 }, new[] { 1, 2, 3, 4, 5, 6, 5, 6 })]
    [InlineData(new[] { 1, 2, 3 }, new[] { 1, 2, 3, 3 })]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 10 })]
    public void DuplicatedTailGivesSameRootButIsReportedMutated(int[] original, int[] duplicated)
    {
        var a = Merkle.ComputeMerkleRoot(original.Select(Leaf).ToList(), out bool mutatedA);
        var b = Merkle.ComputeMerkleRoot(duplicated.Select(Leaf).ToList(), out bool mutatedB);

        Assert.Equal(a, b);
        Assert.False(mutatedA);
        Assert.True(mutatedB);
    }

    [Fact]
    public void CheckBlockRejectsDuplicatedTransactionsAsMutated()
    {
        var regtest = ChainParams.Create(ChainType.Regtest);
        var block = TestBlocks.BlockWithTransactions(regtest, 3);
        var mutated = block.Clone();
        mutated.Transactions.Add(mutated.Transactions[^1].Clone());
        // Same merkle root as the original three transactions.
        Assert.Equal(block.Header.HashMerkleRoot, Merkle.BlockMerkleRoot(mutated));

        var state = new BlockValidationState();
        Assert.False(BlockChecks.CheckBlock(mutated, state, regtest.Consensus, checkPow: false));
        Assert.Equal("bad-txns-duplicate", state.RejectReason);
        Assert.Equal(BlockValidationResult.Mutated, state.Result);
        Assert.True(BlockChecks.IsBlockMutated(mutated, checkWitnessRoot: false));
        Assert.False(BlockChecks.IsBlockMutated(block, checkWitnessRoot: false));
    }

    [Fact]
    public void GenesisMerkleRootsMatchTheirHeaders()
    {
        foreach (var type in Enum.GetValues<ChainType>())
        {
            var genesis = ChainParams.Create(type).GenesisBlock;
            Assert.Equal(genesis.Header.HashMerkleRoot, Merkle.BlockMerkleRoot(genesis));
        }
    }
}
