using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// A block index record as stored under 'b' + hash in blocks/index (Core's CDiskBlockIndex): VARINT client version,
/// height, status, transaction count, file and positions (when the block has data/undo), then the 80-byte header.
/// </summary>
public sealed record DiskBlockIndex
{
    // Core writes the highest client version that ever used this field; the value is never interpreted.
    private const int DummyVersion = 259900;

    /// <summary>Height of the block.</summary>
    public required int Height { get; init; }

    /// <summary>Status flags (Core's bit values).</summary>
    public required BlockStatus Status { get; init; }

    /// <summary>Number of transactions (0 if the block data was never received).</summary>
    public required uint TxCount { get; init; }

    /// <summary>blk/rev file number (0 when neither data nor undo is stored).</summary>
    public int File { get; init; }

    /// <summary>Offset of the block data in its blk file.</summary>
    public uint DataPos { get; init; }

    /// <summary>Offset of the undo data in its rev file.</summary>
    public uint UndoPos { get; init; }

    /// <summary>Header version.</summary>
    public required int Version { get; init; }

    /// <summary>Hash of the previous block (zero for genesis).</summary>
    public required uint256 PrevHash { get; init; }

    /// <summary>Header merkle root.</summary>
    public required uint256 MerkleRoot { get; init; }

    /// <summary>Header time.</summary>
    public required uint Time { get; init; }

    /// <summary>Header compact target.</summary>
    public required uint Bits { get; init; }

    /// <summary>Header nonce.</summary>
    public required uint Nonce { get; init; }

    /// <summary>The record of an in-memory entry.</summary>
    public static DiskBlockIndex From(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new DiskBlockIndex
        {
            Height = index.Height,
            Status = index.Status,
            TxCount = index.TxCount,
            File = index.File,
            DataPos = index.DataPos,
            UndoPos = index.UndoPos,
            Version = index.Version,
            PrevHash = index.Previous?.Hash ?? uint256.Zero,
            MerkleRoot = index.MerkleRoot,
            Time = index.Time,
            Bits = index.Bits,
            Nonce = index.Nonce,
        };
    }

    /// <summary>The block hash, computed from the stored header (Core's ConstructBlockHash).</summary>
    public uint256 ComputeBlockHash()
    {
        var writer = new ByteWriter(80);
        WriteHeader(writer);
        return Hashes.DoubleSha256(writer.WrittenSpan);
    }

    /// <summary>Appends Core's serialization.</summary>
    public void WriteTo(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt(DummyVersion);
        writer.WriteVarInt(Height);
        writer.WriteVarInt((ulong)Status);
        writer.WriteVarInt(TxCount);
        if ((Status & (BlockStatus.HaveData | BlockStatus.HaveUndo)) != 0) writer.WriteVarInt(File);
        if ((Status & BlockStatus.HaveData) != 0) writer.WriteVarInt(DataPos);
        if ((Status & BlockStatus.HaveUndo) != 0) writer.WriteVarInt(UndoPos);
        WriteHeader(writer);
    }

    /// <summary>Reads Core's serialization.</summary>
    public static DiskBlockIndex ReadFrom(ref SpanReader reader)
    {
        reader.ReadVarIntInt32(); // client version, unused
        int height = reader.ReadVarIntInt32();
        var status = (BlockStatus)reader.ReadVarIntUInt32();
        uint txCount = reader.ReadVarIntUInt32();
        int file = (status & (BlockStatus.HaveData | BlockStatus.HaveUndo)) != 0 ? reader.ReadVarIntInt32() : 0;
        uint dataPos = (status & BlockStatus.HaveData) != 0 ? reader.ReadVarIntUInt32() : 0;
        uint undoPos = (status & BlockStatus.HaveUndo) != 0 ? reader.ReadVarIntUInt32() : 0;
        return new DiskBlockIndex
        {
            Height = height,
            Status = status,
            TxCount = txCount,
            File = file,
            DataPos = dataPos,
            UndoPos = undoPos,
            Version = reader.ReadInt32(),
            PrevHash = reader.ReadUInt256(),
            MerkleRoot = reader.ReadUInt256(),
            Time = reader.ReadUInt32(),
            Bits = reader.ReadUInt32(),
            Nonce = reader.ReadUInt32(),
        };
    }

    private void WriteHeader(ByteWriter writer)
    {
        writer.WriteInt32(Version);
        writer.WriteUInt256(PrevHash);
        writer.WriteUInt256(MerkleRoot);
        writer.WriteUInt32(Time);
        writer.WriteUInt32(Bits);
        writer.WriteUInt32(Nonce);
    }
}
