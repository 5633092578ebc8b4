using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A cfilter payload (BIP157): one block's filter.</summary>
public sealed class BlockFilterMessage
{
    private readonly byte[] _filter;

    /// <summary>Creates the message for the block <paramref name="blockHash"/> and its encoded filter.</summary>
    public BlockFilterMessage(byte filterType, uint256 blockHash, byte[] filter)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        ArgumentNullException.ThrowIfNull(filter);
        FilterType = filterType;
        BlockHash = blockHash;
        _filter = filter;
    }

    /// <summary>The filter type byte (0 is BIP158 basic).</summary>
    public byte FilterType { get; }

    /// <summary>The block the filter describes.</summary>
    public uint256 BlockHash { get; }

    /// <summary>The encoded filter (what getblockfilter shows as "filter").</summary>
    public ReadOnlySpan<byte> Filter => _filter;

    /// <summary>Writes the payload: type (1) + block hash (32) + CompactSize length + filter.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(1 + 32 + CompactSize.GetSize((ulong)_filter.Length) + _filter.Length);
        writer.WriteByte(FilterType);
        writer.WriteUInt256(BlockHash);
        writer.WriteCompactSize((ulong)_filter.Length);
        writer.WriteBytes(_filter);
        return writer.ToArray();
    }

    /// <summary>Reads the payload; malformed data throws <see cref="SerializationException"/>.</summary>
    public static BlockFilterMessage Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        byte filterType = reader.ReadByte();
        var blockHash = reader.ReadUInt256();
        var filter = reader.ReadBytes(checked((int)reader.ReadCompactSize())).ToArray();
        return new BlockFilterMessage(filterType, blockHash, filter);
    }
}
