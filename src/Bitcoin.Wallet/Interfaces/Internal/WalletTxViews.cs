using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet.Interfaces.Internal;

/// <summary>
/// The interface records built from the wallet's transactions (Core's MakeWalletTx, MakeWalletTxStatus and
/// MakeWalletTxOut). Callers hold the wallet's lock.
/// </summary>
internal static class WalletTxViews
{
    public static WalletTx MakeWalletTx(DescriptorWallet wallet, WalletTransaction wtx)
    {
        var tx = wtx.Tx;
        var addresses = new List<TxDestination>(tx.Outputs.Count);
        var addressIsMine = new List<bool>(tx.Outputs.Count);
        foreach (var output in tx.Outputs)
        {
            bool extracted = ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var destination);
            addresses.Add(destination);
            addressIsMine.Add(extracted && wallet.IsMine(destination));
        }

        return new WalletTx
        {
            Tx = tx.Clone(),
            TxinIsMine = [.. tx.Inputs.Select(wallet.InputIsMine)],
            TxoutIsMine = [.. tx.Outputs.Select(wallet.IsMine)],
            TxoutIsChange = [.. tx.Outputs.Select(wallet.OutputIsChange)],
            TxoutAddress = addresses,
            TxoutAddressIsMine = addressIsMine,
            Credit = Money.Satoshis(wallet.GetCredit(wtx)),
            Debit = Money.Satoshis(wallet.GetDebit(wtx)),
            Change = Money.Satoshis(wallet.GetChange(wtx)),
            Time = wtx.GetTxTime(),
            From = wtx.From,
            Message = wtx.Message,
            Comment = wtx.Comment,
            CommentTo = wtx.CommentTo,
            IsCoinBase = wtx.IsCoinBase,
        };
    }

    public static WalletTxStatus MakeWalletTxStatus(DescriptorWallet wallet, WalletTransaction wtx) => new()
    {
        BlockHeight = wtx.State switch
        {
            TxStateConfirmed confirmed => confirmed.Height,
            TxStateBlockConflicted conflicted => conflicted.Height,
            _ => int.MaxValue,
        },
        BlocksToMaturity = wallet.GetTxBlocksToMaturity(wtx),
        DepthInMainChain = wallet.GetTxDepthInMainChain(wtx),
        TimeReceived = wtx.TimeReceived,
        LockTime = wtx.Tx.LockTime.Value,
        IsTrusted = wallet.IsTrusted(wtx),
        IsAbandoned = wtx.IsAbandoned,
        IsCoinBase = wtx.IsCoinBase,
        IsInMainChain = wtx.IsConfirmed,
    };

    public static WalletTxOut MakeWalletTxOut(DescriptorWallet wallet, WalletTransaction wtx, int index, int depth) =>
        new(wtx.Tx.Outputs[index].Clone(), wtx.GetTxTime(), depth, wallet.IsSpent(new OutPoint(wtx.TxId, index)));

    public static WalletTxOut MakeWalletTxOut(DescriptorWallet wallet, WalletOutput output) =>
        new(output.Output.Clone(), output.Time, output.Depth, wallet.IsSpent(output.OutPoint));
}
