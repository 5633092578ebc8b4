namespace Capnp;

/// <summary>
/// Thrown by a server's dispatch for an interface or method it does not implement; the RPC layer answers it with
/// an exception of type "unimplemented", as the C++ library does.
/// </summary>
public sealed class UnimplementedMethodException : Exception
{
    /// <summary>Creates the exception for the given method.</summary>
    public UnimplementedMethodException(ulong interfaceId, ushort methodId)
        : base($"Method not implemented: interface 0x{interfaceId:x16}, method {methodId}.")
    {
        InterfaceId = interfaceId;
        MethodId = methodId;
    }

    /// <summary>The interface id of the call.</summary>
    public ulong InterfaceId { get; }

    /// <summary>The method ordinal of the call.</summary>
    public ushort MethodId { get; }
}
