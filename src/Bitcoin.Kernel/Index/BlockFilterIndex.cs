using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Index;

/// <summary>
/// The BIP158 basic block filter index (-blockfilterindex=basic) in <c>indexes/blockfilter/basic/db</c>, as Core's
/// BlockFilterIndex: for every block, its filter, filter hash and filter header. Entries are keyed by block hash,
/// so the filters of blocks on a stale branch stay readable and a reorg needs no rewriting; the index works on a
/// pruned node (it holds a prune lock at its best block). Life cycle and threading as <see cref="BaseIndex"/>;
/// the lookups may be called from any thread.
/// </summary>
public sealed class BlockFilterIndex : BaseIndex
{
    /// <summary>The index's name in logs, prune locks and getindexinfo (Core's).</summary>
    public const string IndexName = "basic block filter index";

    /// <summary>The filter type's name in RPCs and options.</summary>
    public const string FilterTypeName = "basic";

    private const byte EntryPrefix = (byte)'h';

    private BlockFilterIndex(ChainstateManager chainman, ValidationSignals? signals, KeyValueDb db)
        : base(chainman, signals, db)
    {
    }

    /// <inheritdoc/>
    public override string Name => IndexName;

    /// <inheritdoc/>
    public override bool NeedsUndoData => true;

    private protected override bool AllowPrune => true;

    private protected override string ThreadName => "blockfilter";

    /// <summary>
    /// Opens (or with <paramref name="wipe"/> recreates) the index and subscribes to <paramref name="signals"/>.
    /// </summary>
    /// <exception cref="KernelInitException">The database cannot be opened, or its best block is unknown or has no filter.</exception>
    public static BlockFilterIndex Open(ChainstateManager chainman, ValidationSignals? signals, long cacheBytes, bool wipe = false)
    {
        var index = new BlockFilterIndex(chainman, signals, OpenDatabase(chainman, Path.Combine("blockfilter", FilterTypeName, "db"), cacheBytes, wipe));
        index.Init();
        return index;
    }

    /// <summary>The filter of the block <paramref name="index"/>, or null if the index has none for it (Core's LookupFilter).</summary>
    public BasicBlockFilter? LookupFilter(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return ReadEntry(index.Hash) is { } entry ? BasicBlockFilter.FromEncoded(index.Hash, entry.Filter) : null;
    }

    /// <summary>
    /// The hash of the filter of the block <paramref name="index"/> (what a BIP157 cfheaders message lists), or null if
    /// the index has none for it. Cheaper than <see cref="LookupFilter"/>: the stored hash is returned as is.
    /// </summary>
    public uint256? LookupFilterHash(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return ReadEntry(index.Hash)?.FilterHash;
    }

    /// <summary>The filter header of the block <paramref name="index"/>, or null if the index has none for it (Core's LookupFilterHeader).</summary>
    public uint256? LookupFilterHeader(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return ReadEntry(index.Hash)?.Header;
    }

    private protected override void CustomInit(BlockIndex? bestBlock)
    {
        if (bestBlock is not null && ReadEntry(bestBlock.Hash) is null)
            throw new KernelInitException(ChainstateLoadStatus.FailureFatal, $"{Name}: Cannot read current {Name} state; index may be corrupted");
    }

    private protected override bool CustomAppend(BlockIndex index, Block block)
    {
        Storage.BlockUndo? undo = null;
        var previousHeader = uint256.Zero;
        if (index.Previous is not null)
        {
            undo = Chainman.ReadBlockUndo(index);
            if (undo is null)
            {
                FatalError($"{Name}: Failed to read undo data of block {index.Hash}");
                return false;
            }
            if (ReadEntry(index.Previous.Hash) is not { } previous)
            {
                FatalError($"{Name}: Failed to read filter header of block {index.Previous.Hash}");
                return false;
            }
            previousHeader = previous.Header;
        }
        var filter = BasicBlockFilter.Build(block, undo);
        var header = filter.ComputeHeader(previousHeader);
        var value = new ByteWriter(64 + filter.Encoded.Length + 9);
        value.WriteUInt256(filter.FilterHash);
        value.WriteUInt256(header);
        value.WriteCompactSize((ulong)filter.Encoded.Length);
        value.WriteBytes(filter.Encoded);
        Db.Write(EntryKey(index.Hash), value.WrittenSpan);
        return true;
    }

    private Entry? ReadEntry(uint256 blockHash)
    {
        var value = Db.Read(EntryKey(blockHash));
        if (value is null) return null;
        try
        {
            var reader = new SpanReader(value);
            var filterHash = reader.ReadUInt256();
            var header = reader.ReadUInt256();
            var filter = reader.ReadBytes((int)reader.ReadCompactSize()).ToArray();
            return new Entry(filterHash, header, filter);
        }
        catch (SerializationException)
        {
            return null;
        }
    }

    private static byte[] EntryKey(uint256 blockHash)
    {
        var key = new byte[33];
        key[0] = EntryPrefix;
        blockHash.ToBytes(key.AsSpan(1), lendian: true);
        return key;
    }

    private sealed record Entry(uint256 FilterHash, uint256 Header, byte[] Filter);
}
