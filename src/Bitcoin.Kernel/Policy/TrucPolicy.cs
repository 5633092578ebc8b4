using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Kernel.Policy;

/// <summary>
/// BIP431 TRUC (version 3) rules (Core's policy/truc_policy.cpp): an unconfirmed TRUC transaction has at most one
/// parent and one child, both TRUC, a TRUC transaction is at most 10000 vbytes and a TRUC child at most 1000.
/// </summary>
public static class TrucPolicy
{
    /// <summary>The TRUC transaction version.</summary>
    public const int TrucVersion = 3;

    /// <summary>Most transactions in a TRUC transaction's descendant set, itself included.</summary>
    public const int DescendantLimit = 2;

    /// <summary>Most transactions in a TRUC transaction's ancestor set, itself included.</summary>
    public const int AncestorLimit = 2;

    /// <summary>Largest sigop-adjusted vsize of a TRUC transaction.</summary>
    public const long MaxVsize = 10_000;

    /// <summary>Largest sigop-adjusted vsize of a TRUC transaction with an unconfirmed parent.</summary>
    public const long ChildMaxVsize = 1_000;

    /// <summary>
    /// Core's SingleTRUCChecks, for every transaction: null when it passes; otherwise the error, and the mempool
    /// sibling when the failure is having a second child of a one-parent-one-child TRUC pair (the caller may try
    /// evicting the sibling). <paramref name="mempoolParents"/> are its in-mempool parents,
    /// <paramref name="directConflicts"/> the mempool transactions it replaces.
    /// </summary>
    public static (string Error, Transaction? Sibling)? SingleTrucChecks(TxMemPool pool, Transaction tx, IReadOnlyList<MempoolEntry> mempoolParents,
        IReadOnlySet<uint256> directConflicts, long vsize)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(mempoolParents);
        ArgumentNullException.ThrowIfNull(directConflicts);
        bool isTruc = tx.Version == TrucVersion;
        foreach (var parent in mempoolParents)
        {
            bool parentTruc = parent.Transaction.Version == TrucVersion;
            if (!isTruc && parentTruc)
                return ($"non-version=3 tx {tx.GetHash()} (wtxid={tx.GetWitHash()}) cannot spend from version=3 tx {parent.Txid} (wtxid={parent.Wtxid})", null);
            if (isTruc && !parentTruc)
                return ($"version=3 tx {tx.GetHash()} (wtxid={tx.GetWitHash()}) cannot spend from non-version=3 tx {parent.Txid} (wtxid={parent.Wtxid})", null);
        }
        if (!isTruc) return null;

        if (vsize > MaxVsize)
            return ($"version=3 tx {tx.GetHash()} (wtxid={tx.GetWitHash()}) is too big: {vsize} > {MaxVsize} virtual bytes", null);
        if (mempoolParents.Count + 1 > AncestorLimit)
            return ($"tx {tx.GetHash()} (wtxid={tx.GetWitHash()}) would have too many ancestors", null);
        if (mempoolParents.Count == 0) return null;

        var parentEntry = mempoolParents[0];
        if (pool.GetAncestorCount(parentEntry) + 1 > AncestorLimit)
            return ($"tx {tx.GetHash()} (wtxid={tx.GetWitHash()}) would have too many ancestors", null);
        if (vsize > ChildMaxVsize)
            return ($"version=3 child tx {tx.GetHash()} (wtxid={tx.GetWitHash()}) is too big: {vsize} > {ChildMaxVsize} virtual bytes", null);

        // A TRUC parent may have only this child: another existing child is a sibling to replace or a violation.
        var descendants = pool.CalculateDescendants(parentEntry).Where(d => !ReferenceEquals(d, parentEntry)).ToList();
        bool childWillBeReplaced = descendants.Any(d => directConflicts.Contains(d.Txid));
        int descendantCount = pool.GetDescendantCount(parentEntry);
        if (descendantCount + 1 > DescendantLimit && !childWillBeReplaced)
        {
            bool considerSiblingEviction = descendantCount == 2 && pool.GetAncestorCount(descendants[0]) == 2;
            return ($"tx {parentEntry.Txid} (wtxid={parentEntry.Wtxid}) would exceed descendant count limit",
                considerSiblingEviction ? descendants[0].Transaction : null);
        }
        return null;
    }

    /// <summary>
    /// Core's PackageTRUCChecks for a transaction of a package, given its in-mempool parents: TRUC inheritance across
    /// package and mempool parents and the one-parent-one-child shape. Null when it passes, else the error.
    /// </summary>
    public static string? PackageTrucChecks(TxMemPool pool, Transaction tx, long vsize, IReadOnlyList<Transaction> package,
        IReadOnlyList<MempoolEntry> mempoolParents)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(mempoolParents);
        var inPackageParents = FindInPackageParents(package, tx);
        var txid = tx.GetHash();
        var wtxid = tx.GetWitHash();

        if (tx.Version == TrucVersion)
        {
            if (vsize > MaxVsize) return $"version=3 tx {txid} (wtxid={wtxid}) is too big: {vsize} > {MaxVsize} virtual bytes";
            if (mempoolParents.Count + inPackageParents.Count + 1 > AncestorLimit) return $"tx {txid} (wtxid={wtxid}) would have too many ancestors";
            if (mempoolParents.Count > 0 && pool.GetAncestorCount(mempoolParents[0]) + inPackageParents.Count + 1 > AncestorLimit)
                return $"tx {txid} (wtxid={wtxid}) would have too many ancestors";

            if (mempoolParents.Count + inPackageParents.Count > 0)
            {
                if (vsize > ChildMaxVsize) return $"version=3 child tx {txid} (wtxid={wtxid}) is too big: {vsize} > {ChildMaxVsize} virtual bytes";

                uint256 parentTxid;
                uint256 parentWtxid;
                uint parentVersion;
                bool parentHasMempoolDescendant;
                if (mempoolParents.Count > 0)
                {
                    var parent = mempoolParents[0];
                    parentTxid = parent.Txid;
                    parentWtxid = parent.Wtxid;
                    parentVersion = parent.Transaction.Version;
                    parentHasMempoolDescendant = pool.GetDescendantCount(parent) > 1;
                }
                else
                {
                    var parent = package[inPackageParents[0]];
                    parentTxid = parent.GetHash();
                    parentWtxid = parent.GetWitHash();
                    parentVersion = parent.Version;
                    parentHasMempoolDescendant = false;
                }

                if (parentVersion != TrucVersion)
                    return $"version=3 tx {txid} (wtxid={wtxid}) cannot spend from non-version=3 tx {parentTxid} (wtxid={parentWtxid})";

                foreach (var packageTx in package)
                {
                    if (ReferenceEquals(packageTx, tx)) continue;
                    foreach (var input in packageTx.Inputs)
                    {
                        if (input.PrevOut.Hash == parentTxid) return $"tx {parentTxid} (wtxid={parentWtxid}) would exceed descendant count limit";
                        if (input.PrevOut.Hash == txid) return $"tx {packageTx.GetHash()} (wtxid={packageTx.GetWitHash()}) would have too many ancestors";
                    }
                }
                if (parentHasMempoolDescendant) return $"tx {parentTxid} (wtxid={parentWtxid}) would exceed descendant count limit";
            }
        }
        else
        {
            foreach (var parent in mempoolParents)
            {
                if (parent.Transaction.Version == TrucVersion)
                    return $"non-version=3 tx {txid} (wtxid={wtxid}) cannot spend from version=3 tx {parent.Txid} (wtxid={parent.Wtxid})";
            }
            foreach (int index in inPackageParents)
            {
                var parent = package[index];
                if (parent.Version == TrucVersion)
                    return $"non-version=3 tx {txid} (wtxid={wtxid}) cannot spend from version=3 tx {parent.GetHash()} (wtxid={parent.GetWitHash()})";
            }
        }
        return null;
    }

    // Indexes of package transactions before tx that it spends from (the package is sorted).
    private static List<int> FindInPackageParents(IReadOnlyList<Transaction> package, Transaction tx)
    {
        var possible = tx.Inputs.Select(i => i.PrevOut.Hash).ToHashSet();
        var result = new List<int>();
        for (int i = 0; i < package.Count; i++)
        {
            if (ReferenceEquals(package[i], tx)) break;
            if (possible.Contains(package[i].GetHash())) result.Add(i);
        }
        return result;
    }
}
