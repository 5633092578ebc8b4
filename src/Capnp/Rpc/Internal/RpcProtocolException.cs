namespace Capnp.Rpc.Internal;

/// <summary>The peer broke the protocol: the connection is aborted with this reason.</summary>
internal sealed class RpcProtocolException(string reason) : Exception(reason);
