using System.Security.Cryptography;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Bitcoin's merkle trees (Core's consensus/merkle.cpp), including detection of the CVE-2012-2459 mutation: an odd
/// level duplicates its last hash, so [1,2,3,4,5,6] and [1,2,3,4,5,6,5,6] share a root. A block whose tree hashes two
/// identical neighbours together is reported as mutated and must be treated like one with a wrong merkle root.
/// </summary>
public static class Merkle
{
    /// <summary>The root of <paramref name="hashes"/> (zero for none); <paramref name="mutated"/> reports equal neighbour pairs.</summary>
    public static uint256 ComputeMerkleRoot(IReadOnlyList<uint256> hashes, out bool mutated)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        mutated = false;
        if (hashes.Count == 0) return uint256.Zero;
        // One 32-byte slot per hash, plus room to duplicate the last one on odd levels.
        int count = hashes.Count;
        var level = new byte[(count + 1) * 32];
        for (int i = 0; i < count; i++) hashes[i].ToBytes(level.AsSpan(i * 32, 32));
        Span<byte> pair = stackalloc byte[32];
        while (count > 1)
        {
            // Check every level: equal pairs can appear above the leaves too.
            for (int pos = 0; pos + 1 < count; pos += 2)
            {
                if (level.AsSpan(pos * 32, 32).SequenceEqual(level.AsSpan((pos + 1) * 32, 32))) mutated = true;
            }
            if ((count & 1) != 0)
            {
                level.AsSpan((count - 1) * 32, 32).CopyTo(level.AsSpan(count * 32, 32));
                count++;
            }
            for (int i = 0; i < count / 2; i++)
            {
                SHA256.HashData(level.AsSpan(i * 64, 64), pair);
                SHA256.HashData(pair, level.AsSpan(i * 32, 32));
            }
            count /= 2;
        }
        return new uint256(level.AsSpan(0, 32));
    }

    /// <summary>The root of <paramref name="hashes"/> (zero for none).</summary>
    public static uint256 ComputeMerkleRoot(IReadOnlyList<uint256> hashes) => ComputeMerkleRoot(hashes, out _);

    /// <summary>The merkle root of the block's transaction ids; <paramref name="mutated"/> reports a CVE-2012-2459 duplicate.</summary>
    public static uint256 BlockMerkleRoot(Block block, out bool mutated)
    {
        ArgumentNullException.ThrowIfNull(block);
        var leaves = new uint256[block.Transactions.Count];
        for (int i = 0; i < leaves.Length; i++) leaves[i] = block.Transactions[i].GetHash();
        return ComputeMerkleRoot(leaves, out mutated);
    }

    /// <summary>The merkle root of the block's transaction ids.</summary>
    public static uint256 BlockMerkleRoot(Block block) => BlockMerkleRoot(block, out _);

    /// <summary>The merkle root of the block's witness transaction ids, the coinbase counting as zero (BIP141).</summary>
    public static uint256 BlockWitnessMerkleRoot(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var leaves = new uint256[block.Transactions.Count];
        if (leaves.Length == 0) return uint256.Zero;
        leaves[0] = uint256.Zero;
        for (int i = 1; i < leaves.Length; i++) leaves[i] = block.Transactions[i].GetWitHash();
        return ComputeMerkleRoot(leaves, out _);
    }
}
