using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>
/// One entry of the in-memory block tree, as Core's CBlockIndex: header fields, position on disk, validation status
/// and the cumulative work and transaction counts. Entries are compared by reference; callers synchronise mutation
/// (Core guards these with cs_main).
/// </summary>
public sealed class BlockIndex
{
    /// <summary>Number of previous blocks whose times make the median time past.</summary>
    public const int MedianTimeSpan = 11;

    /// <summary>Creates an entry from a header; the hash is computed from the header.</summary>
    public BlockIndex(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Hash = header.GetHash();
        Version = header.Version;
        MerkleRoot = header.HashMerkleRoot;
        Time = (uint)header.BlockTime.ToUnixTimeSeconds();
        Bits = (uint)header.Bits;
        Nonce = header.Nonce;
    }

    /// <summary>Creates an entry from already known fields (used when loading the block index database).</summary>
    public BlockIndex(uint256 hash, int version, uint256 merkleRoot, uint time, uint bits, uint nonce)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(merkleRoot);
        Hash = hash;
        Version = version;
        MerkleRoot = merkleRoot;
        Time = time;
        Bits = bits;
        Nonce = nonce;
    }

    /// <summary>The block's hash.</summary>
    public uint256 Hash { get; }

    /// <summary>The predecessor, or null for the genesis block.</summary>
    public BlockIndex? Previous { get; set; }

    /// <summary>Some further predecessor, for fast ancestor look-up (set by <see cref="BuildSkip"/>).</summary>
    public BlockIndex? Skip { get; set; }

    /// <summary>Height in the chain; the genesis block has height 0.</summary>
    public int Height { get; set; }

    /// <summary>Which blk?????.dat file holds the block (and rev?????.dat its undo data).</summary>
    public int File { get; set; }

    /// <summary>Byte offset of the block within its blk file.</summary>
    public uint DataPos { get; set; }

    /// <summary>Byte offset of the undo data within its rev file.</summary>
    public uint UndoPos { get; set; }

    /// <summary>Total work of the chain up to and including this block (memory only).</summary>
    public ArithUInt256 ChainWork { get; set; }

    /// <summary>Number of transactions in this block; nonzero once it reached <see cref="BlockStatus.ValidTransactions"/>.</summary>
    public uint TxCount { get; set; }

    /// <summary>Number of transactions in the chain up to and including this block; nonzero only if all ancestors have data.</summary>
    public ulong ChainTxCount { get; set; }

    /// <summary>Validation and storage status.</summary>
    public BlockStatus Status { get; set; }

    /// <summary>Header version.</summary>
    public int Version { get; set; }

    /// <summary>Header merkle root.</summary>
    public uint256 MerkleRoot { get; set; }

    /// <summary>Header timestamp (seconds since the epoch).</summary>
    public uint Time { get; set; }

    /// <summary>Header compact target.</summary>
    public uint Bits { get; set; }

    /// <summary>Header nonce.</summary>
    public uint Nonce { get; set; }

    /// <summary>Order in which block data was received (memory only); 1 for blocks loaded from disk, 0 for the best chain.</summary>
    public int SequenceId { get; set; } = 1;

    /// <summary>Maximum header time in the chain up to and including this block (memory only).</summary>
    public uint TimeMax { get; set; }

    /// <summary>The header time as a signed number, as Core's GetBlockTime.</summary>
    public long BlockTime => Time;

    /// <summary>True when this block and all its ancestors have had their transactions counted (Core's HaveNumChainTxs).</summary>
    public bool HaveNumChainTxs => ChainTxCount != 0;

    /// <summary>Rebuilds the header (the previous hash comes from <see cref="Previous"/>).</summary>
    public BlockHeader GetBlockHeader()
    {
        var header = NBitcoin.Consensus.Main.ConsensusFactory.CreateBlockHeader();
        header.Version = Version;
        header.HashPrevBlock = Previous?.Hash ?? uint256.Zero;
        header.HashMerkleRoot = MerkleRoot;
        header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(Time);
        header.Bits = new Target(Bits);
        header.Nonce = Nonce;
        return header;
    }

    /// <summary>The median of the times of this block and up to ten predecessors.</summary>
    public long GetMedianTimePast()
    {
        Span<long> times = stackalloc long[MedianTimeSpan];
        int count = 0;
        for (var index = this; index != null && count < MedianTimeSpan; index = index.Previous)
        {
            times[count++] = index.Time;
        }
        var used = times[..count];
        used.Sort();
        return used[count / 2];
    }

    /// <summary>True when the block is not marked failed and has reached at least the given validity level.</summary>
    public bool IsValid(BlockStatus upTo = BlockStatus.ValidTransactions)
    {
        CheckValidityLevel(upTo);
        if ((Status & BlockStatus.FailedValid) != 0) return false;
        return (Status & BlockStatus.ValidMask) >= upTo;
    }

    /// <summary>Raises the validity level; returns true if it changed (never for a failed block).</summary>
    public bool RaiseValidity(BlockStatus upTo)
    {
        CheckValidityLevel(upTo);
        if ((Status & BlockStatus.FailedValid) != 0) return false;
        if ((Status & BlockStatus.ValidMask) < upTo)
        {
            Status = (Status & ~BlockStatus.ValidMask) | upTo;
            return true;
        }
        return false;
    }

    /// <summary>Sets <see cref="Skip"/> from <see cref="Previous"/>; call once Previous and Height are set.</summary>
    public void BuildSkip()
    {
        if (Previous != null) Skip = Previous.GetAncestor(GetSkipHeight(Height));
    }

    /// <summary>The ancestor at <paramref name="height"/> (this entry for its own height), or null when out of range.</summary>
    public BlockIndex? GetAncestor(int height)
    {
        if (height > Height || height < 0) return null;
        BlockIndex walk = this;
        int heightWalk = Height;
        while (heightWalk > height)
        {
            int heightSkip = GetSkipHeight(heightWalk);
            int heightSkipPrev = GetSkipHeight(heightWalk - 1);
            if (walk.Skip != null &&
                (heightSkip == height ||
                 (heightSkip > height && !(heightSkipPrev < heightSkip - 2 && heightSkipPrev >= height))))
            {
                // Follow the skip pointer only if the predecessor's skip is not a better jump.
                walk = walk.Skip;
                heightWalk = heightSkip;
            }
            else
            {
                walk = walk.Previous ?? throw new InvalidOperationException(
                    $"Block index {Hash} at height {Height} has no predecessor at height {heightWalk - 1}.");
                heightWalk--;
            }
        }
        return walk;
    }

    /// <summary>Core's CBlockIndex::ToString.</summary>
    public override string ToString() =>
        $"CBlockIndex(pprev={Previous?.Hash}, nHeight={Height}, merkle={MerkleRoot}, hashBlock={Hash})";

    /// <summary>The last common ancestor of two entries (Core's LastCommonAncestor).</summary>
    public static BlockIndex LastCommonAncestor(BlockIndex a, BlockIndex b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        BlockIndex? pa = a, pb = b;
        if (pa.Height > pb.Height) pa = pa.GetAncestor(pb.Height);
        else if (pb.Height > pa.Height) pb = pb.GetAncestor(pa.Height);
        while (pa != pb && pa != null && pb != null)
        {
            // Equal-height entries have equal-height skip pointers, so jump together while the skips differ.
            while (pa.Skip != pb.Skip && pa.Skip != null && pb.Skip != null)
            {
                pa = pa.Skip;
                pb = pb.Skip;
            }
            pa = pa.Previous;
            pb = pb.Previous;
        }
        return pa ?? throw new InvalidOperationException("The two block index entries share no ancestor.");
    }

    private static void CheckValidityLevel(BlockStatus upTo)
    {
        if ((upTo & ~BlockStatus.ValidMask) != 0)
        {
            throw new ArgumentException("Only validity levels may be passed.", nameof(upTo));
        }
    }

    private static int InvertLowestOne(int n) => n & (n - 1);

    // The height the skip pointer jumps to: any lower height would do, this one keeps walks short (Core's choice).
    private static int GetSkipHeight(int height)
    {
        if (height < 2) return 0;
        return (height & 1) != 0 ? InvertLowestOne(InvertLowestOne(height - 1)) + 1 : InvertLowestOne(height);
    }
}
