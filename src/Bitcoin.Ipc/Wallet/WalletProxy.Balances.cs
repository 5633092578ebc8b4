using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Wallet;

internal sealed partial class WalletProxy
{
    public WalletBalances GetBalances() => Ask(Client.GetBalancesRequest(), p => p.InitContext(), r => WalletConversions.Read(r.Result));

    public bool TryGetBalances(out WalletBalances? balances, out uint256? blockHash)
    {
        using var reply = Call(Client.TryGetBalancesRequest(), p => p.InitContext());
        var r = reply.Results;
        balances = r.HasBalances ? WalletConversions.Read(r.Balances) : null;
        blockHash = r.HasBlockHash ? W.ToOptionalHash(r.BlockHash, "block hash") : null;
        return r.Result;
    }

    public Money GetBalance() => Ask(Client.GetBalanceRequest(), p => p.InitContext(), r => Money.Satoshis(r.Result));

    public Money GetAvailableBalance(CoinControl coinControl)
    {
        var call = Client.GetAvailableBalanceRequest();
        WalletConversions.Write(coinControl, call.Params.InitCoinControl());
        using var reply = Call(call, p => p.InitContext());
        return Money.Satoshis(reply.Results.Result);
    }

    public bool TxinIsMine(TxIn txin)
    {
        var call = Client.TxinIsMineRequest();
        call.Params.SetTxin(W.FromTxIn(txin));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool TxoutIsMine(TxOut txout)
    {
        var call = Client.TxoutIsMineRequest();
        call.Params.SetTxout(W.FromTxOut(txout));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public Money GetDebit(TxIn txin)
    {
        var call = Client.GetDebitRequest();
        call.Params.SetTxin(W.FromTxIn(txin));
        using var reply = Call(call, p => p.InitContext());
        return Money.Satoshis(reply.Results.Result);
    }

    public Money GetCredit(TxOut txout)
    {
        var call = Client.GetCreditRequest();
        call.Params.SetTxout(W.FromTxOut(txout));
        using var reply = Call(call, p => p.InitContext());
        return Money.Satoshis(reply.Results.Result);
    }

    public IReadOnlyDictionary<TxDestination, IReadOnlyList<(OutPoint OutPoint, WalletTxOut Output)>> ListCoins()
    {
        using var reply = Call(Client.ListCoinsRequest(), p => p.InitContext());
        var coins = new Dictionary<TxDestination, IReadOnlyList<(OutPoint, WalletTxOut)>>();
        foreach (var entry in reply.Results.Result)
        {
            var destination = DestinationConversions.Read(entry.Key.GetStruct<M.TxDestination>());
            var items = StructListReader<M.Pair>.Create(entry.Value.GetList(ElementSize.InlineComposite));
            coins[destination] = items.Select(static i => (W.ToOutPoint(i.Key.GetData()), WalletConversions.Read(i.Value.GetStruct<M.WalletTxOut>()))).ToList();
        }

        return coins;
    }

    public IReadOnlyList<WalletTxOut> GetCoins(IReadOnlyList<OutPoint> outputs)
    {
        var call = Client.GetCoinsRequest();
        var list = call.Params.InitOutputs(outputs.Count);
        for (var i = 0; i < outputs.Count; i++) list.Set(i, W.FromOutPoint(outputs[i]));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result.Select(static o => WalletConversions.Read(o)).ToList();
    }

    public Money GetRequiredFee(uint txBytes)
    {
        var call = Client.GetRequiredFeeRequest();
        var p = call.Params;
        p.TxBytes = txBytes;
        using var reply = Call(call, q => q.InitContext());
        return Money.Satoshis(reply.Results.Result);
    }

    public Money GetMinimumFee(uint txBytes, CoinControl coinControl, out int? returnedTarget, out FeeReason reason)
    {
        var call = Client.GetMinimumFeeRequest();
        var p = call.Params;
        p.TxBytes = txBytes;
        WalletConversions.Write(coinControl, p.InitCoinControl());
        p.WantReturnedTarget = true;
        p.WantReason = true;
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        returnedTarget = r.HasReturnedTarget ? r.ReturnedTarget : null;
        reason = CommonConversions.ToEnum<FeeReason>(r.Reason, "fee reason");
        return Money.Satoshis(r.Result);
    }

    public uint GetConfirmTarget() => Ask(Client.GetConfirmTargetRequest(), p => p.InitContext(), r => r.Result);

    public bool HdEnabled() => Ask(Client.HdEnabledRequest(), p => p.InitContext(), r => r.Result);

    public bool CanGetAddresses() => Ask(Client.CanGetAddressesRequest(), p => p.InitContext(), r => r.Result);

    public bool PrivateKeysDisabled() => Ask(Client.PrivateKeysDisabledRequest(), p => p.InitContext(), r => r.Result);

    public bool TaprootEnabled() => Ask(Client.TaprootEnabledRequest(), p => p.InitContext(), r => r.Result);

    public bool HasExternalSigner() => Ask(Client.HasExternalSignerRequest(), p => p.InitContext(), r => r.Result);

    public OutputType GetDefaultAddressType() =>
        Ask(Client.GetDefaultAddressTypeRequest(), p => p.InitContext(), r => CommonConversions.ToEnum<OutputType>(r.Result, "output type"));

    public Money GetDefaultMaxTxFee() => Ask(Client.GetDefaultMaxTxFeeRequest(), p => p.InitContext(), r => Money.Satoshis(r.Result));

    public void Remove()
    {
        using var _ = Call(Client.RemoveRequest(), p => p.InitContext());
    }
}
