using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Wallet;

internal sealed partial class WalletServer
{
    public override ValueTask GetBalancesAsync(CallContext<M.Wallet.GetBalancesParams, M.Wallet.GetBalancesResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => WalletConversions.Write(impl.GetBalances(), call.Results.InitResult()));

    public override ValueTask TryGetBalancesAsync(CallContext<M.Wallet.TryGetBalancesParams, M.Wallet.TryGetBalancesResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TryGetBalances(out var balances, out var blockHash);
            if (balances is not null) WalletConversions.Write(balances, r.InitBalances());
            if (blockHash is not null) r.SetBlockHash(W.FromHash(blockHash));
        });

    public override ValueTask GetBalanceAsync(CallContext<M.Wallet.GetBalanceParams, M.Wallet.GetBalanceResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetBalance().Satoshi;
        });

    public override ValueTask GetAvailableBalanceAsync(CallContext<M.Wallet.GetAvailableBalanceParams, M.Wallet.GetAvailableBalanceResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetAvailableBalance(WalletConversions.Read(call.Params.CoinControl)).Satoshi;
        });

    public override ValueTask TxinIsMineAsync(CallContext<M.Wallet.TxinIsMineParams, M.Wallet.TxinIsMineResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TxinIsMine(W.ToTxIn(call.Params.Txin));
        });

    public override ValueTask TxoutIsMineAsync(CallContext<M.Wallet.TxoutIsMineParams, M.Wallet.TxoutIsMineResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TxoutIsMine(W.ToTxOut(call.Params.Txout));
        });

    public override ValueTask GetDebitAsync(CallContext<M.Wallet.GetDebitParams, M.Wallet.GetDebitResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetDebit(W.ToTxIn(call.Params.Txin)).Satoshi;
        });

    public override ValueTask GetCreditAsync(CallContext<M.Wallet.GetCreditParams, M.Wallet.GetCreditResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetCredit(W.ToTxOut(call.Params.Txout)).Satoshi;
        });

    public override ValueTask ListCoinsAsync(CallContext<M.Wallet.ListCoinsParams, M.Wallet.ListCoinsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var coins = impl.ListCoins();
            var list = call.Results.InitResult(coins.Count);
            var i = 0;
            foreach (var (destination, outputs) in coins)
            {
                var entry = list[i++];
                DestinationConversions.Write(destination, entry.Key.InitStruct<M.TxDestination.Builder>());
                var items = StructListBuilder<M.Pair.Builder>.Init(entry.Value, outputs.Count);
                for (var j = 0; j < outputs.Count; j++)
                {
                    items[j].Key.SetData(W.FromOutPoint(outputs[j].OutPoint));
                    WalletConversions.Write(outputs[j].Output, items[j].Value.InitStruct<M.WalletTxOut.Builder>());
                }
            }
        });

    public override ValueTask GetCoinsAsync(CallContext<M.Wallet.GetCoinsParams, M.Wallet.GetCoinsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var coins = impl.GetCoins(call.Params.Outputs.Select(static o => W.ToOutPoint(o)).ToList());
            var list = call.Results.InitResult(coins.Count);
            for (var i = 0; i < coins.Count; i++) WalletConversions.Write(coins[i], list[i]);
        });

    public override ValueTask GetRequiredFeeAsync(CallContext<M.Wallet.GetRequiredFeeParams, M.Wallet.GetRequiredFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetRequiredFee(call.Params.TxBytes).Satoshi;
        });

    public override ValueTask GetMinimumFeeAsync(CallContext<M.Wallet.GetMinimumFeeParams, M.Wallet.GetMinimumFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetMinimumFee(call.Params.TxBytes, WalletConversions.Read(call.Params.CoinControl), out var returnedTarget, out var reason).Satoshi;
            r.ReturnedTarget = returnedTarget ?? 0;
            r.HasReturnedTarget = returnedTarget.HasValue;
            r.Reason = (int)reason;
        });

    public override ValueTask GetConfirmTargetAsync(CallContext<M.Wallet.GetConfirmTargetParams, M.Wallet.GetConfirmTargetResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetConfirmTarget();
        });

    public override ValueTask HdEnabledAsync(CallContext<M.Wallet.HdEnabledParams, M.Wallet.HdEnabledResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HdEnabled();
        });

    public override ValueTask CanGetAddressesAsync(CallContext<M.Wallet.CanGetAddressesParams, M.Wallet.CanGetAddressesResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.CanGetAddresses();
        });

    public override ValueTask PrivateKeysDisabledAsync(CallContext<M.Wallet.PrivateKeysDisabledParams, M.Wallet.PrivateKeysDisabledResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.PrivateKeysDisabled();
        });

    public override ValueTask TaprootEnabledAsync(CallContext<M.Wallet.TaprootEnabledParams, M.Wallet.TaprootEnabledResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TaprootEnabled();
        });

    public override ValueTask HasExternalSignerAsync(CallContext<M.Wallet.HasExternalSignerParams, M.Wallet.HasExternalSignerResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HasExternalSigner();
        });

    public override ValueTask GetDefaultAddressTypeAsync(CallContext<M.Wallet.GetDefaultAddressTypeParams, M.Wallet.GetDefaultAddressTypeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = (int)impl.GetDefaultAddressType();
        });

    public override ValueTask GetDefaultMaxTxFeeAsync(CallContext<M.Wallet.GetDefaultMaxTxFeeParams, M.Wallet.GetDefaultMaxTxFeeResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GetDefaultMaxTxFee().Satoshi;
        });

    public override ValueTask RemoveAsync(CallContext<M.Wallet.RemoveParams, M.Wallet.RemoveResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Remove());
}
