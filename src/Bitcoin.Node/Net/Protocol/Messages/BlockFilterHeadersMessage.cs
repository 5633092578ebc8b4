using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>
/// A cfheaders payload (BIP157): the filter hashes of a range of blocks ending at <paramref name="StopHash"/>, with
/// the filter header of the block before the range, from which the receiver chains the headers of the range.
/// </summary>
/// <param name="FilterType">The filter type byte (0 is BIP158 basic).</param>
/// <param name="StopHash">The last block of the range.</param>
/// <param name="PreviousHeader">The filter header of the block before the range (zero when the range starts at genesis).</param>
/// <param name="FilterHashes">The filter hashes of the range's blocks, lowest height first.</param>
public sealed record BlockFilterHeadersMessage(byte FilterType, uint256 StopHash, uint256 PreviousHeader, IReadOnlyList<uint256> FilterHashes)
{
    /// <summary>Writes the payload: type (1) + stop hash (32) + previous header (32) + CompactSize count + 32 per hash.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(1 + 32 + 32 + 9 + (FilterHashes.Count * 32));
        writer.WriteByte(FilterType);
        writer.WriteUInt256(StopHash);
        writer.WriteUInt256(PreviousHeader);
        writer.WriteCompactSize((ulong)FilterHashes.Count);
        foreach (var hash in FilterHashes)
            writer.WriteUInt256(hash);
        return writer.ToArray();
    }

    /// <summary>Reads the payload; malformed data throws <see cref="SerializationException"/>.</summary>
    public static BlockFilterHeadersMessage Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        byte filterType = reader.ReadByte();
        var stopHash = reader.ReadUInt256();
        var previousHeader = reader.ReadUInt256();
        return new BlockFilterHeadersMessage(filterType, stopHash, previousHeader, ReadHashes(ref reader));
    }

    // The count is checked against what is left so a claimed count never allocates more than the payload holds.
    internal static List<uint256> ReadHashes(ref SpanReader reader)
    {
        ulong count = reader.ReadCompactSize();
        var hashes = new List<uint256>((int)Math.Min(count, (ulong)(reader.Remaining / 32)));
        for (ulong i = 0; i < count; i++)
            hashes.Add(reader.ReadUInt256());
        return hashes;
    }
}
