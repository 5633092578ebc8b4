namespace Capnp;

/// <summary>A call being built: its parameters live in the outgoing message (so they are never copied).</summary>
public interface IRequestHook : IDisposable
{
    /// <summary>The slot for the parameter struct, in the message that will be sent.</summary>
    AnyPointerBuilder Params { get; }

    /// <summary>Sends the call. The request must not be used afterwards (other than disposing it).</summary>
    IPromisedAnswer Send();
}
