namespace Bitcoin.Node.Net.Connections;

/// <summary>A message waiting in a peer's send queue (Core's CSerializedNetMsg).</summary>
/// <param name="Type">The message type.</param>
/// <param name="Payload">The payload.</param>
public sealed record OutgoingMessage(string Type, byte[] Payload)
{
    /// <summary>Memory accounted for against -maxsendbuffer.</summary>
    public long MemoryUsage => Payload.Length + 64;
}
