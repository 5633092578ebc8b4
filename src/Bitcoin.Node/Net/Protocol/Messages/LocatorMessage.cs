using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A getheaders or getblocks payload: a block locator and a stop hash (zero: as many as allowed).</summary>
/// <param name="Locator">Block hashes from the requester's tip backwards, densest near the tip.</param>
/// <param name="Stop">Hash to stop at, or zero.</param>
public sealed record LocatorMessage(IReadOnlyList<uint256> Locator, uint256 Stop)
{
    /// <summary>Writes the payload (the unused version field first, as Core does).</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(4 + 9 + (32 * Locator.Count) + 32);
        writer.WriteInt32(ProtocolVersion.Current);
        writer.WriteCompactSize((ulong)Locator.Count);
        foreach (var hash in Locator)
            writer.WriteUInt256(hash);
        writer.WriteUInt256(Stop);
        return writer.ToArray();
    }

    /// <summary>Reads the payload; the locator size is checked by the caller (Core disconnects above 101).</summary>
    public static LocatorMessage Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        reader.ReadUInt32();
        ulong count = reader.ReadCompactSize();
        var locator = new List<uint256>();
        for (ulong i = 0; i < count; i++)
            locator.Add(reader.ReadUInt256());
        return new LocatorMessage(locator, reader.ReadUInt256());
    }
}
