using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal.Accept;

// Several transactions at once (Core's AcceptMultipleTransactionsInternal), package RBF and child-with-parents
// packages (AcceptPackage).
internal sealed partial class MemPoolAccept
{
    private PackageMempoolAcceptResult AcceptMultipleTransactionsInternal(IReadOnlyList<Transaction> txns, AcceptArgs args)
    {
        var packageState = new PackageValidationState();
        if (!PackagePolicy.IsWellFormedPackage(txns, packageState)) return new PackageMempoolAcceptResult(packageState, new Dictionary<uint256, MempoolAcceptResult>());

        var workspaces = txns.Select(t => new Workspace(t)).ToList();
        var results = new Dictionary<uint256, MempoolAcceptResult>();

        foreach (var ws in workspaces)
        {
            if (!PreChecks(args, ws))
            {
                packageState.Invalid(PackageValidationResult.Tx, "transaction failed");
                results[ws.Tx.GetWitHash()] = MempoolAcceptResult.Failure(ws.State);
                return new PackageMempoolAcceptResult(packageState, results);
            }
            if (args.ClientMaxFeeRate is { } maxFeeRate && TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize) > maxFeeRate)
            {
                ws.State.Invalid(TxValidationResult.MempoolPolicy, "max feerate exceeded", "");
                packageState.Invalid(PackageValidationResult.Tx, "transaction failed");
                results[ws.Tx.GetWitHash()] = MempoolAcceptResult.Failure(ws.State);
                return new PackageMempoolAcceptResult(packageState, results);
            }
            // Later package transactions may spend this one's outputs.
            _viewMempool.PackageAddTransaction(ws.Tx);
        }

        foreach (var ws in workspaces)
        {
            if (TrucPolicy.PackageTrucChecks(_pool, ws.Tx, ws.VirtualSize, txns, ws.Parents) is { } truc)
            {
                packageState.Invalid(PackageValidationResult.Policy, "TRUC-violation", truc);
                return new PackageMempoolAcceptResult(packageState, new Dictionary<uint256, MempoolAcceptResult>());
            }
        }

        _subpackage.TotalVsize = workspaces.Sum(w => w.VirtualSize);
        _subpackage.TotalModifiedFees = workspaces.Sum(w => w.ModifiedFees);
        var packageFeeRate = TxFeeRate.FromFee(_subpackage.TotalModifiedFees, _subpackage.TotalVsize);
        var allWtxids = workspaces.Select(w => w.Tx.GetWitHash()).ToList();
        var placeholder = new TxValidationState();
        if (args.PackageFeerates && !CheckFeeRate(_subpackage.TotalVsize, _subpackage.TotalModifiedFees, placeholder))
        {
            packageState.Invalid(PackageValidationResult.Tx, "transaction failed");
            return new PackageMempoolAcceptResult(packageState, new Dictionary<uint256, MempoolAcceptResult>
            {
                [workspaces[^1].Tx.GetWitHash()] = MempoolAcceptResult.FeeFailure(placeholder, packageFeeRate, allWtxids),
            });
        }

        if (_subpackage.Rbf && !PackageRbfChecks(txns, workspaces, packageState)) return new PackageMempoolAcceptResult(packageState, results);

        if (!_subpackage.ChangeSet!.CheckMemPoolPolicyLimits())
        {
            packageState.Invalid(PackageValidationResult.Policy, "too-large-cluster", "");
            return new PackageMempoolAcceptResult(packageState, results);
        }

        if (Options.RequireStandard)
        {
            var childState = new TxValidationState();
            if (!EphemeralPolicy.CheckEphemeralSpends(txns, Options.DustRelayFeeRate, _pool, childState, out var childWtxid))
            {
                packageState.Invalid(PackageValidationResult.Tx, "unspent-dust");
                results[childWtxid!] = MempoolAcceptResult.Failure(childState);
                return new PackageMempoolAcceptResult(packageState, results);
            }
        }

        foreach (var ws in workspaces)
        {
            ws.PackageFeeRate = packageFeeRate;
            if (!PolicyScriptChecks(ws))
            {
                packageState.Invalid(PackageValidationResult.Tx, "transaction failed");
                results[ws.Tx.GetWitHash()] = MempoolAcceptResult.Failure(ws.State);
                return new PackageMempoolAcceptResult(packageState, results);
            }
            if (args.TestAccept)
            {
                var effective = args.PackageFeerates ? ws.PackageFeeRate : TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize);
                IReadOnlyList<uint256> includes = args.PackageFeerates ? allWtxids : [ws.Tx.GetWitHash()];
                results[ws.Tx.GetWitHash()] = MempoolAcceptResult.Success(_subpackage.ReplacedTransactions.ToList(), ws.VirtualSize, ws.BaseFees, effective, includes);
            }
        }

        if (args.TestAccept) return new PackageMempoolAcceptResult(packageState, results);
        SubmitPackage(args, workspaces, packageState, results);
        return new PackageMempoolAcceptResult(packageState, results);
    }

    private bool PackageRbfChecks(IReadOnlyList<Transaction> txns, List<Workspace> workspaces, PackageValidationState packageState)
    {
        if (workspaces.Count != 2 || !PackagePolicy.IsChildWithParents(txns))
            return packageState.Invalid(PackageValidationResult.Policy, "package RBF failed: package must be 1-parent-1-child");

        // With mempool parents the replacement would make a cluster larger than two; not supported (as Core).
        if (workspaces.Any(w => w.Parents.Count > 0))
            return packageState.Invalid(PackageValidationResult.Policy, "package RBF failed: new transaction cannot have mempool ancestors");

        var directConflicts = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
        foreach (var ws in workspaces) directConflicts.UnionWith(ws.ConflictingEntries);

        var parentWs = workspaces[0];
        var childWs = workspaces[1];
        var allConflicts = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
        if (RbfPolicy.GetEntriesForConflicts(childWs.Tx, _pool, directConflicts, allConflicts) is { } tooMany)
            return packageState.Invalid(PackageValidationResult.Policy, "package RBF failed: too many potential replacements", tooMany);

        foreach (var entry in allConflicts)
        {
            _subpackage.ChangeSet!.StageRemoval(entry);
            _subpackage.ConflictingFees += entry.ModifiedFee;
            _subpackage.ConflictingSize += entry.VirtualSize;
        }

        if (RbfPolicy.PaysForRbf(_subpackage.ConflictingFees, _subpackage.TotalModifiedFees, _subpackage.TotalVsize, Options.IncrementalRelayFeeRate,
                childWs.Txid) is { } fees)
        {
            return packageState.Invalid(PackageValidationResult.Policy, "package RBF failed: insufficient anti-DoS fees", fees);
        }

        // The pair must be a chunk of its own: the child may not merely pay the anti-DoS fees.
        var parentFeeRate = TxFeeRate.FromFee(parentWs.ModifiedFees, parentWs.VirtualSize);
        var packageFeeRate = TxFeeRate.FromFee(_subpackage.TotalModifiedFees, _subpackage.TotalVsize);
        if (packageFeeRate <= parentFeeRate)
        {
            return packageState.Invalid(PackageValidationResult.Policy, "package RBF failed: package feerate is less than or equal to parent feerate",
                $"package feerate {packageFeeRate} <= parent feerate is {parentFeeRate}");
        }

        if (!_subpackage.ChangeSet!.CheckMemPoolPolicyLimits())
            return packageState.Invalid(PackageValidationResult.Policy, "too-large-cluster", "");

        if (RbfPolicy.ImprovesFeerateDiagram(_subpackage.ChangeSet) is { } diagram)
            return packageState.Invalid(PackageValidationResult.Policy, "package RBF failed: " + diagram.Message, "");

        Log.Debug(LogCategory.TxPackages,
            $"package RBF checks passed: parent {txns[0].GetHash()} (wtxid={txns[0].GetWitHash()}), child {txns[^1].GetHash()} (wtxid={txns[^1].GetWitHash()}), package hash ({PackagePolicy.GetPackageHash(txns)})");
        return true;
    }

    private bool SubmitPackage(AcceptArgs args, List<Workspace> workspaces, PackageValidationState packageState,
        Dictionary<uint256, MempoolAcceptResult> results)
    {
        FinalizeSubpackage();
        // Each transaction enters right after its consensus check so its outputs are there for the next one.
        bool allSubmitted = true;
        foreach (var ws in workspaces)
        {
            if (allSubmitted && !ConsensusScriptChecks(ws))
            {
                results[ws.Tx.GetWitHash()] = MempoolAcceptResult.Failure(ws.State);
                allSubmitted = false;
                packageState.Invalid(PackageValidationResult.MempoolError,
                    $"BUG! PolicyScriptChecks succeeded but ConsensusScriptChecks failed: {ws.Txid}");
            }
            if (!allSubmitted && _pool.GetEntry(ws.Txid) is { } entry) _pool.RemoveRecursive(entry.Transaction, Validation.MempoolRemovalReason.Replaced);
        }
        if (!allSubmitted) return false;

        var allWtxids = workspaces.Select(w => w.Tx.GetWitHash()).ToList();
        if (_subpackage.ReplacedTransactions.Count > 0)
        {
            Log.Debug(LogCategory.Mempool,
                $"replaced {_subpackage.ReplacedTransactions.Count} mempool transactions with {workspaces.Count} new one(s) for {_subpackage.TotalModifiedFees - _subpackage.ConflictingFees} additional fees, {_subpackage.TotalVsize - _subpackage.ConflictingSize} delta bytes");
        }
        foreach (var ws in workspaces)
        {
            var effective = args.PackageFeerates ? ws.PackageFeeRate : TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize);
            IReadOnlyList<uint256> includes = args.PackageFeerates ? allWtxids : [ws.Tx.GetWitHash()];
            results[ws.Tx.GetWitHash()] = MempoolAcceptResult.Success(_subpackage.ReplacedTransactions.ToList(), ws.VirtualSize, ws.BaseFees, effective, includes);
            NotifyAdded(ws, args);
        }
        return true;
    }

    private PackageMempoolAcceptResult AcceptSubPackage(IReadOnlyList<Transaction> subpackage, AcceptArgs args)
    {
        try
        {
            if (subpackage.Count > 1) return AcceptMultipleTransactionsInternal(subpackage, args);
            var tx = subpackage[0];
            var single = AcceptSingleTransactionInternal(tx, AcceptArgs.SingleInPackageAccept(args));
            var wrapped = new PackageValidationState();
            if (single.ResultType != MempoolAcceptResultType.Valid) wrapped.Invalid(PackageValidationResult.Tx, "transaction failed");
            return new PackageMempoolAcceptResult(wrapped, new Dictionary<uint256, MempoolAcceptResult> { [tx.GetWitHash()] = single });
        }
        finally
        {
            ClearSubPackageState();
        }
    }

    /// <summary>
    /// A single transaction or a child with its parents (Core's AcceptPackage): transactions already in the mempool are
    /// skipped, each other one is tried alone first, and those that failed only for fee reasons (or missing a parent
    /// that failed so) are retried together with the package fee rate.
    /// </summary>
    public PackageMempoolAcceptResult AcceptPackage(IReadOnlyList<Transaction> package, AcceptArgs args)
    {
        var quitEarlyState = new PackageValidationState();
        if (!PackagePolicy.IsWellFormedPackage(package, quitEarlyState)) return new PackageMempoolAcceptResult(quitEarlyState, new Dictionary<uint256, MempoolAcceptResult>());
        if (package.Count > 1 && !PackagePolicy.IsChildWithParents(package))
        {
            quitEarlyState.Invalid(PackageValidationResult.Policy, "package-not-child-with-parents");
            return new PackageMempoolAcceptResult(quitEarlyState, new Dictionary<uint256, MempoolAcceptResult>());
        }

        lock (_pool.Lock)
        {
            var resultsFinal = new Dictionary<uint256, MempoolAcceptResult>();
            var individualNonFinal = new Dictionary<uint256, MempoolAcceptResult>();
            bool quitEarly = false;
            var toEvaluate = new List<Transaction>();
            foreach (var tx in package)
            {
                var wtxid = tx.GetWitHash();
                var txid = tx.GetHash();
                if (_pool.GetEntryByWtxid(wtxid) is { } same)
                {
                    resultsFinal[wtxid] = MempoolAcceptResult.MempoolTx(same.VirtualSize, same.Fee);
                }
                else if (_pool.GetEntry(txid) is { } other)
                {
                    // Witness replacement within packages is not supported: report the mempool's version.
                    resultsFinal[wtxid] = MempoolAcceptResult.MempoolTxDifferentWitness(other.Wtxid);
                }
                else
                {
                    var single = AcceptSubPackage([tx], args).TxResults[wtxid];
                    if (single.ResultType == MempoolAcceptResultType.Valid)
                    {
                        resultsFinal[wtxid] = single;
                    }
                    else if (package.Count == 1 ||
                             (single.State.Result != TxValidationResult.Reconsiderable && single.State.Result != TxValidationResult.MissingInputs))
                    {
                        // A package cannot fix anything but fees: keep validating the others individually only.
                        quitEarly = true;
                        quitEarlyState.Invalid(PackageValidationResult.Tx, "transaction failed");
                        individualNonFinal[wtxid] = single;
                    }
                    else
                    {
                        individualNonFinal[wtxid] = single;
                        toEvaluate.Add(tx);
                    }
                }
            }

            var multi = quitEarly || toEvaluate.Count == 0
                ? new PackageMempoolAcceptResult(quitEarlyState, new Dictionary<uint256, MempoolAcceptResult>())
                : AcceptSubPackage(toEvaluate, args);
            var finalState = multi.State;

            ClearSubPackageState();
            // Package transactions, new or old, may be evicted here.
            LimitMempoolSize();

            foreach (var tx in package)
            {
                var wtxid = tx.GetWitHash();
                if (multi.TxResults.TryGetValue(wtxid, out var result))
                {
                    if (result.ResultType == MempoolAcceptResultType.Valid && !_pool.ExistsWtxid(wtxid))
                    {
                        finalState.Invalid(PackageValidationResult.Tx, "transaction failed");
                        var full = new TxValidationState();
                        full.Invalid(TxValidationResult.MempoolPolicy, "mempool full");
                        resultsFinal[wtxid] = MempoolAcceptResult.Failure(full);
                    }
                    else
                    {
                        resultsFinal[wtxid] = result;
                    }
                }
                else if (resultsFinal.ContainsKey(wtxid))
                {
                    if (!_pool.Exists(tx.GetHash()))
                    {
                        finalState.Invalid(PackageValidationResult.Tx, "transaction failed");
                        var full = new TxValidationState();
                        full.Invalid(TxValidationResult.MempoolPolicy, "mempool full");
                        resultsFinal[wtxid] = MempoolAcceptResult.Failure(full);
                    }
                }
                else if (individualNonFinal.TryGetValue(wtxid, out var individual))
                {
                    resultsFinal[wtxid] = individual;
                }
            }
            return new PackageMempoolAcceptResult(finalState, resultsFinal);
        }
    }
}
