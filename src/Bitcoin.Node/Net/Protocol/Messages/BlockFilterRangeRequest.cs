using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>
/// A getcfilters or getcfheaders payload (BIP157): the filter type, the height of the first block wanted and the hash
/// of the last one. The two messages share this layout.
/// </summary>
/// <param name="FilterType">The filter type byte as sent (0 is BIP158 basic; other values are kept for the reply's log).</param>
/// <param name="StartHeight">Height of the first block whose filter (or filter hash) is wanted.</param>
/// <param name="StopHash">Hash of the last block wanted; the range is that block's ancestors from <paramref name="StartHeight"/>.</param>
public sealed record BlockFilterRangeRequest(byte FilterType, uint StartHeight, uint256 StopHash)
{
    /// <summary>Size of the payload: type (1) + start height (4) + stop hash (32).</summary>
    public const int Size = 1 + 4 + 32;

    /// <summary>Writes the payload.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(Size);
        writer.WriteByte(FilterType);
        writer.WriteUInt32(StartHeight);
        writer.WriteUInt256(StopHash);
        return writer.ToArray();
    }

    /// <summary>Reads the payload; a short payload throws <see cref="SerializationException"/> ("end of data"), extra bytes are ignored as Core does.</summary>
    public static BlockFilterRangeRequest Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        byte filterType = reader.ReadByte();
        uint startHeight = reader.ReadUInt32();
        var stopHash = reader.ReadUInt256();
        return new BlockFilterRangeRequest(filterType, startHeight, stopHash);
    }
}
