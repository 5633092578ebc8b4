using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>The wallet's side of a <see cref="ITransactionChangedCallback"/> another process registered: each call crosses back.</summary>
internal sealed class TransactionChangedCallbackProxy(IpcConnection connection, M.TransactionChangedCallback.Client client) : CapabilityProxy<M.TransactionChangedCallback.Client>(connection, client), ITransactionChangedCallback
{
    public void Call(uint256 txid, ChangeStatus status)
    {
        var call = Client.CallRequest();
        var p = call.Params;
        p.SetTxid(WireSerialization.FromHash(txid));
        p.Status = (int)status;
        using var _ = Call(call, q => q.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
