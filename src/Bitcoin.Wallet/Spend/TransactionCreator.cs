using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>
/// Core's CreateTransaction (wallet/spend.cpp): chooses the fee rate, selects coins, adds change of the right type,
/// takes fees from recipients when asked, sets sequences and lock time (anti-fee-sniping), signs and checks limits;
/// then retries with avoid-partial-spends when that costs at most -maxapsfee more.
/// </summary>
public static partial class TransactionCreator
{
    /// <summary>Core's MIN_STANDARD_TX_NONWITNESS_SIZE.</summary>
    public const int MinStandardTxNonWitnessSize = 65;

    /// <summary>Core's DUMMY_NESTED_P2WPKH_INPUT_SIZE: the assumed size of spending change the wallet cannot solve.</summary>
    public const int DummyNestedP2wpkhInputSize = 91;

    private const int WitnessScaleFactor = 4;

    /// <summary>
    /// Creates a transaction paying <paramref name="recipients"/> (Core's CreateTransaction): fails with Core's
    /// messages ("Transaction must have at least one recipient", "Transaction amounts must not be negative",
    /// "Insufficient funds", ...). <paramref name="changePosition"/> null puts change at a random position.
    /// </summary>
    public static SpendResult<CreatedTransaction> CreateTransaction(DescriptorWallet wallet, IReadOnlyList<Recipient> recipients, int? changePosition,
        SpendCoinControl coinControl, bool sign = true, CoinSelectionRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(coinControl);
        if (recipients.Count == 0) return SpendResult<CreatedTransaction>.Fail("Transaction must have at least one recipient");
        if (recipients.Any(r => r.Amount.Satoshi < 0)) return SpendResult<CreatedTransaction>.Fail("Transaction amounts must not be negative");
        random ??= new CoinSelectionRandom();

        lock (wallet.SyncRoot)
        {
            var ungrouped = CreateTransactionInternal(wallet, recipients, changePosition, coinControl, sign, random);
            if (!ungrouped.Success) return ungrouped;
            var first = ungrouped.Value!;
            // Zero fee means fee estimation is not working: nothing to compare against.
            if (first.Fee > 0 && wallet.Options.MaxApsFee > -1 && !coinControl.AvoidPartialSpends)
            {
                var grouped = coinControl.Clone();
                grouped.AvoidPartialSpends = true;
                // Reuse the change destination of the first attempt so no address index is skipped.
                if (first.ChangePosition is int pos && ScriptSolver.TryExtractDestination(first.Tx.Outputs[pos].ScriptPubKey, out var dest))
                    grouped.DestChange = dest;
                var second = CreateTransactionInternal(wallet, recipients, changePosition, grouped, sign, random);
                if (second.Success)
                {
                    bool useAps = second.Value!.Fee <= first.Fee + wallet.Options.MaxApsFee;
                    wallet.LogPrint($"Fee non-grouped = {first.Fee}, grouped = {second.Value.Fee}, using {(useAps ? "grouped" : "non-grouped")}");
                    if (useAps) return second;
                }
            }
            return ungrouped;
        }
    }

    /// <summary>
    /// Core's FundTransaction: adds inputs (and change) to a transaction whose inputs are given in
    /// <paramref name="tx"/> and outputs in <paramref name="recipients"/>; wallet inputs are looked up, external ones in
    /// the UTXO set ("Unable to find UTXO for external input"). Nothing is signed; with <paramref name="lockUnspents"/>
    /// the inputs are locked.
    /// </summary>
    public static SpendResult<CreatedTransaction> FundTransaction(DescriptorWallet wallet, Transaction tx, IReadOnlyList<Recipient> recipients,
        int? changePosition, bool lockUnspents, SpendCoinControl coinControl)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(coinControl);
        if (tx.Outputs.Count != 0) throw new ArgumentException("Outputs are passed as recipients.", nameof(tx));
        var control = coinControl.Clone();
        control.LockTime = tx.LockTime.Value;
        control.Version = tx.Version;

        lock (wallet.SyncRoot)
        {
            var coins = wallet.RequireChain().FindCoins(tx.Inputs.Select(i => i.PrevOut).ToList());
            foreach (var input in tx.Inputs)
            {
                var preset = control.Select(input.PrevOut);
                if (!IsMine(wallet, input.PrevOut))
                {
                    if (!coins.TryGetValue(input.PrevOut, out var coin)) return SpendResult<CreatedTransaction>.Fail("Unable to find UTXO for external input");
                    preset.TxOut = coin.Output;
                }
                preset.Sequence = input.Sequence.Value;
                preset.ScriptSig = input.ScriptSig;
                preset.ScriptWitness = input.WitScript;
            }

            var result = CreateTransaction(wallet, recipients, changePosition, control, sign: false);
            if (!result.Success) return result;
            if (lockUnspents)
            {
                foreach (var input in result.Value!.Tx.Inputs) wallet.LockCoin(input.PrevOut, persist: false);
            }
            return result;
        }
    }

    /// <summary>
    /// Core's DiscourageFeeSniping: when the tip is recent and the node synced, the lock time is the tip height (one
    /// time in ten up to 99 blocks earlier, for privacy); otherwise 0. Every input's sequence must allow lock times.
    /// </summary>
    public static void DiscourageFeeSniping(Transaction tx, CoinSelectionRandom random, IChain chain, uint256 blockHash, int blockHeight)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(chain);
        if (tx.Inputs.Count == 0) throw new ArgumentException("All inputs must be added first.", nameof(tx));
        if (IsCurrentForAntiFeeSniping(chain, blockHash))
        {
            long locktime = blockHeight;
            if (random.NextRange(10) == 0) locktime = Math.Max(0, locktime - random.NextRange(100));
            tx.LockTime = new LockTime((uint)locktime);
        }
        else
        {
            // Lagging behind: a constant lock time leaks no fingerprint.
            tx.LockTime = LockTime.Zero;
        }
        foreach (var input in tx.Inputs)
        {
            uint sequence = input.Sequence.Value;
            if (sequence != Sequences.MaxNonFinal && sequence != Sequences.MaxBip125Rbf)
                throw new InvalidOperationException("Anti-fee-sniping needs sequences that allow a lock time without relative lock times.");
        }
    }

    // Core's IsCurrentForAntiFeeSniping: not in IBD and a tip at most eight hours old.
    private static bool IsCurrentForAntiFeeSniping(IChain chain, uint256 blockHash)
    {
        if (chain.IsInitialBlockDownload()) return false;
        const long maxTipAge = 8 * 60 * 60;
        if (!chain.FindBlock(blockHash, new FoundBlockRequest { WantTime = true }, out var block))
            throw new InvalidOperationException("The wallet's last block is unknown to the node.");
        return block.Time >= WalletTime.Now - maxTipAge;
    }

    private static bool IsMine(DescriptorWallet wallet, OutPoint outpoint)
    {
        var wtx = wallet.GetWalletTx(outpoint.Hash);
        return wtx is not null && outpoint.N < wtx.Tx.Outputs.Count && wallet.IsMine(wtx.Tx.Outputs[(int)outpoint.N]);
    }
}
