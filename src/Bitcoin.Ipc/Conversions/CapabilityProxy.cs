using Capnp;
using Capnp.Rpc;
using Multiprocess;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// Base of the client proxies: a C# interface implemented by calls on a capability of the peer. Holds one
/// reference to the capability; <see cref="Dispose"/> sends the interface's <c>destroy</c> (when it has one) and
/// drops the reference, once.
/// </summary>
/// <typeparam name="TClient">The generated client.</typeparam>
internal abstract class CapabilityProxy<TClient> : IIpcProxy, IDisposable
    where TClient : struct, ICapabilityClient<TClient>
{
    // _disposed: 0 live, 1 destroying (the destroy call still uses the capability), 2 released.
    private const int Destroying = 1;
    private const int Released = 2;
    private TClient _client;
    private int _disposed;

    protected CapabilityProxy(IpcConnection connection, TClient client)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (client.Hook is null) throw new ArgumentException("A proxy needs a capability.", nameof(client));
        Connection = connection;
        _client = client;
    }

    /// <summary>The connection the capability lives on.</summary>
    public IpcConnection Connection { get; }

    /// <summary>The capability (valid until disposed).</summary>
    protected TClient Client => Volatile.Read(ref _disposed) != Released ? _client : throw new ObjectDisposedException(GetType().Name);

    IClientHook IIpcProxy.Hook => Client.Hook!;

    /// <summary>Makes a call whose parameters carry a Context and waits for it on this thread.</summary>
    protected Response<TResults> Call<TParams, TResults>(Request<TParams, TResults> request, Func<TParams, Multiprocess.Capnp.Context.Builder> context)
        where TParams : struct, IStructBuilder<TParams>
        where TResults : struct, IStructReader<TResults>
        => Connection.Call(request, context);

    /// <summary>Sends <c>destroy</c>, unless the interface has none or the connection is gone.</summary>
    protected virtual void Destroy()
    {
    }

    /// <summary>Destroys the remote object (if the connection is still up) and drops the reference.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _disposed, Destroying, 0) != 0) return;
        try
        {
            if (Connection.IsConnected) Destroy();
        }
        catch (RpcException)
        {
            // The peer went away meanwhile: it released the object with the connection.
        }
        finally
        {
            Volatile.Write(ref _disposed, Released);
            _client.Hook?.Dispose();
        }
    }
}
