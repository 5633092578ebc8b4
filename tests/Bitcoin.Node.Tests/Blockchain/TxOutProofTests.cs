using Bitcoin.Node.Blockchain;
using NBitcoin;

namespace Bitcoin.Node.Tests.Blockchain;

/// <summary>Merkle proofs as Core's CMerkleBlock/CPartialMerkleTree (pmt_tests): round trips and malformed proofs.</summary>
public class TxOutProofTests
{
    private static Block BlockWith(int transactions)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        for (int i = 0; i < transactions; i++)
        {
            var tx = Network.RegTest.CreateTransaction();
            tx.Inputs.Add(new OutPoint(new uint256((ulong)(i + 1)), 0));
            tx.Outputs.Add(Money.Coins(1), new Key().GetScriptPubKey(ScriptPubKeyType.Segwit));
            block.Transactions.Add(tx);
        }
        block.UpdateMerkleRoot();
        return block;
    }

    [Theory]
    [InlineData(1, new[] { 0 })]
    [InlineData(5, new[] { 1, 4 })]
    [InlineData(7, new[] { 0, 1, 2, 3, 4, 5, 6 })]
    [InlineData(9, new[] { 8 })]
    public void ProofRoundTripsAndExtractsTheMatchesInBlockOrder(int transactions, int[] matched)
    {
        var block = BlockWith(transactions);
        var txids = matched.Select(i => block.Transactions[i].GetHash()).ToHashSet();

        var proof = TxOutProof.Parse(TxOutProof.Create(block, txids).ToBytes());

        Assert.Equal(block.GetHash(), proof.Header.GetHash());
        Assert.Equal((uint)transactions, proof.TransactionCount);
        var extracted = proof.ExtractMatches();
        Assert.NotNull(extracted);
        Assert.Equal(block.Header.HashMerkleRoot, extracted!.Value.MerkleRoot);
        Assert.Equal(matched.Select(i => block.Transactions[i].GetHash()), extracted.Value.Matches);
    }

    [Fact]
    public void ProofWithAnUnusedHashOrAWrongCountIsRejected()
    {
        var block = BlockWith(5);
        var bytes = TxOutProof.Create(block, new HashSet<uint256> { block.Transactions[1].GetHash() }).ToBytes();

        // One more hash than the tree uses: insert a copy of the first hash and bump the count before the hashes.
        int hashCountAt = 80 + 4;
        var extra = bytes[..hashCountAt].Append((byte)(bytes[hashCountAt] + 1)).Concat(bytes.AsSpan(hashCountAt + 1, 32).ToArray()).Concat(bytes[(hashCountAt + 1)..]).ToArray();
        Assert.Null(TxOutProof.Parse(extra).ExtractMatches());

        // A zero transaction count proves nothing.
        var zero = bytes.ToArray();
        zero.AsSpan(80, 4).Clear();
        Assert.Null(TxOutProof.Parse(zero).ExtractMatches());
    }

    [Fact]
    public void DuplicatedSiblingHashesAreRejected()
    {
        // CVE-2012-2459: a block whose last two transactions are the same hashes like one with the last one once.
        var block = BlockWith(3);
        block.Transactions.Add(block.Transactions[2]);
        var proof = TxOutProof.Parse(TxOutProof.Create(block, new HashSet<uint256> { block.Transactions[2].GetHash() }).ToBytes());
        Assert.Null(proof.ExtractMatches());
    }

    [Fact]
    public void TruncatedProofFailsToParse()
    {
        var bytes = TxOutProof.Create(BlockWith(2), new HashSet<uint256>()).ToBytes();
        Assert.Throws<Bitcoin.Kernel.Serialization.SerializationException>(() => TxOutProof.Parse(bytes.AsSpan(0, 90)));
    }
}
