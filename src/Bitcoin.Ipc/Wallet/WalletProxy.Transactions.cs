using Bitcoin.Common.Psbt;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using NBitcoin;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Wallet;

internal sealed partial class WalletProxy
{
    public InterfaceResult<CreatedTransactionResult> CreateTransaction(IReadOnlyList<Recipient> recipients, CoinControl coinControl, bool sign, int? changePosition)
    {
        var call = Client.CreateTransactionRequest();
        var p = call.Params;
        var list = p.InitRecipients(recipients.Count);
        for (var i = 0; i < recipients.Count; i++) WalletConversions.Write(recipients[i], list[i]);
        WalletConversions.Write(coinControl, p.InitCoinControl());
        p.Sign = sign;
        p.ChangePos = changePosition ?? -1;
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        var result = r.Result;
        if (result.HasError) return InterfaceResult<CreatedTransactionResult>.Failure(CommonConversions.Read(result.Error));
        return InterfaceResult<CreatedTransactionResult>.Success(new CreatedTransactionResult(W.ToTransaction(result.Value.GetData()), Money.Satoshis(r.Fee),
            CommonConversions.ToEnum<FeeReason>(r.FeeReason, "fee reason"), r.ChangePos < 0 ? null : r.ChangePos));
    }

    public void CommitTransaction(Transaction tx, IReadOnlyList<string> messages)
    {
        var call = Client.CommitTransactionRequest();
        var p = call.Params;
        p.SetTx(W.FromTransaction(tx));
        p.InitValueMap(0);
        var orderForm = messages.Select(static m => new KeyValuePair<string, string>(WalletServer.MessageKey, m)).ToList();
        CommonConversions.WriteTextPairs(orderForm, p.InitOrderForm(orderForm.Count));
        using var _ = Call(call, q => q.InitContext());
    }

    public bool TransactionCanBeAbandoned(uint256 txid)
    {
        var call = Client.TransactionCanBeAbandonedRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool AbandonTransaction(uint256 txid)
    {
        var call = Client.AbandonTransactionRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool TransactionCanBeBumped(uint256 txid)
    {
        var call = Client.TransactionCanBeBumpedRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool CreateBumpTransaction(uint256 txid, CoinControl coinControl, out IReadOnlyList<BilingualString> errors, out Money oldFee, out Money newFee,
        out Transaction? bumpTransaction)
    {
        var call = Client.CreateBumpTransactionRequest();
        call.Params.SetTxid(W.FromHash(txid));
        WalletConversions.Write(coinControl, call.Params.InitCoinControl());
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        errors = CommonConversions.Read(r.Errors);
        oldFee = Money.Satoshis(r.OldFee);
        newFee = Money.Satoshis(r.NewFee);
        bumpTransaction = r.HasMtx && r.Mtx.Length > 0 ? W.ToTransaction(r.Mtx) : null;
        return r.Result;
    }

    public bool SignBumpTransaction(Transaction bumpTransaction)
    {
        var call = Client.SignBumpTransactionRequest();
        call.Params.SetMtx(W.FromTransaction(bumpTransaction));
        using var reply = Call(call, p => p.InitContext());
        // Signed in place, as in one process: the caller's object takes the signed inputs.
        var signed = W.ToTransaction(reply.Results.Mtx);
        bumpTransaction.Inputs.Clear();
        foreach (var input in signed.Inputs) bumpTransaction.Inputs.Add(input);
        bumpTransaction.Outputs.Clear();
        foreach (var output in signed.Outputs) bumpTransaction.Outputs.Add(output);
        bumpTransaction.Version = signed.Version;
        bumpTransaction.LockTime = signed.LockTime;
        return reply.Results.Result;
    }

    public bool CommitBumpTransaction(uint256 txid, Transaction bumpTransaction, out IReadOnlyList<BilingualString> errors, out uint256? bumpedTxid)
    {
        var call = Client.CommitBumpTransactionRequest();
        call.Params.SetTxid(W.FromHash(txid));
        call.Params.SetMtx(W.FromTransaction(bumpTransaction));
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        errors = CommonConversions.Read(r.Errors);
        bumpedTxid = r.HasBumpedTxid ? W.ToOptionalHash(r.BumpedTxid, "txid") : null;
        return r.Result;
    }

    public Transaction? GetTx(uint256 txid)
    {
        var call = Client.GetTxRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        return W.ToOptionalTransaction(reply.Results.Result);
    }

    public WalletTx? GetWalletTx(uint256 txid)
    {
        var call = Client.GetWalletTxRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        // Core answers an unknown transaction with an empty WalletTx.
        return reply.Results.HasResult && reply.Results.Result.Tx.Length > 0 ? WalletConversions.Read(reply.Results.Result) : null;
    }

    public IReadOnlyList<WalletTx> GetWalletTxs() =>
        Ask(Client.GetWalletTxsRequest(), p => p.InitContext(), r => r.Result.Select(static t => WalletConversions.Read(t)).ToList());

    public bool TryGetTxStatus(uint256 txid, out WalletTxStatus? status, out int numBlocks, out long blockTime)
    {
        var call = Client.TryGetTxStatusRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        status = r.HasTxStatus ? WalletConversions.Read(r.TxStatus) : null;
        numBlocks = r.NumBlocks;
        blockTime = r.BlockTime;
        return r.Result;
    }

    public WalletTx? GetWalletTxDetails(uint256 txid, out WalletTxStatus? status, out IReadOnlyList<string> messages, out IReadOnlyList<string> paymentRequests,
        out bool inMempool, out int numBlocks)
    {
        var call = Client.GetWalletTxDetailsRequest();
        call.Params.SetTxid(W.FromHash(txid));
        using var reply = Call(call, p => p.InitContext());
        var r = reply.Results;
        status = r.HasTxStatus ? WalletConversions.Read(r.TxStatus) : null;
        var orderForm = CommonConversions.ReadTextPairs(r.OrderForm);
        messages = orderForm.Where(static e => e.Key == WalletServer.MessageKey).Select(static e => e.Value).ToList();
        paymentRequests = orderForm.Where(static e => e.Key == WalletServer.PaymentRequestKey).Select(static e => e.Value).ToList();
        inMempool = r.InMempool;
        numBlocks = r.NumBlocks;
        return r.HasResult && r.Result.Tx.Length > 0 ? WalletConversions.Read(r.Result) : null;
    }

    public PsbtError? FillPsbt(PsbtFillOptions options, PartiallySignedTransaction psbt, out int signedCount, out bool complete)
    {
        var call = Client.FillPSBTRequest();
        var p = call.Params;
        p.SighashType = options.SighashType ?? 0;
        p.HasSighashType = options.SighashType.HasValue;
        p.Sign = options.Sign;
        p.Bip32derivs = options.Bip32Derivs;
        p.FinalizeInputs = options.Finalize;
        p.WantNSigned = true;
        p.SetPsbt(PsbtEncoding.Serialize(psbt));
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        if (!PsbtEncoding.TryDecode(r.Psbt.ToArray(), out var filled, out var error))
            throw new IpcFormatException($"The PSBT received does not decode: {error}");
        CopyInto(filled, psbt);
        signedCount = checked((int)r.NSigned);
        complete = r.Complete;
        return r.HasResult ? CommonConversions.ToEnum<PsbtError>(r.Result, "PSBT error") : null;
    }

    // The wallet fills the caller's PSBT in place in one process; the filled copy replaces its contents.
    private static void CopyInto(PartiallySignedTransaction source, PartiallySignedTransaction target)
    {
        if (source.Version != target.Version) throw new IpcFormatException("The filled PSBT came back with another version.");
        target.Inputs.Clear();
        target.Inputs.AddRange(source.Inputs);
        target.Outputs.Clear();
        target.Outputs.AddRange(source.Outputs);
        target.Xpubs.Clear();
        foreach (var (origin, xpubs) in source.Xpubs) target.Xpubs[origin] = xpubs;
        target.Unknown.Clear();
        foreach (var (key, value) in source.Unknown) target.Unknown[key] = value;
        target.Proprietary.Clear();
        target.Proprietary.UnionWith(source.Proprietary);
        target.TxModifiable = source.TxModifiable;
        target.TxVersion = source.TxVersion;
        target.FallbackLocktime = source.FallbackLocktime;
    }
}
