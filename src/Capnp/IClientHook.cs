namespace Capnp;

/// <summary>
/// A reference to a capability, as the RPC layer implements it (a local server, an imported remote object, a
/// promise, a broken capability). Generated clients start calls through it; cap pointers in messages resolve to
/// it through the message's capability table. Disposing drops this reference.
/// </summary>
public interface IClientHook : IDisposable
{
    /// <summary>Starts a call to method <paramref name="methodId"/> of interface <paramref name="interfaceId"/>;
    /// the caller fills <see cref="IRequestHook.Params"/> and then sends.</summary>
    IRequestHook NewCall(ulong interfaceId, ushort methodId);
}
