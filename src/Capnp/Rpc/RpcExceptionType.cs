namespace Capnp.Rpc;

/// <summary>
/// What a Cap'n Proto exception says about how the caller may react (the protocol's <c>Exception.Type</c>; the values
/// are the wire values).
/// </summary>
public enum RpcExceptionType : ushort
{
    /// <summary>A problem that would happen again if the call were repeated unchanged.</summary>
    Failed = 0,

    /// <summary>The call was refused for a temporary lack of resources; retry much later.</summary>
    Overloaded = 1,

    /// <summary>A connection needed by the call was lost.</summary>
    Disconnected = 2,

    /// <summary>The callee does not implement the method (or the protocol feature).</summary>
    Unimplemented = 3,
}
