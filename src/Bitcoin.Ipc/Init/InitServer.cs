using Bitcoin.Interfaces;
using Capnp;
using Multiprocess;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>
/// Serves an <see cref="IInit"/> as the bootstrap capability of one connection (the IPC <c>Init</c> interface):
/// <c>construct</c> exchanges thread maps; each <c>make*</c> method runs on the caller's mapped thread and answers with a
/// new object served over the same connection, or a null capability when the process does not provide that
/// interface (as Core's Init answers with a null pointer).
/// </summary>
internal sealed partial class InitServer : Messages.Init.Server, IDisposable
{
    /// <summary>Core's message for the retired <c>makeMiningOld2</c> (@2).</summary>
    internal const string OldMiningMessage = "Old mining interface (@2) not supported. Please update your client!";

    private readonly IpcServerObject<IInit> _self;

    public InitServer(IpcServerObject<IInit> self) => _self = self;

    /// <inheritdoc/>
    public override ValueTask ConstructAsync(CallContext<Messages.Init.ConstructParams, Messages.Init.ConstructResults.Builder> context,
        CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.ThreadMap = _self.Connection.AcceptThreadMap(context.Params.ThreadMap);
        return default;
    }

    /// <inheritdoc/>
    public override ValueTask MakeEchoAsync(CallContext<Messages.Init.MakeEchoParams, Messages.Init.MakeEchoResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            if (_self.Impl.MakeEcho() is not { } echo)
                return;
            using var client = Messages.Echo.Client.FromServer(new EchoServer(call.Connection.Adopt(echo)));
            var results = call.Results;
            results.Result = client;
        });

    /// <inheritdoc/>
    public override ValueTask MakeRpcAsync(CallContext<Messages.Init.MakeRpcParams, Messages.Init.MakeRpcResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            if (_self.Impl.MakeRpc() is not { } rpc)
                return;
            using var client = Messages.Rpc.Client.FromServer(new RpcServer(call.Connection.Adopt(rpc)));
            var results = call.Results;
            results.Result = client;
        });

    /// <summary>
    /// Answers with a null capability: Bitcoin.Interfaces has no mining interface yet, and a null result is what Core's
    /// Init gives for an interface the process does not provide.
    /// </summary>
    public override ValueTask MakeMiningAsync(CallContext<Messages.Init.MakeMiningParams, Messages.Init.MakeMiningResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => { });

    /// <summary>The retired method (@2): fails with Core's message so an old client learns why.</summary>
    public override ValueTask MakeMiningOld2Async(CallContext<Messages.Init.MakeMiningOld2Params, Messages.Init.MakeMiningOld2Results.Builder> context,
        CancellationToken cancellationToken) =>
        ValueTask.FromException(new InvalidOperationException(OldMiningMessage));

    /// <summary>The connection ended or the peer released the Init: the shared implementation stays (it is not owned).</summary>
    public void Dispose() => _self.Dispose();
}
