using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A cfcheckpt payload (BIP157): the filter headers at every 1000th height of the chain ending at <paramref name="StopHash"/>.</summary>
/// <param name="FilterType">The filter type byte (0 is BIP158 basic).</param>
/// <param name="StopHash">The last block of the chain the checkpoints were taken from.</param>
/// <param name="Headers">The filter headers at heights 1000, 2000, ... up to the stop block's height.</param>
public sealed record BlockFilterCheckpointMessage(byte FilterType, uint256 StopHash, IReadOnlyList<uint256> Headers)
{
    /// <summary>Writes the payload: type (1) + stop hash (32) + CompactSize count + 32 per header.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(1 + 32 + 9 + (Headers.Count * 32));
        writer.WriteByte(FilterType);
        writer.WriteUInt256(StopHash);
        writer.WriteCompactSize((ulong)Headers.Count);
        foreach (var header in Headers)
            writer.WriteUInt256(header);
        return writer.ToArray();
    }

    /// <summary>Reads the payload; malformed data throws <see cref="SerializationException"/>.</summary>
    public static BlockFilterCheckpointMessage Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        byte filterType = reader.ReadByte();
        var stopHash = reader.ReadUInt256();
        return new BlockFilterCheckpointMessage(filterType, stopHash, BlockFilterHeadersMessage.ReadHashes(ref reader));
    }
}
