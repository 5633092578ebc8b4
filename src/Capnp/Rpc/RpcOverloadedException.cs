namespace Capnp.Rpc;

/// <summary>The callee refused the call for a temporary lack of resources (type <see cref="RpcExceptionType.Overloaded"/>).</summary>
public sealed class RpcOverloadedException : RpcException
{
    /// <summary>Creates the exception with the reason given.</summary>
    public RpcOverloadedException(string reason, Exception? innerException = null)
        : base(RpcExceptionType.Overloaded, reason, innerException)
    {
    }
}
