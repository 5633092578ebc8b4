using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A getcfcheckpt payload (BIP157): the filter type and the block whose ancestors' checkpoint filter headers are wanted.</summary>
/// <param name="FilterType">The filter type byte as sent (0 is BIP158 basic).</param>
/// <param name="StopHash">The last block of the chain the checkpoints (every 1000th block) are taken from.</param>
public sealed record BlockFilterCheckpointRequest(byte FilterType, uint256 StopHash)
{
    /// <summary>Size of the payload: type (1) + stop hash (32).</summary>
    public const int Size = 1 + 32;

    /// <summary>Writes the payload.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(Size);
        writer.WriteByte(FilterType);
        writer.WriteUInt256(StopHash);
        return writer.ToArray();
    }

    /// <summary>Reads the payload; a short payload throws <see cref="SerializationException"/> ("end of data"), extra bytes are ignored as Core does.</summary>
    public static BlockFilterCheckpointRequest Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        byte filterType = reader.ReadByte();
        var stopHash = reader.ReadUInt256();
        return new BlockFilterCheckpointRequest(filterType, stopHash);
    }
}
