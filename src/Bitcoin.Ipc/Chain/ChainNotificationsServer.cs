using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

/// <summary>Serves a client's <see cref="IChainNotifications"/> to the node.</summary>
internal sealed class ChainNotificationsServer(IpcServerObject<IChainNotifications> self) : M.ChainNotifications.Server, IDisposable, ICapabilityServerFactory<M.ChainNotifications.Client>
{
    private readonly ServerAdapter<IChainNotifications> _a = new(self);

    public M.ChainNotifications.Client ToClient() => M.ChainNotifications.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.ChainNotifications.DestroyParams, M.ChainNotifications.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask TransactionAddedToMempoolAsync(CallContext<M.ChainNotifications.TransactionAddedToMempoolParams, M.ChainNotifications.TransactionAddedToMempoolResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.TransactionAddedToMempool(W.ToTransaction(call.Params.Tx)));

    public override ValueTask TransactionRemovedFromMempoolAsync(CallContext<M.ChainNotifications.TransactionRemovedFromMempoolParams, M.ChainNotifications.TransactionRemovedFromMempoolResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            impl.TransactionRemovedFromMempool(W.ToTransaction(call.Params.Tx), CommonConversions.ToEnum<MempoolRemovalReason>(call.Params.Reason, "mempool removal reason")));

    public override ValueTask BlockConnectedAsync(CallContext<M.ChainNotifications.BlockConnectedParams, M.ChainNotifications.BlockConnectedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            impl.BlockConnected(ChainConversions.Read(call.Params.Role), ChainConversions.Read(call.Params.Block)));

    public override ValueTask BlockDisconnectedAsync(CallContext<M.ChainNotifications.BlockDisconnectedParams, M.ChainNotifications.BlockDisconnectedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.BlockDisconnected(ChainConversions.Read(call.Params.Block)));

    public override ValueTask UpdatedBlockTipAsync(CallContext<M.ChainNotifications.UpdatedBlockTipParams, M.ChainNotifications.UpdatedBlockTipResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.UpdatedBlockTip());

    public override ValueTask ChainStateFlushedAsync(CallContext<M.ChainNotifications.ChainStateFlushedParams, M.ChainNotifications.ChainStateFlushedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            impl.ChainStateFlushed(ChainConversions.Read(call.Params.Role), W.ToLocator(call.Params.Locator)));
}
