using System.Security.Cryptography;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Policy;

/// <summary>Context-free package rules (Core's policy/packages.cpp).</summary>
public static class PackagePolicy
{
    /// <summary>True when every parent in the package comes before its children (only direct spends are seen).</summary>
    public static bool IsTopoSortedPackage(IReadOnlyList<Transaction> txns)
    {
        ArgumentNullException.ThrowIfNull(txns);
        var later = txns.Select(t => t.GetHash()).ToHashSet();
        foreach (var tx in txns)
        {
            if (tx.Inputs.Any(i => later.Contains(i.PrevOut.Hash))) return false;
            later.Remove(tx.GetHash());
        }
        return true;
    }

    /// <summary>True when no two transactions spend the same outpoint (and none has no inputs).</summary>
    public static bool IsConsistentPackage(IReadOnlyList<Transaction> txns)
    {
        ArgumentNullException.ThrowIfNull(txns);
        var seen = new HashSet<OutPoint>();
        foreach (var tx in txns)
        {
            if (tx.Inputs.Count == 0) return false;
            if (tx.Inputs.Any(i => seen.Contains(i.PrevOut))) return false;
            // Added per transaction, so a duplicate within one transaction is left to CheckTransaction.
            foreach (var input in tx.Inputs) seen.Add(input.PrevOut);
        }
        return true;
    }

    /// <summary>
    /// Core's IsWellFormedPackage: at most 25 transactions, at most 404000 weight (for more than one), no duplicates,
    /// sorted, no conflicts. Fails with "package-too-many-transactions", "package-too-large",
    /// "package-contains-duplicates", "package-not-sorted" or "conflict-in-package".
    /// </summary>
    public static bool IsWellFormedPackage(IReadOnlyList<Transaction> txns, PackageValidationState state)
    {
        ArgumentNullException.ThrowIfNull(txns);
        ArgumentNullException.ThrowIfNull(state);
        if (txns.Count > PolicyConstants.MaxPackageCount) return state.Invalid(PackageValidationResult.Policy, "package-too-many-transactions");
        long totalWeight = txns.Sum(TxChecks.GetTransactionWeight);
        if (txns.Count > 1 && totalWeight > PolicyConstants.MaxPackageWeight) return state.Invalid(PackageValidationResult.Policy, "package-too-large");
        if (txns.Select(t => t.GetHash()).Distinct().Count() != txns.Count) return state.Invalid(PackageValidationResult.Policy, "package-contains-duplicates");
        if (!IsTopoSortedPackage(txns)) return state.Invalid(PackageValidationResult.Policy, "package-not-sorted");
        if (!IsConsistentPackage(txns)) return state.Invalid(PackageValidationResult.Policy, "conflict-in-package");
        return true;
    }

    /// <summary>True when the package has at least two transactions and every one but the last is a parent of the last.</summary>
    public static bool IsChildWithParents(IReadOnlyList<Transaction> package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Count < 2) return false;
        var inputTxids = package[^1].Inputs.Select(i => i.PrevOut.Hash).ToHashSet();
        return package.Take(package.Count - 1).All(p => inputTxids.Contains(p.GetHash()));
    }

    /// <summary><see cref="IsChildWithParents"/> where no parent spends another parent.</summary>
    public static bool IsChildWithParentsTree(IReadOnlyList<Transaction> package)
    {
        if (!IsChildWithParents(package)) return false;
        var parents = package.Take(package.Count - 1).Select(p => p.GetHash()).ToHashSet();
        return package.Take(package.Count - 1).All(p => p.Inputs.All(i => !parents.Contains(i.PrevOut.Hash)));
    }

    /// <summary>SHA256 of the wtxids sorted as little-endian numbers, concatenated (Core's GetPackageHash).</summary>
    public static uint256 GetPackageHash(IEnumerable<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var wtxids = transactions.Select(t => t.GetWitHash()).ToList();
        // uint256 compares as a number, which is the little-endian order of the stored bytes.
        wtxids.Sort((a, b) => a.CompareTo(b));
        var data = new byte[wtxids.Count * 32];
        for (int i = 0; i < wtxids.Count; i++) wtxids[i].ToBytes(data.AsSpan(i * 32, 32));
        return new uint256(SHA256.HashData(data));
    }
}
