using Bitcoin.Common.Addresses;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Psbt;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Psbt;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;
using PsbtFillOptions = Bitcoin.Common.Psbt.PsbtFillOptions;

namespace Bitcoin.Wallet.Spend;

/// <summary>
/// Core's wallet/feebumper.cpp: replaces an unconfirmed wallet transaction by one paying a higher fee rate (BIP125),
/// spending every input of the original and adding inputs or reducing change as needed.
/// </summary>
public static class FeeBumper
{
    /// <summary>Core's WALLET_INCREMENTAL_RELAY_FEE (sat/kvB): the least the wallet raises a fee rate by.</summary>
    public const long WalletIncrementalRelayFee = 5000;

    /// <summary>Whether the wallet could bump <paramref name="txid"/> (Core's TransactionCanBeBumped).</summary>
    public static bool TransactionCanBeBumped(DescriptorWallet wallet, uint256 txid)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        lock (wallet.SyncRoot)
        {
            var wtx = wallet.GetWalletTx(txid);
            return wtx is not null && PreconditionChecks(wallet, wtx, requireMine: true, []) == FeeBumpResult.Ok;
        }
    }

    /// <summary>
    /// Core's CreateRateBumpTransaction: the unsigned replacement of <paramref name="txid"/> at the fee rate of
    /// <paramref name="coinControl"/> (or an estimate above the old rate plus the incremental relay fee), paying
    /// <paramref name="outputs"/> instead of the original outputs when given, or recycling output
    /// <paramref name="originalChangeIndex"/> as change. <paramref name="errors"/> gets Core's messages.
    /// </summary>
    public static FeeBumpResult CreateRateBumpTransaction(DescriptorWallet wallet, uint256 txid, SpendCoinControl coinControl, List<string> errors,
        out FeeBump? bump, bool requireMine, IReadOnlyList<TxOut> outputs, uint? originalChangeIndex)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(coinControl);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(outputs);
        bump = null;
        if (outputs.Count != 0 && originalChangeIndex is not null)
        {
            errors.Add("The options 'outputs' and 'original_change_index' are incompatible. You can only either specify a new set of outputs, or designate a change output to be recycled.");
            return FeeBumpResult.InvalidParameter;
        }

        var newCoinControl = coinControl.Clone();
        var chain = wallet.RequireChain();
        lock (wallet.SyncRoot)
        {
            errors.Clear();
            var wtx = wallet.GetWalletTx(txid);
            if (wtx is null)
            {
                errors.Add("Invalid or non-wallet transaction id");
                return FeeBumpResult.InvalidAddressOrKey;
            }
            var tx = wtx.Tx;
            if (originalChangeIndex is uint index && index >= tx.Outputs.Count)
            {
                errors.Add("Change position is out of range");
                return FeeBumpResult.InvalidParameter;
            }

            var coins = chain.FindCoins(tx.Inputs.Select(i => i.PrevOut).ToList());
            long inputValue = 0;
            var spentOutputs = new List<TxOut>();
            foreach (var input in tx.Inputs)
            {
                if (!coins.TryGetValue(input.PrevOut, out var coin))
                {
                    errors.Add($"{input.PrevOut.Hash}:{input.PrevOut.N} is already spent");
                    return FeeBumpResult.MiscError;
                }
                var preset = newCoinControl.Select(input.PrevOut);
                if (!IsMine(wallet, input.PrevOut)) preset.TxOut = coin.Output;
                inputValue += coin.Output.Value.Satoshi;
                spentOutputs.Add(coin.Output);
            }

            // External inputs are re-signed by others: size them as they are, with every ECDSA signature at its largest.
            for (int i = 0; i < tx.Inputs.Count; i++)
            {
                var input = tx.Inputs[i];
                if (newCoinControl.IsExternalSelected(input.PrevOut))
                    newCoinControl.SetInputWeight(input.PrevOut, InputWeight(input) + SignatureWeightDiffToMax(input, spentOutputs[i]));
            }

            var check = PreconditionChecks(wallet, wtx, requireMine, errors);
            if (check != FeeBumpResult.Ok) return check;

            long oldFee = inputValue - tx.Outputs.Sum(o => o.Value.Satoshi);

            // Recipients: the new outputs, or the original ones minus the change (kept as the change destination).
            var recipients = new List<Recipient>();
            long newOutputsValue = 0;
            var txouts = outputs.Count == 0 ? (IReadOnlyList<TxOut>)tx.Outputs : outputs;
            for (int i = 0; i < txouts.Count; i++)
            {
                var output = txouts[i];
                ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var dest);
                bool isChange = originalChangeIndex is uint ci ? ci == i : wallet.OutputIsChange(output);
                if (isChange) newCoinControl.DestChange = dest;
                else recipients.Add(new Recipient(dest, output.Value, false));
                newOutputsValue += output.Value.Satoshi;
            }
            if (recipients.Count == 0)
            {
                if (newCoinControl.DestChange is null or NoDestination)
                {
                    errors.Add("Unable to create transaction. Transaction must have at least one recipient");
                    return FeeBumpResult.InvalidParameter;
                }
                // Only change: pay it back to the change destination with the fee taken from it.
                recipients.Add(new Recipient(newCoinControl.DestChange, Money.Satoshis(newOutputsValue), true));
                newCoinControl.DestChange = null;
            }

            if (coinControl.FeeRate is { } userRate)
            {
                // Size with empty scripts: the dummy signer expects none for external inputs.
                var temp = tx.Clone();
                foreach (var input in temp.Inputs)
                {
                    input.ScriptSig = Script.Empty;
                    input.WitScript = WitScript.Empty;
                }
                temp.Outputs.Clear();
                temp.Outputs.AddRange(txouts.Select(o => new TxOut(o.Value, o.ScriptPubKey)));
                long maxTxSize = InputSizes.MaximumSignedTxSize(temp, wallet, newCoinControl).VirtualSize;
                var rateCheck = CheckFeeRate(wallet, temp, userRate, maxTxSize, oldFee, errors);
                if (rateCheck != FeeBumpResult.Ok) return rateCheck;
            }
            else
            {
                newCoinControl.FeeRate = EstimateFeeRate(wallet, wtx, oldFee, newCoinControl);
            }

            // Every original input is spent again, so two bumps can never both confirm.
            foreach (var input in tx.Inputs) newCoinControl.Select(input.PrevOut);
            newCoinControl.AllowOtherInputs = true;
            // BIP125 rule 2: no new unconfirmed inputs.
            newCoinControl.MinDepth = 1;

            var created = TransactionCreator.CreateTransaction(wallet, recipients, null, newCoinControl, sign: false);
            if (!created.Success)
            {
                errors.Add("Unable to create transaction. " + created.Error);
                return FeeBumpResult.WalletError;
            }
            bump = new FeeBump(created.Value!.Tx, oldFee, created.Value.Fee);
            return FeeBumpResult.Ok;
        }
    }

    /// <summary>
    /// Signs a replacement (Core's feebumper::SignTransaction); wallets with external signers go through a PSBT.
    /// </summary>
    public static bool SignTransaction(DescriptorWallet wallet, Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(tx);
        lock (wallet.SyncRoot)
        {
            if (!wallet.IsWalletFlagSet(WalletFlags.ExternalSigner)) return wallet.SignTransaction(tx);
            var psbt = new PartiallySignedTransaction(tx);
            WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = false, Bip32Derivs = true }, out _, out _);
            if (WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = true, Bip32Derivs = false }, out _, out _) is not null) return false;
            var final = PsbtOperations.FinalizeAndExtract(psbt);
            if (final is null) return false;
            for (int i = 0; i < tx.Inputs.Count; i++)
            {
                tx.Inputs[i].ScriptSig = final.Inputs[i].ScriptSig;
                tx.Inputs[i].WitScript = final.Inputs[i].WitScript;
            }
            return true;
        }
    }

    /// <summary>
    /// Core's feebumper::CommitTransaction: checks the original may still be replaced, commits and broadcasts the
    /// replacement with the original's comments, and marks the original replaced.
    /// </summary>
    public static FeeBumpResult CommitTransaction(DescriptorWallet wallet, uint256 txid, Transaction tx, List<string> errors, out uint256? bumpedTxid)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(errors);
        bumpedTxid = null;
        lock (wallet.SyncRoot)
        {
            if (errors.Count != 0) return FeeBumpResult.MiscError;
            var old = wallet.GetWalletTx(txid);
            if (old is null)
            {
                errors.Add("Invalid or non-wallet transaction id");
                return FeeBumpResult.MiscError;
            }
            var check = PreconditionChecks(wallet, old, requireMine: false, errors);
            if (check != FeeBumpResult.Ok) return check;

            wallet.CommitTransaction(tx, old.TxId, old.Comment, old.CommentTo, [.. old.Messages], [.. old.PaymentRequests]);
            bumpedTxid = tx.GetHash();
            if (!wallet.MarkReplaced(old.TxId, bumpedTxid))
                errors.Add("Created new bumpfee transaction but could not mark the original transaction as replaced");
            return FeeBumpResult.Ok;
        }
    }

    // Core's PreconditionChecks.
    private static FeeBumpResult PreconditionChecks(DescriptorWallet wallet, WalletTransaction wtx, bool requireMine, List<string> errors)
    {
        if (wallet.HasWalletSpend(wtx.Tx))
        {
            errors.Add("Transaction has descendants in the wallet");
            return FeeBumpResult.InvalidParameter;
        }
        if (wallet.RequireChain().HasDescendantsInMempool(wtx.TxId))
        {
            errors.Add("Transaction has descendants in the mempool");
            return FeeBumpResult.InvalidParameter;
        }
        if (wallet.GetTxDepthInMainChain(wtx) != 0)
        {
            errors.Add("Transaction has been mined, or is conflicted with a mined transaction");
            return FeeBumpResult.WalletError;
        }
        if (wtx.ReplacedByTxid is { } replacedBy)
        {
            errors.Add($"Cannot bump transaction {wtx.TxId} which was already bumped by transaction {replacedBy}");
            return FeeBumpResult.WalletError;
        }
        if (requireMine && !wallet.AllInputsMine(wtx.Tx))
        {
            errors.Add("Transaction contains inputs that don't belong to this wallet");
            return FeeBumpResult.WalletError;
        }
        return FeeBumpResult.Ok;
    }

    // Core's CheckFeeRate: above the mempool minimum, covering the old fee plus incremental relay fee, the required fee,
    // and within -maxtxfee.
    private static FeeBumpResult CheckFeeRate(DescriptorWallet wallet, Transaction tx, TxFeeRate newFeeRate, long maxTxSize, long oldFee, List<string> errors)
    {
        var chain = wallet.RequireChain();
        var minMempool = chain.MempoolMinFee().ToTx();
        if (newFeeRate.FeePerKvB < minMempool.FeePerKvB)
        {
            errors.Add($"New fee rate ({MoneyFormat.Format(newFeeRate.FeePerKvB)}) is lower than the minimum fee rate ({MoneyFormat.Format(minMempool.FeePerKvB)}) to get into the mempool -- ");
            return FeeBumpResult.WalletError;
        }
        var combinedBumpFee = chain.CalculateCombinedBumpFee(tx.Inputs.Select(i => i.PrevOut).ToList(), newFeeRate.ToNBitcoin());
        if (combinedBumpFee is null)
        {
            errors.Add("Failed to calculate bump fees, because unconfirmed UTXOs depend on an enormous cluster of unconfirmed transactions.");
            return FeeBumpResult.WalletError;
        }
        long newTotalFee = newFeeRate.GetFee(maxTxSize) + combinedBumpFee.Satoshi;
        long incremental = chain.RelayIncrementalFee().ToTx().GetFee(maxTxSize);
        long minTotalFee = oldFee + incremental;
        if (newTotalFee < minTotalFee)
        {
            errors.Add($"Insufficient total fee {MoneyFormat.Format(newTotalFee)}, must be at least {MoneyFormat.Format(minTotalFee)} (oldFee {MoneyFormat.Format(oldFee)} + incrementalFee {MoneyFormat.Format(incremental)})");
            return FeeBumpResult.InvalidParameter;
        }
        long requiredFee = WalletFees.GetRequiredFee(wallet, maxTxSize);
        if (newTotalFee < requiredFee)
        {
            errors.Add($"Insufficient total fee (cannot be less than required fee {MoneyFormat.Format(requiredFee)})");
            return FeeBumpResult.InvalidParameter;
        }
        long maxTxFee = wallet.Options.DefaultMaxTxFee;
        if (newTotalFee > maxTxFee)
        {
            errors.Add($"Specified or calculated fee {MoneyFormat.Format(newTotalFee)} is too high (cannot be higher than -maxtxfee {MoneyFormat.Format(maxTxFee)})");
            return FeeBumpResult.WalletError;
        }
        return FeeBumpResult.Ok;
    }

    // Core's EstimateFeeRate: the old rate plus one satoshi per kvB plus the larger incremental fee (node or wallet), and
    // at least the wallet's minimum rate.
    private static TxFeeRate EstimateFeeRate(DescriptorWallet wallet, WalletTransaction wtx, long oldFee, SpendCoinControl coinControl)
    {
        long txSize = InputSizes.VirtualSize(TransactionJson.Weight(wtx.Tx));
        var feerate = TxFeeRate.FromFee(oldFee, txSize).Add(TxFeeRate.FromSatoshisPerKvB(1));
        var nodeIncremental = wallet.RequireChain().RelayIncrementalFee().ToTx();
        var walletIncremental = TxFeeRate.FromSatoshisPerKvB(WalletIncrementalRelayFee);
        feerate = feerate.Add(FeeRateConversion.Max(nodeIncremental, walletIncremental));
        var minimum = WalletFees.GetMinimumFeeRate(wallet, coinControl).FeeRate;
        return FeeRateConversion.Max(feerate, minimum);
    }

    private static bool IsMine(DescriptorWallet wallet, OutPoint outpoint)
    {
        var wtx = wallet.GetWalletTx(outpoint.Hash);
        return wtx is not null && outpoint.N < wtx.Tx.Outputs.Count && wallet.IsMine(wtx.Tx.Outputs[(int)outpoint.N]);
    }

    // Core's GetTransactionInputWeight.
    private static long InputWeight(TxIn input)
    {
        int scriptSig = input.ScriptSig.Length;
        long baseSize = 32 + 4 + InputSizes.CompactSizeLength(scriptSig) + scriptSig + 4;
        var stack = input.WitScript.Pushes.ToArray();
        long witness = InputSizes.CompactSizeLength(stack.Length) + stack.Sum(s => InputSizes.CompactSizeLength(s.Length) + s.Length);
        return baseSize * 4 + witness;
    }

    // Core's SignatureWeights with SignatureWeightChecker: how much larger the input gets with every ECDSA signature at
    // 72 bytes. Core records the signatures its interpreter verifies; for the standard forms that is every
    // well-encoded signature pushed in the scriptSig (weight 4 each byte) or a segwit v0 witness (weight 1).
    private static long SignatureWeightDiffToMax(TxIn input, TxOut spent)
    {
        long count = 0, weight = 0;
        foreach (var op in input.ScriptSig.ToOps())
        {
            if (op.PushData is { Length: > 0 } data && IsEcdsaSignature(data))
            {
                weight += data.Length * 4;
                count += 4;
            }
        }
        if (IsSegwitV0Spend(input, spent))
        {
            foreach (var item in input.WitScript.Pushes)
            {
                if (item.Length > 0 && IsEcdsaSignature(item))
                {
                    weight += item.Length;
                    count += 1;
                }
            }
        }
        return 72 * count - weight;
    }

    private static bool IsSegwitV0Spend(TxIn input, TxOut spent)
    {
        var spk = spent.ScriptPubKey.ToBytes(true);
        if (spk.Length >= 2 && spk[0] == 0 && Dust.IsWitnessProgram(spk)) return true;
        // P2SH-wrapped v0: the redeem script is the last push of the scriptSig.
        var last = input.ScriptSig.ToOps().LastOrDefault()?.PushData;
        return last is { Length: >= 4 } && last[0] == 0 && Dust.IsWitnessProgram(last);
    }

    // DER with a defined sighash byte (Core's IsValidSignatureEncoding && IsDefinedHashtypeSignature).
    private static bool IsEcdsaSignature(byte[] sig)
    {
        if (sig.Length < 9 || sig.Length > 73 || sig[0] != 0x30 || sig[1] != sig.Length - 3) return false;
        int lenR = sig[3];
        if (5 + lenR >= sig.Length) return false;
        int lenS = sig[5 + lenR];
        if (lenR + lenS + 7 != sig.Length || sig[2] != 0x02 || lenR == 0 || (sig[4] & 0x80) != 0) return false;
        if (lenR > 1 && sig[4] == 0x00 && (sig[5] & 0x80) == 0) return false;
        if (sig[lenR + 4] != 0x02 || lenS == 0 || (sig[lenR + 6] & 0x80) != 0) return false;
        if (lenS > 1 && sig[lenR + 6] == 0x00 && (sig[lenR + 7] & 0x80) == 0) return false;
        int hashType = sig[^1] & ~0x80;
        return hashType is >= 1 and <= 3;
    }
}
