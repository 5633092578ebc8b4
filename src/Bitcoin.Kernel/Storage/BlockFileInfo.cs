using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Kernel.Storage;

/// <summary>
/// Statistics of one blk/rev file pair, as Core's CBlockFileInfo (stored in the block index database under 'f').
/// Mutable; guarded by the chainstate lock.
/// </summary>
public sealed class BlockFileInfo
{
    /// <summary>Number of blocks stored in the file.</summary>
    public uint Blocks { get; set; }

    /// <summary>Bytes used in the blk file.</summary>
    public uint Size { get; set; }

    /// <summary>Bytes used in the rev file.</summary>
    public uint UndoSize { get; set; }

    /// <summary>Lowest height of a block in the file.</summary>
    public uint HeightFirst { get; set; }

    /// <summary>Highest height of a block in the file.</summary>
    public uint HeightLast { get; set; }

    /// <summary>Earliest block time in the file.</summary>
    public ulong TimeFirst { get; set; }

    /// <summary>Latest block time in the file.</summary>
    public ulong TimeLast { get; set; }

    /// <summary>Records a block's height and time (does not change <see cref="Size"/>), as Core's AddBlock.</summary>
    public void AddBlock(uint height, ulong time)
    {
        if (Blocks == 0 || HeightFirst > height) HeightFirst = height;
        if (Blocks == 0 || TimeFirst > time) TimeFirst = time;
        Blocks++;
        if (height > HeightLast) HeightLast = height;
        if (time > TimeLast) TimeLast = time;
    }

    /// <summary>Appends Core's serialization (seven VARINTs).</summary>
    public void WriteTo(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt(Blocks);
        writer.WriteVarInt(Size);
        writer.WriteVarInt(UndoSize);
        writer.WriteVarInt(HeightFirst);
        writer.WriteVarInt(HeightLast);
        writer.WriteVarInt(TimeFirst);
        writer.WriteVarInt(TimeLast);
    }

    /// <summary>Reads Core's serialization.</summary>
    public static BlockFileInfo ReadFrom(ref SpanReader reader) => new()
    {
        Blocks = reader.ReadVarIntUInt32(),
        Size = reader.ReadVarIntUInt32(),
        UndoSize = reader.ReadVarIntUInt32(),
        HeightFirst = reader.ReadVarIntUInt32(),
        HeightLast = reader.ReadVarIntUInt32(),
        TimeFirst = reader.ReadVarInt(),
        TimeLast = reader.ReadVarInt(),
    };

    /// <summary>Core's log form: <c>CBlockFileInfo(blocks=1, size=293, heights=0...0, time=2011-02-02...2011-02-02)</c>.</summary>
    public override string ToString() =>
        $"CBlockFileInfo(blocks={Blocks}, size={Size}, heights={HeightFirst}...{HeightLast}, time={FormatDate(TimeFirst)}...{FormatDate(TimeLast)})";

    private static string FormatDate(ulong unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, 253402300799UL)).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
