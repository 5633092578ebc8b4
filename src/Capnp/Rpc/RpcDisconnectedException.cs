namespace Capnp.Rpc;

/// <summary>A connection needed by the call was lost (type <see cref="RpcExceptionType.Disconnected"/>): every call pending on a connection that closes fails with it.</summary>
public sealed class RpcDisconnectedException : RpcException
{
    /// <summary>Creates the exception with the reason given.</summary>
    public RpcDisconnectedException(string reason, Exception? innerException = null)
        : base(RpcExceptionType.Disconnected, reason, innerException)
    {
    }
}
