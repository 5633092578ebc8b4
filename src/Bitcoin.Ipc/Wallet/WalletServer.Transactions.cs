using Bitcoin.Common.Psbt;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Wallet;

internal sealed partial class WalletServer
{
    // The order-form keys Core keeps a transaction's BIP21 messages and payment requests under.
    internal const string MessageKey = "Message";
    internal const string PaymentRequestKey = "PaymentRequest";

    public override ValueTask CreateTransactionAsync(CallContext<M.Wallet.CreateTransactionParams, M.Wallet.CreateTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var recipients = p.Recipients.Select(static r => WalletConversions.Read(r)).ToList();
            int? changePosition = p.ChangePos < 0 ? null : p.ChangePos;
            var result = impl.CreateTransaction(recipients, WalletConversions.Read(p.CoinControl), p.Sign, changePosition);
            var r = call.Results;
            var value = r.InitResult();
            if (result.Succeeded)
            {
                var created = result.Value!;
                value.Value.SetData(W.FromTransaction(created.Tx));
                r.Fee = created.Fee.Satoshi;
                r.ChangePos = created.ChangePosition ?? -1;
                r.FeeReason = (int)created.FeeReason;
            }
            else
            {
                CommonConversions.Write(result.Error!, value.InitError());
                r.ChangePos = -1;
            }
        });

    public override ValueTask CommitTransactionAsync(CallContext<M.Wallet.CommitTransactionParams, M.Wallet.CommitTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var messages = CommonConversions.ReadTextPairs(call.Params.OrderForm).Where(static e => e.Key == MessageKey).Select(static e => e.Value).ToList();
            impl.CommitTransaction(W.ToTransaction(call.Params.Tx), messages);
        });

    public override ValueTask TransactionCanBeAbandonedAsync(CallContext<M.Wallet.TransactionCanBeAbandonedParams, M.Wallet.TransactionCanBeAbandonedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TransactionCanBeAbandoned(W.ToHash(call.Params.Txid, "txid"));
        });

    public override ValueTask AbandonTransactionAsync(CallContext<M.Wallet.AbandonTransactionParams, M.Wallet.AbandonTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.AbandonTransaction(W.ToHash(call.Params.Txid, "txid"));
        });

    public override ValueTask TransactionCanBeBumpedAsync(CallContext<M.Wallet.TransactionCanBeBumpedParams, M.Wallet.TransactionCanBeBumpedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TransactionCanBeBumped(W.ToHash(call.Params.Txid, "txid"));
        });

    public override ValueTask CreateBumpTransactionAsync(CallContext<M.Wallet.CreateBumpTransactionParams, M.Wallet.CreateBumpTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.CreateBumpTransaction(W.ToHash(call.Params.Txid, "txid"), WalletConversions.Read(call.Params.CoinControl),
                out var errors, out var oldFee, out var newFee, out var bump);
            CommonConversions.Write(errors, r.InitErrors(errors.Count));
            r.OldFee = oldFee.Satoshi;
            r.NewFee = newFee.Satoshi;
            if (bump is not null) r.SetMtx(W.FromTransaction(bump));
        });

    public override ValueTask SignBumpTransactionAsync(CallContext<M.Wallet.SignBumpTransactionParams, M.Wallet.SignBumpTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            // Signed in place in Core: the transaction goes back in the results.
            var tx = W.ToTransaction(call.Params.Mtx);
            var r = call.Results;
            r.Result = impl.SignBumpTransaction(tx);
            r.SetMtx(W.FromTransaction(tx));
        });

    public override ValueTask CommitBumpTransactionAsync(CallContext<M.Wallet.CommitBumpTransactionParams, M.Wallet.CommitBumpTransactionResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.CommitBumpTransaction(W.ToHash(call.Params.Txid, "txid"), W.ToTransaction(call.Params.Mtx), out var errors, out var bumpedTxid);
            CommonConversions.Write(errors, r.InitErrors(errors.Count));
            if (bumpedTxid is not null) r.SetBumpedTxid(W.FromHash(bumpedTxid));
        });

    public override ValueTask GetTxAsync(CallContext<M.Wallet.GetTxParams, M.Wallet.GetTxResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            if (impl.GetTx(W.ToHash(call.Params.Txid, "txid")) is { } tx) call.Results.SetResult(W.FromTransaction(tx));
        });

    public override ValueTask GetWalletTxAsync(CallContext<M.Wallet.GetWalletTxParams, M.Wallet.GetWalletTxResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            if (impl.GetWalletTx(W.ToHash(call.Params.Txid, "txid")) is { } tx) WalletConversions.Write(tx, call.Results.InitResult());
        });

    public override ValueTask GetWalletTxsAsync(CallContext<M.Wallet.GetWalletTxsParams, M.Wallet.GetWalletTxsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var txs = impl.GetWalletTxs();
            var list = call.Results.InitResult(txs.Count);
            for (var i = 0; i < txs.Count; i++) WalletConversions.Write(txs[i], list[i]);
        });

    public override ValueTask TryGetTxStatusAsync(CallContext<M.Wallet.TryGetTxStatusParams, M.Wallet.TryGetTxStatusResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.TryGetTxStatus(W.ToHash(call.Params.Txid, "txid"), out var status, out var numBlocks, out var blockTime);
            if (status is not null) WalletConversions.Write(status, r.InitTxStatus());
            r.NumBlocks = numBlocks;
            r.BlockTime = blockTime;
        });

    public override ValueTask GetWalletTxDetailsAsync(CallContext<M.Wallet.GetWalletTxDetailsParams, M.Wallet.GetWalletTxDetailsResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var tx = impl.GetWalletTxDetails(W.ToHash(call.Params.Txid, "txid"), out var status, out var messages, out var paymentRequests,
                out var inMempool, out var numBlocks);
            var r = call.Results;
            if (tx is not null) WalletConversions.Write(tx, r.InitResult());
            if (status is not null) WalletConversions.Write(status, r.InitTxStatus());
            var orderForm = messages.Select(static m => new KeyValuePair<string, string>(MessageKey, m))
                .Concat(paymentRequests.Select(static m => new KeyValuePair<string, string>(PaymentRequestKey, m))).ToList();
            CommonConversions.WriteTextPairs(orderForm, r.InitOrderForm(orderForm.Count));
            r.InMempool = inMempool;
            r.NumBlocks = numBlocks;
        });

    public override ValueTask FillPSBTAsync(CallContext<M.Wallet.FillPSBTParams, M.Wallet.FillPSBTResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            if (!PsbtEncoding.TryDecode(p.Psbt.ToArray(), out var psbt, out var decodeError))
                throw new IpcFormatException($"The PSBT received does not decode: {decodeError}");
            var options = new PsbtFillOptions
            {
                Sign = p.Sign,
                SighashType = p.HasSighashType ? p.SighashType : null,
                Finalize = p.FinalizeInputs,
                Bip32Derivs = p.Bip32derivs,
            };
            var error = impl.FillPsbt(options, psbt, out var signedCount, out var complete);
            var r = call.Results;
            r.SetPsbt(PsbtEncoding.Serialize(psbt));
            r.NSigned = (ulong)signedCount;
            r.Complete = complete;
            r.Result = (int)(error ?? default);
            r.HasResult = error.HasValue;
        });

    public override ValueTask ExportWatchOnlyWalletAsync(CallContext<M.Wallet.ExportWatchOnlyWalletParams, M.Wallet.ExportWatchOnlyWalletResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var result = impl.ExportWatchOnlyWallet(System.Text.Encoding.UTF8.GetString(call.Params.Destination.Span));
            var value = call.Results.InitResult();
            if (result.Succeeded) value.Value.SetText(result.Value);
            else CommonConversions.Write(result.Error!, value.InitError());
        });
}
