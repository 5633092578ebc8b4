using Capnp.Rpc.Protocol;

namespace Capnp.Rpc.Internal;

/// <summary>A call to a capability of a connection: the parameters are built straight into the Call message.</summary>
internal sealed class RpcRequest : IRequestHook
{
    private RpcNode? _target;
    private MessageBuilder? _message;

    /// <summary>A request to <paramref name="target"/>, which it references until sent or dropped.</summary>
    public RpcRequest(RpcNode target, ulong interfaceId, ushort methodId)
    {
        target.AddRef();
        _target = target;
        InterfaceId = interfaceId;
        MethodId = methodId;
        _message = new MessageBuilder();
        var call = _message.InitRoot<Message.Builder>().InitCall();
        call.InterfaceId = interfaceId;
        call.MethodId = methodId;
        Call = call;
        Payload = call.InitParams();
    }

    public ulong InterfaceId { get; }

    public ushort MethodId { get; }

    public Call.Builder Call { get; }

    public Payload.Builder Payload { get; }

    public AnyPointerBuilder Params =>
        _message is null ? throw new InvalidOperationException("The request has already been sent.") : Payload.Content;

    public IPromisedAnswer Send()
    {
        var message = _message ?? throw new InvalidOperationException("The request has already been sent.");
        var target = _target!;
        _message = null;
        _target = null;
        try
        {
            return target.Conn.SendCall(this, message, target);
        }
        finally
        {
            target.Release();
        }
    }

    public void Dispose()
    {
        _message?.Dispose();
        _message = null;
        var target = _target;
        _target = null;
        target?.Release();
    }
}
