using Bitcoin.Kernel.Serialization;
using NBitcoin;
using Hashes = NBitcoin.Crypto.Hashes;

namespace Bitcoin.Node.Blockchain;

/// <summary>
/// A proof that transactions are in a block (Core's CMerkleBlock, as gettxoutproof writes it): the block header,
/// the number of transactions, and the partial merkle tree (hashes and flag bits, Core's CPartialMerkleTree) from the
/// matched transactions up to the merkle root. Extraction keeps Core's checks: bits and hashes all used, no
/// duplicated sibling hashes (CVE-2012-2459), a plausible transaction count. Immutable.
/// </summary>
public sealed class TxOutProof
{
    // Core's MAX_BLOCK_WEIGHT / MIN_TRANSACTION_WEIGHT: no block holds more transactions.
    private const uint MaxTransactions = 4_000_000 / 240;

    private readonly List<uint256> _hashes;
    private readonly List<bool> _bits;

    private TxOutProof(BlockHeader header, uint transactionCount, List<uint256> hashes, List<bool> bits)
    {
        Header = header;
        TransactionCount = transactionCount;
        _hashes = hashes;
        _bits = bits;
    }

    /// <summary>The header of the block the proof is about.</summary>
    public BlockHeader Header { get; }

    /// <summary>The number of transactions the block claims to hold.</summary>
    public uint TransactionCount { get; }

    /// <summary>Builds the proof that <paramref name="txids"/> are in <paramref name="block"/>.</summary>
    public static TxOutProof Create(Block block, IReadOnlySet<uint256> txids)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(txids);
        var leaves = block.Transactions.Select(tx => tx.GetHash()).ToArray();
        var matches = leaves.Select(txids.Contains).ToArray();
        var proof = new TxOutProof(block.Header, (uint)leaves.Length, [], []);
        proof.Build(TreeHeight((uint)leaves.Length), 0, leaves, matches);
        return proof;
    }

    /// <summary>Reads a serialized proof; throws <see cref="SerializationException"/> if the bytes do not hold one.</summary>
    public static TxOutProof Parse(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        var header = Network.Main.Consensus.ConsensusFactory.CreateBlockHeader();
        header.ReadWrite(new BitcoinStream(reader.ReadBytes(80).ToArray()));
        uint count = reader.ReadUInt32();
        ulong hashCount = reader.ReadCompactSize();
        var hashes = new List<uint256>();
        for (ulong i = 0; i < hashCount; i++) hashes.Add(reader.ReadUInt256());
        var flagBytes = reader.ReadBytes((int)reader.ReadCompactSize());
        var bits = new List<bool>(flagBytes.Length * 8);
        for (int p = 0; p < flagBytes.Length * 8; p++) bits.Add((flagBytes[p / 8] & (1 << (p % 8))) != 0);
        return new TxOutProof(header, count, hashes, bits);
    }

    /// <summary>The serialized proof (Core's CMerkleBlock serialization).</summary>
    public byte[] ToBytes()
    {
        var writer = new ByteWriter();
        writer.WriteBytes(Header.ToBytes());
        writer.WriteUInt32(TransactionCount);
        writer.WriteCompactSize((ulong)_hashes.Count);
        foreach (var hash in _hashes) writer.WriteUInt256(hash);
        var flags = new byte[(_bits.Count + 7) / 8];
        for (int p = 0; p < _bits.Count; p++)
        {
            if (_bits[p]) flags[p / 8] |= (byte)(1 << (p % 8));
        }
        writer.WriteVarBytes(flags);
        return writer.ToArray();
    }

    /// <summary>
    /// The merkle root the proof leads to and the matched transaction ids in block order (Core's ExtractMatches);
    /// null if the proof is malformed.
    /// </summary>
    public (uint256 MerkleRoot, IReadOnlyList<uint256> Matches)? ExtractMatches()
    {
        if (TransactionCount == 0 || TransactionCount > MaxTransactions) return null;
        if (_hashes.Count > TransactionCount || _bits.Count < _hashes.Count) return null;
        var state = new ExtractState();
        var root = Extract(TreeHeight(TransactionCount), 0, state);
        if (state.Bad) return null;
        // Every hash, and every flag byte but padding, must have been used.
        if ((state.BitsUsed + 7) / 8 != (_bits.Count + 7) / 8 || state.HashesUsed != _hashes.Count) return null;
        return (root, state.Matches);
    }

    private static int TreeHeight(uint transactionCount)
    {
        int height = 0;
        while (TreeWidth(transactionCount, height) > 1) height++;
        return height;
    }

    private static uint TreeWidth(uint transactionCount, int height) => (uint)((transactionCount + (1UL << height) - 1) >> height);

    private uint Width(int height) => TreeWidth(TransactionCount, height);

    private static uint256 HashPair(uint256 left, uint256 right)
    {
        var both = new byte[64];
        left.ToBytes(both.AsSpan(0, 32), lendian: true);
        right.ToBytes(both.AsSpan(32, 32), lendian: true);
        return Hashes.DoubleSHA256(both);
    }

    private uint256 CalcHash(int height, uint pos, uint256[] leaves)
    {
        if (height == 0) return leaves[pos];
        var left = CalcHash(height - 1, pos * 2, leaves);
        var right = pos * 2 + 1 < Width(height - 1) ? CalcHash(height - 1, pos * 2 + 1, leaves) : left;
        return HashPair(left, right);
    }

    private void Build(int height, uint pos, uint256[] leaves, bool[] matches)
    {
        // Whether this node covers a matched transaction.
        bool parentOfMatch = false;
        for (ulong p = (ulong)pos << height; p < ((ulong)pos + 1) << height && p < TransactionCount; p++)
            parentOfMatch |= matches[p];
        _bits.Add(parentOfMatch);
        if (height == 0 || !parentOfMatch)
        {
            _hashes.Add(CalcHash(height, pos, leaves));
            return;
        }
        Build(height - 1, pos * 2, leaves, matches);
        if (pos * 2 + 1 < Width(height - 1)) Build(height - 1, pos * 2 + 1, leaves, matches);
    }

    private uint256 Extract(int height, uint pos, ExtractState state)
    {
        if (state.BitsUsed >= _bits.Count)
        {
            state.Bad = true;
            return uint256.Zero;
        }
        bool parentOfMatch = _bits[state.BitsUsed++];
        if (height == 0 || !parentOfMatch)
        {
            if (state.HashesUsed >= _hashes.Count)
            {
                state.Bad = true;
                return uint256.Zero;
            }
            var hash = _hashes[state.HashesUsed++];
            if (height == 0 && parentOfMatch) state.Matches.Add(hash);
            return hash;
        }
        var left = Extract(height - 1, pos * 2, state);
        var right = left;
        if (pos * 2 + 1 < Width(height - 1))
        {
            right = Extract(height - 1, pos * 2 + 1, state);
            // Identical siblings would let two different transaction lists share a root (CVE-2012-2459).
            if (right == left) state.Bad = true;
        }
        return HashPair(left, right);
    }

    private sealed class ExtractState
    {
        public int BitsUsed;
        public int HashesUsed;
        public bool Bad;
        public List<uint256> Matches { get; } = [];
    }
}
