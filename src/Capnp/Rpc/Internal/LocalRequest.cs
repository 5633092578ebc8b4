namespace Capnp.Rpc.Internal;

/// <summary>A call to a capability served in this process (or queued on a local promise): the parameters are built
/// in a message of their own and handed to the call as they are.</summary>
internal sealed class LocalRequest : IRequestHook
{
    private readonly ulong _interfaceId;
    private readonly ushort _methodId;
    private CapNode? _target;
    private MessageBuilder? _params = new();

    /// <summary>A request to <paramref name="target"/>, which it references until sent or dropped.</summary>
    public LocalRequest(CapNode target, ulong interfaceId, ushort methodId)
    {
        target.AddRef();
        _target = target;
        _interfaceId = interfaceId;
        _methodId = methodId;
    }

    public AnyPointerBuilder Params =>
        (_params ?? throw new InvalidOperationException("The request has already been sent.")).Root;

    public IPromisedAnswer Send()
    {
        var message = _params ?? throw new InvalidOperationException("The request has already been sent.");
        var target = _target!;
        _params = null;
        _target = null;
        var call = new LocalCall(_interfaceId, _methodId, message);
        var answer = new LocalAnswer(call);
        try
        {
            target.Deliver(call);
        }
        finally
        {
            target.Release();
        }

        return answer;
    }

    public void Dispose()
    {
        _params?.Dispose();
        _params = null;
        var target = _target;
        _target = null;
        target?.Release();
    }
}
