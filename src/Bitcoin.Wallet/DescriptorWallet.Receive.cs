using Bitcoin.Common.Addresses;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>One output of a transaction as gettransaction/listtransactions describe it (Core's COutputEntry).</summary>
    /// <param name="Destination">The output's address (<see cref="NoDestination"/> when none).</param>
    /// <param name="Amount">Its amount in satoshis.</param>
    /// <param name="Vout">Its index.</param>
    public sealed record OutputEntry(TxDestination Destination, long Amount, int Vout);

    /// <summary>True if the output pays the wallet at an address without an address book entry (Core's OutputIsChange).</summary>
    public bool OutputIsChange(TxOut output) => ScriptIsChange(output.ScriptPubKey);

    /// <summary>Core's ScriptIsChange: the wallet's, and either without an address or without an address book entry.</summary>
    public bool ScriptIsChange(Script script)
    {
        lock (_lock)
        {
            if (!IsMine(script)) return false;
            if (!ScriptSolver.TryExtractDestination(script, out var destination)) return true;
            return FindAddressBookEntry(destination) is null;
        }
    }

    /// <summary>What the transaction pays the wallet (0 for an immature coinbase; Core's CachedTxGetCredit).</summary>
    public long GetCredit(WalletTransaction wtx)
    {
        lock (_lock)
        {
            if (IsTxImmatureCoinBase(wtx)) return 0;
            return checked(wtx.Tx.Outputs.Where(IsMine).Sum(o => o.Value.Satoshi));
        }
    }

    /// <summary>What the transaction spends of the wallet's outputs (Core's CachedTxGetDebit).</summary>
    public long GetDebit(WalletTransaction wtx) => wtx.Tx.Inputs.Count == 0 ? 0 : GetDebit(wtx.Tx);

    /// <summary>What the transaction pays back to the wallet as change (Core's CachedTxGetChange).</summary>
    public long GetChange(WalletTransaction wtx)
    {
        lock (_lock) return checked(wtx.Tx.Outputs.Where(OutputIsChange).Sum(o => o.Value.Satoshi));
    }

    /// <summary>True if any input spends a wallet output (Core's CachedTxIsFromMe).</summary>
    public bool IsFromMe(WalletTransaction wtx) => IsFromMe(wtx.Tx);

    /// <summary>
    /// Core's CachedTxIsTrusted: confirmed, or the wallet's own unconfirmed transaction in the mempool whose inputs
    /// are all the wallet's trusted outputs (with -spendzeroconfchange).
    /// </summary>
    public bool IsTrusted(WalletTransaction wtx)
    {
        lock (_lock) return IsTrusted(wtx, new HashSet<uint256>());
    }

    /// <summary>As <see cref="IsTrusted(WalletTransaction)"/>, remembering parents already found trusted.</summary>
    public bool IsTrusted(WalletTransaction wtx, HashSet<uint256> trustedParents)
    {
        lock (_lock)
        {
            if (trustedParents.Contains(wtx.TxId)) return true;
            if (wtx.IsConfirmed) return true;
            if (wtx.IsBlockConflicted) return false;
            if (!Options.SpendZeroConfChange || !IsFromMe(wtx)) return false;
            if (!wtx.InMempool) return false;
            foreach (var input in wtx.Tx.Inputs)
            {
                if (!_transactions.TryGetValue(input.PrevOut.Hash, out var parent)) return false;
                if (!IsMine(parent.Tx.Outputs[(int)input.PrevOut.N])) return false;
                if (trustedParents.Contains(parent.TxId)) continue;
                if (!IsTrusted(parent, trustedParents)) return false;
                trustedParents.Add(parent.TxId);
            }

            return true;
        }
    }

    /// <summary>
    /// The balances (Core's GetBalance): trusted outputs with at least <paramref name="minDepth"/> confirmations,
    /// untrusted pending ones in the mempool, immature coinbases; with <paramref name="avoidReuse"/> on an avoid_reuse
    /// wallet, outputs to used addresses go to <see cref="WalletBalance.MineUsed"/>; with
    /// <paramref name="includeNonMempool"/>, outputs spent by transactions not in the mempool count as unspent and are
    /// tallied (negatively) in <see cref="WalletBalance.MineNonMempool"/>.
    /// </summary>
    public WalletBalance GetBalance(int minDepth = 0, bool avoidReuse = true, bool includeNonMempool = false)
    {
        var result = new WalletBalance();
        bool allowUsed = !avoidReuse || !IsWalletFlagSet(WalletFlags.AvoidReuse);
        lock (_lock)
        {
            var trustedParents = new HashSet<uint256>();
            foreach (var (outpoint, txo) in _txos)
            {
                var wtx = txo.Transaction;
                bool nonMempoolSpent = false;
                switch (HowSpent(outpoint))
                {
                    case SpendType.Confirmed:
                    case SpendType.Mempool:
                        continue;
                    case SpendType.NonMempool:
                        if (!includeNonMempool) continue;
                        nonMempoolSpent = true;
                        break;
                }

                bool trusted = IsTrusted(wtx, trustedParents);
                int depth = GetTxDepthInMainChain(wtx);
                long amount = txo.Output.Value.Satoshi;
                bool counted = true;
                if (IsTxImmatureCoinBase(wtx) && wtx.IsConfirmed)
                {
                    if (!allowUsed && IsSpentKey(txo.Output.ScriptPubKey)) result.MineUsed += amount;
                    else result.MineImmature += amount;
                }
                else if (trusted && depth >= minDepth)
                {
                    if (!allowUsed && IsSpentKey(txo.Output.ScriptPubKey)) result.MineUsed += amount;
                    else result.MineTrusted += amount;
                }
                else if (!trusted && wtx.InMempool)
                {
                    if (!allowUsed && IsSpentKey(txo.Output.ScriptPubKey)) result.MineUsed += amount;
                    else result.MineUntrustedPending += amount;
                }
                else
                {
                    counted = false;
                }

                if (counted && nonMempoolSpent) result.MineNonMempool -= amount;
            }
        }

        return result;
    }

    /// <summary>Unspent trusted amounts by address (Core's GetAddressBalances).</summary>
    public IReadOnlyDictionary<TxDestination, long> GetAddressBalances()
    {
        var balances = new Dictionary<TxDestination, long>();
        lock (_lock)
        {
            var trustedParents = new HashSet<uint256>();
            foreach (var (outpoint, txo) in _txos)
            {
                var wtx = txo.Transaction;
                if (!IsTrusted(wtx, trustedParents) || IsTxImmatureCoinBase(wtx)) continue;
                if (GetTxDepthInMainChain(wtx) < (IsFromMe(wtx) ? 0 : 1)) continue;
                if (!ScriptSolver.TryExtractDestination(txo.Output.ScriptPubKey, out var address)) continue;
                long amount = IsSpent(outpoint) ? 0 : txo.Output.Value.Satoshi;
                balances[address] = balances.GetValueOrDefault(address) + amount;
            }
        }

        return balances;
    }

    /// <summary>
    /// Splits a transaction's outputs into what it sent (when the wallet paid for it; change skipped unless
    /// <paramref name="includeChange"/>) and what the wallet received, with the fee when the wallet paid
    /// (Core's CachedTxGetAmounts).
    /// </summary>
    public void GetAmounts(WalletTransaction wtx, out List<OutputEntry> received, out List<OutputEntry> sent, out long fee, bool includeChange)
    {
        received = [];
        sent = [];
        fee = 0;
        lock (_lock)
        {
            long debit = GetDebit(wtx);
            if (debit > 0) fee = debit - wtx.Tx.TotalOut.Satoshi;
            var outputs = wtx.Tx.Outputs;
            for (int i = 0; i < outputs.Count; i++)
            {
                var output = outputs[i];
                bool mine = IsMine(output);
                if (debit > 0)
                {
                    if (!includeChange && OutputIsChange(output)) continue;
                }
                else if (!mine)
                {
                    continue;
                }

                if (!ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var address))
                {
                    if (!output.ScriptPubKey.IsUnspendable)
                        LogPrint($"CWalletTx::GetAmounts: Unknown transaction type found, txid {wtx.TxId}");
                    address = new NoDestination();
                }

                var entry = new OutputEntry(address, output.Value.Satoshi, i);
                if (debit > 0) sent.Add(entry);
                if (mine) received.Add(entry);
            }
        }
    }

    /// <summary>Groups of addresses known to be owned together, through common inputs and change (Core's GetAddressGroupings).</summary>
    public IReadOnlyList<IReadOnlyList<TxDestination>> GetAddressGroupings()
    {
        lock (_lock)
        {
            var groupings = new List<HashSet<TxDestination>>();
            foreach (var wtx in _transactions.Values)
            {
                var grouping = new HashSet<TxDestination>();
                if (wtx.Tx.Inputs.Count > 0)
                {
                    bool anyMine = false;
                    foreach (var input in wtx.Tx.Inputs)
                    {
                        if (!InputIsMine(input)) continue;
                        if (!ScriptSolver.TryExtractDestination(_transactions[input.PrevOut.Hash].Tx.Outputs[(int)input.PrevOut.N].ScriptPubKey, out var a)) continue;
                        grouping.Add(a);
                        anyMine = true;
                    }

                    if (anyMine)
                    {
                        foreach (var output in wtx.Tx.Outputs)
                        {
                            if (OutputIsChange(output) && ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var change))
                                grouping.Add(change);
                        }
                    }

                    if (grouping.Count > 0)
                    {
                        groupings.Add(grouping);
                        grouping = [];
                    }
                }

                foreach (var output in wtx.Tx.Outputs)
                {
                    if (IsMine(output) && ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var address))
                        groupings.Add([address]);
                }
            }

            // Merge groups sharing an address.
            var unique = new List<HashSet<TxDestination>>();
            var setMap = new Dictionary<TxDestination, HashSet<TxDestination>>();
            foreach (var grouping in groupings)
            {
                var hits = grouping.Where(setMap.ContainsKey).Select(a => setMap[a]).Distinct().ToList();
                var merged = new HashSet<TxDestination>(grouping);
                foreach (var hit in hits)
                {
                    merged.UnionWith(hit);
                    unique.Remove(hit);
                }

                unique.Add(merged);
                foreach (var element in merged) setMap[element] = merged;
            }

            return unique.Select(g => (IReadOnlyList<TxDestination>)g.ToList()).ToList();
        }
    }
}
