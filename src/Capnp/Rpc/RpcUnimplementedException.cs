namespace Capnp.Rpc;

/// <summary>The callee does not implement the method or message (type <see cref="RpcExceptionType.Unimplemented"/>).</summary>
public sealed class RpcUnimplementedException : RpcException
{
    /// <summary>Creates the exception with the reason given.</summary>
    public RpcUnimplementedException(string reason, Exception? innerException = null)
        : base(RpcExceptionType.Unimplemented, reason, innerException)
    {
    }
}
