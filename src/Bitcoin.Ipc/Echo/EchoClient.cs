using Bitcoin.Interfaces;
using Multiprocess;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>An <see cref="IEcho"/> in the peer process, called over <paramref name="connection"/>.</summary>
internal sealed class EchoClient(IpcConnection connection, Messages.Echo.Client client) : IEcho
{
    private int _disposed;

    /// <inheritdoc/>
    public string Echo(string echo)
    {
        ArgumentNullException.ThrowIfNull(echo);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var request = client.EchoRequest();
        request.Params.SetEcho(echo);
        using var response = connection.Call(request, p => p.InitContext());
        return response.Results.Result.ToString();
    }

    /// <summary>Calls <c>destroy</c> on the peer's object (unless the connection is gone) and drops the reference.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        ClientDestroy.Run(connection, () =>
        {
            using var response = connection.Call(client.DestroyRequest(), p => p.InitContext());
        });
        client.Dispose();
    }
}
