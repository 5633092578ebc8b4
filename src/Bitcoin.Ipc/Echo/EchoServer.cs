using Bitcoin.Interfaces;
using Capnp;
using Multiprocess;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>Serves an <see cref="IEcho"/> to the peer of one connection (the IPC <c>Echo</c> interface).</summary>
internal sealed class EchoServer : Messages.Echo.Server, IDisposable
{
    private readonly IpcServerObject<IEcho> _self;

    public EchoServer(IpcServerObject<IEcho> self) => _self = self;

    /// <inheritdoc/>
    public override ValueTask DestroyAsync(CallContext<Messages.Echo.DestroyParams, Messages.Echo.DestroyResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => _self.Destroy());

    /// <inheritdoc/>
    public override ValueTask EchoAsync(CallContext<Messages.Echo.EchoParams, Messages.Echo.EchoResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken,
            call => call.Results.SetResult(_self.Impl.Echo(call.Params.Echo.ToString())));

    /// <summary>The peer released its last reference: the implementation goes too.</summary>
    public void Dispose() => _self.Dispose();
}
