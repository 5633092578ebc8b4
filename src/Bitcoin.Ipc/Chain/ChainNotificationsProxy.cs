using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

/// <summary>The node's side of a client's notifications: each event is a call into the client process.</summary>
internal sealed class ChainNotificationsProxy(IpcConnection connection, M.ChainNotifications.Client client) : CapabilityProxy<M.ChainNotifications.Client>(connection, client), IChainNotifications
{
    public void TransactionAddedToMempool(Transaction tx)
    {
        var call = Client.TransactionAddedToMempoolRequest();
        call.Params.SetTx(W.FromTransaction(tx));
        using var _ = Call(call, p => p.InitContext());
    }

    public void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason)
    {
        var call = Client.TransactionRemovedFromMempoolRequest();
        var p = call.Params;
        p.SetTx(W.FromTransaction(tx));
        p.Reason = (int)reason;
        using var _ = Call(call, q => q.InitContext());
    }

    public void BlockConnected(ChainstateRole role, BlockInfo block)
    {
        var call = Client.BlockConnectedRequest();
        ChainConversions.Write(role, call.Params.InitRole());
        ChainConversions.Write(block, call.Params.InitBlock());
        using var _ = Call(call, p => p.InitContext());
    }

    public void BlockDisconnected(BlockInfo block)
    {
        var call = Client.BlockDisconnectedRequest();
        ChainConversions.Write(block, call.Params.InitBlock());
        using var _ = Call(call, p => p.InitContext());
    }

    public void UpdatedBlockTip()
    {
        using var _ = Call(Client.UpdatedBlockTipRequest(), p => p.InitContext());
    }

    public void ChainStateFlushed(ChainstateRole role, BlockLocator locator)
    {
        var call = Client.ChainStateFlushedRequest();
        ChainConversions.Write(role, call.Params.InitRole());
        call.Params.SetLocator(W.FromLocator(locator));
        using var _ = Call(call, p => p.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
