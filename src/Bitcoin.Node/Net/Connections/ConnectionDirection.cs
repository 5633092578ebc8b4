namespace Bitcoin.Node.Net.Connections;

/// <summary>Directions a -whitelist entry applies to, or that a connection count covers (Core's ConnectionDirection).</summary>
[Flags]
public enum ConnectionDirection
{
    /// <summary>Neither.</summary>
    None = 0,

    /// <summary>Inbound.</summary>
    In = 1 << 0,

    /// <summary>Outbound.</summary>
    Out = 1 << 1,

    /// <summary>Both.</summary>
    Both = In | Out,
}
