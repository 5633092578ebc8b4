using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>
    /// A new receiving address of <paramref name="type"/> labelled <paramref name="label"/> (Core's GetNewDestination);
    /// the descriptor's next index is written before the address is returned. Fails with "Error: No {type} addresses
    /// available." or the key pool error.
    /// </summary>
    public InterfaceResult<TxDestination> GetNewDestination(OutputType type, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        lock (_lock)
        {
            var spkm = GetScriptPubKeyMan(type, internalChain: false);
            if (spkm is null)
                return InterfaceResult<TxDestination>.Failure($"Error: No {OutputTypes.Format(type)} addresses available.");
            var result = spkm.GetNewDestination(type);
            if (result.Succeeded)
                SetAddressBook(result.Value!, label, AddressPurpose.Receive);
            return result;
        }
    }

    /// <summary>A new change address of <paramref name="type"/>, kept (Core's GetNewChangeDestination).</summary>
    public InterfaceResult<TxDestination> GetNewChangeDestination(OutputType type)
    {
        lock (_lock)
        {
            var reserve = new ReserveDestination(this, type);
            var result = reserve.GetReservedDestination(internalChain: true);
            if (result.Succeeded) reserve.KeepDestination();
            return result;
        }
    }

    /// <summary>
    /// The change type for a transaction paying <paramref name="recipients"/> (Core's TransactionChangeType): the
    /// requested one, legacy for legacy wallets, else a type matching a recipient when the wallet has it, else
    /// bech32m, bech32 or the default address type.
    /// </summary>
    public OutputType TransactionChangeType(OutputType? changeType, IReadOnlyList<TxDestination> recipients)
    {
        if (changeType is { } requested) return requested;
        if (Options.DefaultAddressType == OutputType.Legacy) return OutputType.Legacy;
        bool anyTr = recipients.Any(r => r is WitnessV1TaprootDestination);
        bool anyWpkh = recipients.Any(r => r is WitnessV0KeyHashDestination);
        bool anySh = recipients.Any(r => r is ScriptHashDestination);
        bool anyPkh = recipients.Any(r => r is PubKeyHashDestination);
        bool hasBech32m = GetScriptPubKeyMan(OutputType.Bech32m, true) is not null;
        bool hasBech32 = GetScriptPubKeyMan(OutputType.Bech32, true) is not null;
        if (hasBech32m && anyTr) return OutputType.Bech32m;
        if (hasBech32 && anyWpkh) return OutputType.Bech32;
        if (GetScriptPubKeyMan(OutputType.P2shSegwit, true) is not null && anySh) return OutputType.P2shSegwit;
        if (GetScriptPubKeyMan(OutputType.Legacy, true) is not null && anyPkh) return OutputType.Legacy;
        if (hasBech32m) return OutputType.Bech32m;
        if (hasBech32) return OutputType.Bech32;
        return Options.DefaultAddressType;
    }

    // ---- signing ----

    /// <summary>
    /// Signs the inputs of <paramref name="tx"/> with every descriptor (Core's CWallet::SignTransaction); true if every
    /// input is complete. <paramref name="coins"/> are the outputs spent; <paramref name="inputErrors"/> gets Core's
    /// message per incomplete input.
    /// </summary>
    public bool SignTransaction(Transaction tx, IReadOnlyDictionary<OutPoint, TxOut> coins, int sighashType, SortedDictionary<int, string> inputErrors)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(coins);
        ArgumentNullException.ThrowIfNull(inputErrors);
        foreach (var spkm in ScriptPubKeyMans)
        {
            if (spkm.SignTransaction(tx, coins, sighashType, inputErrors)) return true;
        }

        return false;
    }

    /// <summary>Signs a transaction spending only wallet outputs with the default sighash; false if an input is unknown or not signed.</summary>
    public bool SignTransaction(Transaction tx)
    {
        var coins = new Dictionary<OutPoint, TxOut>();
        lock (_lock)
        {
            foreach (var input in tx.Inputs)
            {
                if (!_transactions.TryGetValue(input.PrevOut.Hash, out var prev) || input.PrevOut.N >= prev.Tx.Outputs.Count)
                    return false;
                coins[input.PrevOut] = prev.Tx.Outputs[(int)input.PrevOut.N];
            }
        }

        return SignTransaction(tx, coins, (int)SigHash.All, new SortedDictionary<int, string>());
    }

    /// <summary>Signs a message with the key of a P2PKH address (Core's CWallet::SignMessage).</summary>
    public SigningResult SignMessage(string message, KeyId pkHash, out string signature)
    {
        var script = new PubKeyHashDestination(pkHash).ToScript();
        foreach (var spkm in GetScriptPubKeyMans(script))
            return spkm.SignMessage(message, pkHash, out signature);
        signature = "";
        return SigningResult.PrivateKeyNotAvailable;
    }

    // ---- committing and broadcasting ----

    /// <summary>
    /// Adds a transaction the wallet made to the wallet (inactive until the mempool takes it) with its metadata, then
    /// submits it to the node (Core's CommitTransaction). Throws if it cannot be written.
    /// </summary>
    public void CommitTransaction(Transaction tx, uint256? replacesTxid, string? comment, string? commentTo, IReadOnlyList<string> messages,
        IReadOnlyList<string> paymentRequests)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (_lock)
        {
            LogPrint($"CommitTransaction:\n{tx}");
            var wtx = AddToWallet(tx, new TxStateInactive(false), (w, _) =>
            {
                if (replacesTxid is not null) w.ReplacesTxid = replacesTxid;
                if (comment is not null) w.Comment = comment;
                if (commentTo is not null) w.CommentTo = commentTo;
                if (messages.Count > 0) w.Messages.AddRange(messages);
                if (paymentRequests.Count > 0) w.PaymentRequests.AddRange(paymentRequests);
                return true;
            }) ?? throw new InvalidOperationException("CommitTransaction: Wallet db error, transaction commit failed");

            foreach (var input in tx.Inputs)
            {
                if (_transactions.ContainsKey(input.PrevOut.Hash))
                    RaiseTransactionChanged(input.PrevOut.Hash, ChangeStatus.Updated);
            }

            if (!Options.BroadcastTransactions) return;
            if (!SubmitTxMemoryPoolAndRelay(wtx, TxBroadcastMethod.MempoolAndBroadcastToAll, out var error))
                LogPrint($"CommitTransaction(): Transaction cannot be broadcast immediately, {error}");
        }
    }

    /// <summary>
    /// Hands an unconfirmed wallet transaction to the node (Core's SubmitTxMemoryPoolAndRelay); on success it is
    /// marked in the mempool at once, so its change is spendable without waiting for the notification.
    /// </summary>
    public bool SubmitTxMemoryPoolAndRelay(WalletTransaction wtx, TxBroadcastMethod method, out string error)
    {
        error = "";
        lock (_lock)
        {
            if (!Options.BroadcastTransactions || wtx.IsAbandoned || wtx.IsCoinBase || GetTxDepthInMainChain(wtx) != 0) return false;
            var what = method switch
            {
                TxBroadcastMethod.MempoolAndBroadcastToAll => "to mempool and for broadcast to peers",
                TxBroadcastMethod.MempoolNoBroadcast => "to mempool without broadcast",
                _ => "for private broadcast without adding to the mempool",
            };
            LogPrint($"Submitting wtx {wtx.TxId} {what}");
            bool ok = RequireChain().BroadcastTransaction(wtx.Tx, Money.Satoshis(Options.DefaultMaxTxFee), method, out error);
            if (ok) wtx.State = TxStateInMempool.Instance;
            return ok;
        }
    }

    /// <summary>
    /// Re-submits unconfirmed wallet transactions to the mempool (Core's ResubmitWalletTransactions): all of them with
    /// <paramref name="force"/>, else those received over five minutes before the last block.
    /// </summary>
    public void ResubmitWalletTransactions(TxBroadcastMethod method, bool force)
    {
        if (!Options.BroadcastTransactions || Chain is null) return;
        int submitted = 0;
        lock (_lock)
        {
            var toSubmit = _ordered.Where(w => w.IsUnconfirmed && (force || w.TimeReceived <= BestBlockTime - (5 * 60))).ToList();
            foreach (var wtx in toSubmit)
            {
                if (SubmitTxMemoryPoolAndRelay(wtx, method, out _)) submitted++;
            }
        }

        if (submitted > 0) LogPrint($"ResubmitWalletTransactions: resubmit {submitted} unconfirmed transactions");
    }
}
