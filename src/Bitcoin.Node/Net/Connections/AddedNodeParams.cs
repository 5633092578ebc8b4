namespace Bitcoin.Node.Net.Connections;

/// <summary>An -addnode / addnode "add" entry (Core's AddedNodeParams).</summary>
/// <param name="Node">The address or name as given.</param>
/// <param name="UseV2Transport">Whether to try BIP324 v2 first (falling back to v1 if the peer drops the attempt).</param>
public sealed record AddedNodeParams(string Node, bool UseV2Transport);
