using Capnp;
using Multiprocess;

namespace Bitcoin.Ipc.Conversions;

/// <summary>Turns C# objects into capabilities to send, and received capabilities into C# objects.</summary>
internal static class Capabilities
{
    /// <summary>
    /// A capability for <paramref name="impl"/> to send over <paramref name="connection"/> (the caller disposes it
    /// after putting it in a message): the peer's own capability when <paramref name="impl"/> is a proxy of it, else
    /// a new server adopted by the connection. <paramref name="owned"/> says whether the connection disposes
    /// <paramref name="impl"/> when the peer destroys or releases it (true for objects handed over, false for
    /// callbacks the caller keeps).
    /// </summary>
    public static TClient Export<TImpl, TClient>(IpcConnection connection, TImpl impl, bool owned, Func<IpcServerObject<TImpl>, ICapabilityServerFactory<TClient>> makeServer)
        where TImpl : class
        where TClient : struct, ICapabilityClient<TClient>
    {
        ArgumentNullException.ThrowIfNull(impl);
        if (impl is IIpcProxy proxy && ReferenceEquals(proxy.Connection, connection))
            return TClient.Create(proxy.Hook.AddRef());
        return makeServer(connection.Adopt(impl, owned)).ToClient();
    }
}

/// <summary>A server adapter that can make the client of itself.</summary>
/// <typeparam name="TClient">The generated client.</typeparam>
internal interface ICapabilityServerFactory<TClient>
    where TClient : struct, ICapabilityClient<TClient>
{
    /// <summary>A new reference to this server.</summary>
    TClient ToClient();
}
