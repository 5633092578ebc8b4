namespace Capnp.Rpc.Internal;

/// <summary>How exceptions cross the wire: what a server's exception becomes in a Return, and what a caller sees.</summary>
internal static class RpcErrors
{
    /// <summary>The type and reason sent for an exception a server threw.</summary>
    public static (RpcExceptionType Type, string Reason) ToWire(Exception exception) =>
        exception switch
        {
            RpcException rpc => (rpc.Type, rpc.Message),
            UnimplementedMethodException unimplemented => (RpcExceptionType.Unimplemented, unimplemented.Message),
            OperationCanceledException => (RpcExceptionType.Failed, "The call was cancelled."),
            _ => (RpcExceptionType.Failed, exception.Message),
        };

    /// <summary>The exception a caller sees for a call that failed in this process: the same typed exceptions a
    /// remote failure gives, with the server's own exception inside.</summary>
    public static Exception ForCaller(Exception exception) =>
        exception switch
        {
            RpcException or OperationCanceledException => exception,
            UnimplementedMethodException unimplemented => new RpcUnimplementedException(unimplemented.Message, unimplemented),
            _ => new RpcException(RpcExceptionType.Failed, exception.Message, exception),
        };

    /// <summary>Writes an exception into a protocol Exception struct.</summary>
    public static void Write(Exception exception, Protocol.Exception.Builder builder)
    {
        var (type, reason) = ToWire(exception);
        builder.SetReason(reason);
        builder.Type_ = (Protocol.Exception.Type)type;
        if (exception is RpcException { RemoteTrace: { } trace })
            builder.SetTrace(trace);
    }

    /// <summary>The typed exception for a received protocol Exception struct.</summary>
    public static RpcException Read(Protocol.Exception exception)
    {
        var type = (ushort)exception.Type_ <= (ushort)RpcExceptionType.Unimplemented
            ? (RpcExceptionType)exception.Type_
            : RpcExceptionType.Failed;
        return RpcException.Create(type, exception.Reason.ToString(), exception.HasTrace ? exception.Trace.ToString() : null);
    }
}
