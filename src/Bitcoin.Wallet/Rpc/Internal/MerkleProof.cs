using System.Collections;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Wallet.Rpc.Internal;

/// <summary>Core's CPartialMerkleTree::ExtractMatches: the matched txids of a merkle proof with their positions, and the root it proves.</summary>
internal static class MerkleProof
{
    // A block cannot hold more transactions than MAX_BLOCK_WEIGHT / MIN_TRANSACTION_WEIGHT.
    private const uint MaxTransactions = 4_000_000 / 240;

    /// <summary>The root the proof commits to, or null when the proof is malformed.</summary>
    public static uint256? ExtractMatches(PartialMerkleTree tree, List<uint256> matches, List<int> indexes)
    {
        matches.Clear();
        indexes.Clear();
        uint count = tree.TransactionCount;
        var hashes = tree.Hashes;
        var bits = tree.Flags;
        if (count == 0 || count > MaxTransactions || hashes.Count > count || bits.Count < hashes.Count) return null;
        int height = 0;
        while (Width(count, height) > 1) height++;
        int bitsUsed = 0, hashUsed = 0;
        bool bad = false;
        var root = Traverse(height, 0);
        if (bad || (bitsUsed + 7) / 8 != (bits.Count + 7) / 8 || hashUsed != hashes.Count) return null;
        return root;

        uint256 Traverse(int h, int pos)
        {
            if (bitsUsed >= bits.Count)
            {
                bad = true;
                return uint256.Zero;
            }

            bool parentOfMatch = bits[bitsUsed++];
            if (h == 0 || !parentOfMatch)
            {
                if (hashUsed >= hashes.Count)
                {
                    bad = true;
                    return uint256.Zero;
                }

                var hash = hashes[hashUsed++];
                if (h == 0 && parentOfMatch)
                {
                    matches.Add(hash);
                    indexes.Add(pos);
                }

                return hash;
            }

            var left = Traverse(h - 1, pos * 2);
            uint256 right;
            if (pos * 2 + 1 < Width(count, h - 1))
            {
                right = Traverse(h - 1, pos * 2 + 1);
                if (right == left) bad = true;
            }
            else
            {
                right = left;
            }

            return Hashes.DoubleSHA256([.. left.ToBytes(), .. right.ToBytes()]);
        }
    }

    private static long Width(uint count, int height) => (count + (1L << height) - 1) >> height;

    /// <summary>Reads a serialized CMerkleBlock (gettxoutproof's output).</summary>
    public static MerkleBlock Parse(byte[] bytes)
    {
        var block = new MerkleBlock();
        block.ReadWrite(new BitcoinStream(bytes));
        return block;
    }

}
