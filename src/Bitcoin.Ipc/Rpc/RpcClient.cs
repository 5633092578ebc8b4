using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Interfaces;
using Multiprocess;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>An <see cref="IRpc"/> in the peer process (bitcoin-node), called over <paramref name="connection"/>.</summary>
internal sealed class RpcClient(IpcConnection connection, Messages.Rpc.Client client) : IRpc
{
    private int _disposed;

    /// <inheritdoc/>
    public JsonNode? ExecuteRpc(JsonNode? request, string uri, string user)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(user);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var call = client.ExecuteRpcRequest();
        var p = call.Params;
        p.SetRequest(JsonText.Write(request));
        p.SetUri(uri);
        p.SetUser(user);
        using var response = connection.Call(call, q => q.InitContext());
        var text = response.Results.Result.ToString();
        if (!JsonText.TryParse(text, out var reply))
            throw new InvalidDataException("The IPC server answered executeRpc with text that is not JSON.");
        return reply;
    }

    /// <summary>Drops the reference (the Rpc interface has no <c>destroy</c>: releasing it frees the server's object).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            client.Dispose();
    }
}
