using Bitcoin.Common.Json;
using Bitcoin.Interfaces;
using Capnp;
using Multiprocess;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>
/// Serves an <see cref="IRpc"/> to the peer of one connection (the IPC <c>Rpc</c> interface): the request and the
/// reply travel as JSON text, as Core's converters write UniValue. Text that is not JSON is executed as a null
/// request, so it gets the node's "Top-level object parse error" reply, as in Core.
/// </summary>
internal sealed class RpcServer : Messages.Rpc.Server, IDisposable
{
    private readonly IpcServerObject<IRpc> _self;

    public RpcServer(IpcServerObject<IRpc> self) => _self = self;

    /// <inheritdoc/>
    public override ValueTask ExecuteRpcAsync(CallContext<Messages.Rpc.ExecuteRpcParams, Messages.Rpc.ExecuteRpcResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            var p = call.Params;
            JsonText.TryParse(p.Request.Span, out var request);
            var reply = _self.Impl.ExecuteRpc(request, p.Uri.ToString(), p.User.ToString());
            call.Results.SetResult(JsonText.Write(reply));
        });

    /// <summary>The peer released its last reference: the implementation goes too.</summary>
    public void Dispose() => _self.Dispose();
}
