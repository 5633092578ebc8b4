using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves a <see cref="ITransactionChangedCallback"/> registered with the wallet from another process.</summary>
internal sealed class TransactionChangedCallbackServer(IpcServerObject<ITransactionChangedCallback> self) : M.TransactionChangedCallback.Server, IDisposable, ICapabilityServerFactory<M.TransactionChangedCallback.Client>
{
    private readonly ServerAdapter<ITransactionChangedCallback> _a = new(self);

    public M.TransactionChangedCallback.Client ToClient() => M.TransactionChangedCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.TransactionChangedCallback.DestroyParams, M.TransactionChangedCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.TransactionChangedCallback.CallParams, M.TransactionChangedCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.Call(WireSerialization.ToHash(call.Params.Txid, "txid"), CommonConversions.ToEnum<ChangeStatus>(call.Params.Status, "change type")));
}
