namespace Capnp;

/// <summary>
/// A reference to a capability, as the RPC layer implements it (a local server, an imported remote object, a
/// promise, a broken capability). Generated clients start calls through it; cap pointers in messages resolve to
/// it through the message's capability table. Each reference is disposed on its own: disposing drops this
/// reference, and the capability is released when its last reference is dropped.
/// </summary>
public interface IClientHook : IDisposable
{
    /// <summary>Starts a call to method <paramref name="methodId"/> of interface <paramref name="interfaceId"/>;
    /// the caller fills <see cref="IRequestHook.Params"/> and then sends.</summary>
    IRequestHook NewCall(ulong interfaceId, ushort methodId);

    /// <summary>
    /// Another reference to the same capability, disposed on its own. Messages take one when a capability is put in
    /// them and readers hand one out each time a capability is read. A hook that is not reference counted (its
    /// <see cref="IDisposable.Dispose"/> does nothing) may return itself, which is what the default does.
    /// </summary>
    IClientHook AddRef() => this;
}
