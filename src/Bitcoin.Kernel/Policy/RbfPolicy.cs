using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Kernel.Policy;

/// <summary>Replace-by-fee rules (Core's policy/rbf.cpp): full RBF with the cluster mempool's diagram check.</summary>
public static class RbfPolicy
{
    /// <summary>True when some input of <paramref name="tx"/> signals BIP125 replaceability (sequence below 0xfffffffe).</summary>
    public static bool SignalsOptInRbf(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return tx.Inputs.Any(i => i.Sequence.Value <= 0xfffffffd);
    }

    /// <summary>
    /// Core's IsRBFOptIn: replaceable when the transaction or an in-mempool ancestor signals, final when it is in the
    /// mempool and none does, unknown when it is not in the mempool and does not signal itself.
    /// </summary>
    public static RbfTransactionState IsRbfOptIn(Transaction tx, TxMemPool pool)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(pool);
        if (SignalsOptInRbf(tx)) return RbfTransactionState.ReplaceableBip125;
        var entry = pool.GetEntry(tx.GetHash());
        if (entry is null) return RbfTransactionState.Unknown;
        return pool.CalculateMemPoolAncestors(entry).Any(a => SignalsOptInRbf(a.Transaction))
            ? RbfTransactionState.ReplaceableBip125
            : RbfTransactionState.Final;
    }

    /// <summary>
    /// Rule 5 and the set to evict (Core's GetEntriesForConflicts): fails when the direct conflicts span more than 100
    /// clusters; otherwise adds them and all their descendants to <paramref name="allConflicts"/>.
    /// </summary>
    public static string? GetEntriesForConflicts(Transaction tx, TxMemPool pool, IReadOnlyCollection<MempoolEntry> directConflicts,
        HashSet<MempoolEntry> allConflicts)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(directConflicts);
        ArgumentNullException.ThrowIfNull(allConflicts);
        int clusters = pool.CountDistinctClusters(directConflicts);
        if (clusters > PolicyConstants.MaxReplacementCandidates)
            return $"rejecting replacement {tx.GetHash()}; too many conflicting clusters ({clusters} > {PolicyConstants.MaxReplacementCandidates})";
        foreach (var conflict in directConflicts) allConflicts.UnionWith(pool.CalculateDescendants(conflict));
        return null;
    }

    /// <summary>A replacement may not spend an output of a transaction it replaces (Core's EntriesAndTxidsDisjoint).</summary>
    public static string? EntriesAndTxidsDisjoint(IEnumerable<MempoolEntry> ancestors, IReadOnlySet<uint256> directConflicts, uint256 txid)
    {
        ArgumentNullException.ThrowIfNull(ancestors);
        ArgumentNullException.ThrowIfNull(directConflicts);
        foreach (var ancestor in ancestors)
        {
            if (directConflicts.Contains(ancestor.Txid)) return $"{txid} spends conflicting transaction {ancestor.Txid}";
        }
        return null;
    }

    /// <summary>
    /// Rules 3 and 4 (Core's PaysForRBF): the replacement pays at least the replaced fees, and the difference pays for
    /// its own size at <paramref name="relayFee"/>.
    /// </summary>
    public static string? PaysForRbf(long originalFees, long replacementFees, long replacementVsize, TxFeeRate relayFee, uint256 txid)
    {
        if (replacementFees < originalFees)
            return $"rejecting replacement {txid}, less fees than conflicting txs; {TxChecks.FormatMoney(replacementFees)} < {TxChecks.FormatMoney(originalFees)}";
        long additional = replacementFees - originalFees;
        long needed = relayFee.GetFee(replacementVsize);
        if (additional < needed)
            return $"rejecting replacement {txid}, not enough additional fees to relay; {TxChecks.FormatMoney(additional)} < {TxChecks.FormatMoney(needed)}";
        return null;
    }

    /// <summary>
    /// The replacement must strictly improve the fee rate diagram of the affected clusters (Core's
    /// ImprovesFeerateDiagram). Null when it does; else whether it could not be computed and the message.
    /// </summary>
    public static (bool Uncalculable, string Message)? ImprovesFeerateDiagram(MempoolChangeSet changeSet)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        var chunks = changeSet.CalculateChunksForRbf(out var error);
        if (chunks is not { } diagrams) return (true, error ?? "");
        if (FeeDiagram.CompareChunks(diagrams.New, diagrams.Old) is not > 0)
            return (false, "insufficient feerate: does not improve feerate diagram");
        return null;
    }
}
