namespace Bitcoin.Node.Net.Protocol;

/// <summary>A complete message read off the wire (Core's CNetMessage).</summary>
/// <param name="Type">The message type.</param>
/// <param name="Payload">The payload (exactly its length).</param>
/// <param name="TimeMicros">When the last byte arrived, in microseconds since the epoch on the node's (mockable) clock.</param>
public sealed record ReceivedMessage(string Type, byte[] Payload, long TimeMicros)
{
    /// <summary>Bytes on the wire, header included.</summary>
    public int RawSize => Payload.Length + MessageHeader.Size;

    /// <summary>Memory accounted for in the receive queue (Core's GetMemoryUsage, roughly).</summary>
    public long MemoryUsage => Payload.Length + 96;
}
