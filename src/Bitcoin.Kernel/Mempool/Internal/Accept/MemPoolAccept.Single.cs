using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal.Accept;

// One transaction (Core's AcceptSingleTransactionInternal) and committing a validated subpackage.
internal sealed partial class MemPoolAccept
{
    private MempoolAcceptResult AcceptSingleTransactionInternal(Transaction tx, AcceptArgs args)
    {
        var ws = new Workspace(tx);
        IReadOnlyList<uint256> singleWtxid = [tx.GetWitHash()];

        if (!PreChecks(args, ws))
        {
            return ws.State.Result == TxValidationResult.Reconsiderable
                ? MempoolAcceptResult.FeeFailure(ws.State, TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize), singleWtxid)
                : MempoolAcceptResult.Failure(ws.State);
        }

        if (_subpackage.Rbf && !ReplacementChecks(ws))
        {
            return ws.State.Result == TxValidationResult.Reconsiderable
                ? MempoolAcceptResult.FeeFailure(ws.State, TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize), singleWtxid)
                : MempoolAcceptResult.Failure(ws.State);
        }

        if (!_subpackage.ChangeSet!.CheckMemPoolPolicyLimits())
        {
            ws.State.Invalid(TxValidationResult.MempoolPolicy, "too-large-cluster", "");
            return MempoolAcceptResult.Failure(ws.State);
        }

        if (ws.Conflicts.Count > 0)
        {
            // Spending an output of a transaction it replaces would leave the replacement without inputs.
            var ancestors = _subpackage.ChangeSet.CalculateMemPoolAncestors(ws.Entry!);
            if (RbfPolicy.EntriesAndTxidsDisjoint(ancestors, ws.Conflicts, ws.Txid) is { } spendsConflict)
            {
                ws.State.Invalid(TxValidationResult.Consensus, "bad-txns-spends-conflicting-tx", spendsConflict);
                return MempoolAcceptResult.Failure(ws.State);
            }
        }

        _subpackage.TotalVsize = ws.VirtualSize;
        _subpackage.TotalModifiedFees = ws.ModifiedFees;

        if (args.ClientMaxFeeRate is { } maxFeeRate && TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize) > maxFeeRate)
        {
            ws.State.Invalid(TxValidationResult.MempoolPolicy, "max feerate exceeded", "");
            return MempoolAcceptResult.Failure(ws.State);
        }

        if (!args.BypassLimits && Options.RequireStandard &&
            !EphemeralPolicy.CheckEphemeralSpends([tx], Options.DustRelayFeeRate, _pool, ws.State, out _))
        {
            return MempoolAcceptResult.Failure(ws.State);
        }

        // The expensive checks last, so cheap rejections cost an attacker's peer little of our time.
        if (!PolicyScriptChecks(ws)) return MempoolAcceptResult.Failure(ws.State);
        if (!ConsensusScriptChecks(ws)) return MempoolAcceptResult.Failure(ws.State);

        var effectiveFeeRate = TxFeeRate.FromFee(ws.ModifiedFees, ws.VirtualSize);
        if (args.TestAccept)
            return MempoolAcceptResult.Success(_subpackage.ReplacedTransactions.ToList(), ws.VirtualSize, ws.BaseFees, effectiveFeeRate, singleWtxid);

        FinalizeSubpackage();

        if (!args.PackageSubmission && !args.BypassLimits)
        {
            LimitMempoolSize();
            CleanupTemporaryCoins();
            if (!_pool.Exists(ws.Txid))
            {
                // Evicted at once: below the new minimum fee, though a package might still carry it.
                ws.State.Invalid(TxValidationResult.Reconsiderable, "mempool full");
                return MempoolAcceptResult.FeeFailure(ws.State, effectiveFeeRate, singleWtxid);
            }
        }

        NotifyAdded(ws, args);

        if (_subpackage.ReplacedTransactions.Count > 0)
        {
            Log.Debug(LogCategory.Mempool,
                $"replaced {_subpackage.ReplacedTransactions.Count} mempool transactions with 1 new transaction for {ws.ModifiedFees - _subpackage.ConflictingFees} additional fees, {ws.VirtualSize - _subpackage.ConflictingSize} delta bytes");
        }
        return MempoolAcceptResult.Success(_subpackage.ReplacedTransactions.ToList(), ws.VirtualSize, ws.BaseFees, effectiveFeeRate, singleWtxid);
    }

    // Removes the conflicts and adds the staged transactions (Core's FinalizeSubpackage).
    private void FinalizeSubpackage()
    {
        var changeSet = _subpackage.ChangeSet!;
        var feeRate = new FeeFrac(_subpackage.TotalModifiedFees, (int)_subpackage.TotalVsize);
        foreach (var removed in changeSet.Removals)
        {
            if (Log.IsEnabled(LogCategory.Mempool, LogLevel.Debug))
            {
                string replacement = changeSet.Added.Count == 1
                    ? $"New tx {changeSet.Added[0].Txid} (wtxid={changeSet.Added[0].Wtxid}, fees={feeRate.Fee}, vsize={feeRate.Size})"
                    : $"New package {PackagePolicy.GetPackageHash(changeSet.Added.Select(e => e.Transaction))} with {changeSet.Added.Count} txs, fees={feeRate.Fee}, vsize={feeRate.Size}";
                Log.Debug(LogCategory.Mempool,
                    $"replacing mempool tx {removed.Txid} (wtxid={removed.Wtxid}, fees={removed.Fee}, vsize={removed.VirtualSize}). {replacement}");
            }
            _subpackage.ReplacedTransactions.Add(removed.Transaction);
        }
        changeSet.Apply();
        changeSet.Dispose();
        _subpackage.ChangeSet = null;
    }
}
