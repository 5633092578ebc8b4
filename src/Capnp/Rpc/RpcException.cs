namespace Capnp.Rpc;

/// <summary>
/// An error carried as a Cap'n Proto exception: thrown to a caller whose call failed remotely (or on this side's
/// connection), and sent to the caller when a server throws it. Servers may throw any exception; one that is not an
/// <see cref="RpcException"/> travels as type <see cref="RpcExceptionType.Failed"/> with its message as the reason.
/// </summary>
public class RpcException : Exception
{
    /// <summary>Creates an exception of type <see cref="RpcExceptionType.Failed"/>.</summary>
    public RpcException(string reason)
        : this(RpcExceptionType.Failed, reason)
    {
    }

    /// <summary>Creates an exception of the given type.</summary>
    public RpcException(RpcExceptionType type, string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
        Type = type;
    }

    /// <summary>What the error means for the caller.</summary>
    public RpcExceptionType Type { get; }

    /// <summary>The stack trace the remote side sent, if any (the protocol's <c>Exception.trace</c>).</summary>
    public string? RemoteTrace { get; init; }

    /// <summary>The typed exception for a Cap'n Proto exception of <paramref name="type"/>.</summary>
    public static RpcException Create(RpcExceptionType type, string reason, string? remoteTrace = null) =>
        type switch
        {
            RpcExceptionType.Overloaded => new RpcOverloadedException(reason) { RemoteTrace = remoteTrace },
            RpcExceptionType.Disconnected => new RpcDisconnectedException(reason) { RemoteTrace = remoteTrace },
            RpcExceptionType.Unimplemented => new RpcUnimplementedException(reason) { RemoteTrace = remoteTrace },
            _ => new RpcException(RpcExceptionType.Failed, reason) { RemoteTrace = remoteTrace },
        };
}
