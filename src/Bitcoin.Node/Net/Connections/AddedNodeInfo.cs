using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>The state of an added node (Core's AddedNodeInfo, for getaddednodeinfo).</summary>
/// <param name="Params">The entry.</param>
/// <param name="ResolvedAddress">The address we are connected to, when connected.</param>
/// <param name="Connected">Whether a connection exists.</param>
/// <param name="Inbound">Whether that connection is inbound.</param>
public sealed record AddedNodeInfo(AddedNodeParams Params, ServiceAddress? ResolvedAddress, bool Connected, bool Inbound);
