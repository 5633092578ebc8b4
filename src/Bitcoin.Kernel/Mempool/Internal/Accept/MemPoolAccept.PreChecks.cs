using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal.Accept;

// The cheap checks (Core's PreChecks), replacement checks and script checks of one transaction.
internal sealed partial class MemPoolAccept
{
    private bool PreChecks(AcceptArgs args, Workspace ws)
    {
        var tx = ws.Tx;
        var state = ws.State;

        if (!TxChecks.CheckTransaction(tx, state)) return false;
        if (tx.IsCoinBase) return state.Invalid(TxValidationResult.Consensus, "coinbase");

        if (Options.RequireStandard &&
            !StandardPolicy.IsStandardTx(tx, Options.MaxDatacarrierBytes, Options.PermitBareMultisig, Options.DustRelayFeeRate, out var reason))
        {
            return state.Invalid(TxValidationResult.NotStandard, reason);
        }

        // Transactions of 64 non-witness bytes or less could pass for inner merkle nodes (CVE-2017-12842).
        if (TxChecks.StrippedSize(tx) < PolicyConstants.MinStandardTxNonWitnessSize)
            return state.Invalid(TxValidationResult.NotStandard, "tx-size-small");

        var tip = Tip;
        if (!TxChecks.IsFinalTx(tx, tip.Height + 1, tip.GetMedianTimePast()))
            return state.Invalid(TxValidationResult.PrematureSpend, "non-final");

        if (_pool.ExistsWtxid(tx.GetWitHash())) return state.Invalid(TxValidationResult.Conflict, "txn-already-in-mempool");
        if (_pool.Exists(ws.Txid)) return state.Invalid(TxValidationResult.Conflict, "txn-same-nonwitness-data-in-mempool");

        foreach (var input in tx.Inputs)
        {
            var conflicting = _pool.GetConflictTx(input.PrevOut);
            if (conflicting is null) continue;
            if (!args.AllowReplacement) return state.Invalid(TxValidationResult.MempoolPolicy, "bip125-replacement-disallowed");
            ws.Conflicts.Add(conflicting.GetHash());
        }

        _viewBackend.Backend = _viewMempool;
        var coinsCache = CoinsTip;
        foreach (var input in tx.Inputs)
        {
            if (!coinsCache.HaveCoinInCache(input.PrevOut)) args.CoinsToUncache.Add(input.PrevOut);
            // This may pull the coin into the chainstate's cache; CoinsToUncache takes it out again on rejection.
            if (!_view.HaveCoin(input.PrevOut))
            {
                for (int o = 0; o < tx.Outputs.Count; o++)
                {
                    if (coinsCache.HaveCoinInCache(new OutPoint(ws.Txid, o))) return state.Invalid(TxValidationResult.Conflict, "txn-already-known");
                }
                // Possibly an orphan whose parents have not arrived yet.
                return state.Invalid(TxValidationResult.MissingInputs, "bad-txns-inputs-missingorspent");
            }
        }
        _view.GetBestBlock();
        // Everything needed is cached now: later look-ups must not reach the backend (and escape CoinsToUncache).
        _viewBackend.SetEmpty();

        var lockPoints = CalculateLockPointsAtTip(tip, _view, tx);
        if (lockPoints is null || !CheckSequenceLocksAtTip(tip, lockPoints))
            return state.Invalid(TxValidationResult.PrematureSpend, "non-BIP68-final");

        var spentCoins = tx.Inputs.Select(i => _view.GetCoin(i.PrevOut)).ToArray();
        if (!TxChecks.CheckTxInputs(tx, state, spentCoins, tip.Height + 1, out var fee)) return false;
        ws.BaseFees = fee.Satoshi;
        ws.SpentOutputs = spentCoins.Select(c => c!.Output).ToArray();

        if (Options.RequireStandard)
        {
            var inputsState = StandardPolicy.ValidateInputsStandardness(tx, _view);
            if (inputsState.IsInvalid)
            {
                ws.State = inputsState;
                return false;
            }
        }

        if (tx.HasWitness && Options.RequireStandard && !StandardPolicy.IsWitnessStandard(tx, _view))
            return state.Invalid(TxValidationResult.WitnessMutated, "bad-witness-nonstandard");

        long sigOpsCost = SigOps.GetTransactionSigOpCost(tx, ws.SpentOutputs, ScriptChecks.Standard);
        bool spendsCoinbase = spentCoins.Any(c => c!.IsCoinbase);

        // Transactions re-added from disconnected blocks get sequence 0, so they sort before children already here.
        ulong entrySequence = args.BypassLimits ? 0 : _pool.Sequence;
        _subpackage.ChangeSet ??= _pool.GetChangeSet();
        ws.Entry = _subpackage.ChangeSet.StageAddition(tx, ws.BaseFees, args.AcceptTime, Chain.Height, entrySequence, spendsCoinbase, sigOpsCost, lockPoints);
        ws.ModifiedFees = ws.Entry.ModifiedFee;
        ws.VirtualSize = ws.Entry.VirtualSize;

        if (Options.RequireStandard && !EphemeralPolicy.PreCheckEphemeralTx(tx, Options.DustRelayFeeRate, ws.BaseFees, ws.ModifiedFees, state))
            return false;

        if (sigOpsCost > PolicyConstants.MaxStandardTxSigOpsCost)
            return state.Invalid(TxValidationResult.NotStandard, "bad-txns-too-many-sigops", sigOpsCost.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Package transactions are checked against the package rate later; disconnected block transactions never are.
        if (!args.BypassLimits && !args.PackageFeerates && !CheckFeeRate(ws.VirtualSize, ws.ModifiedFees, state)) return false;

        foreach (var txid in ws.Conflicts)
        {
            if (_pool.GetEntry(txid) is { } entry) ws.ConflictingEntries.Add(entry);
        }
        ws.Parents = _pool.GetParents(ws.Entry);

        if (!args.BypassLimits)
        {
            if (TrucPolicy.SingleTrucChecks(_pool, tx, ws.Parents, ws.Conflicts, ws.VirtualSize) is { } truc)
            {
                if (args.AllowSiblingEviction && truc.Sibling is { } sibling)
                {
                    // The sibling goes through the replacement checks like a conflict.
                    ws.Conflicts.Add(sibling.GetHash());
                    ws.ConflictingEntries.Add(_pool.GetEntry(sibling.GetHash())!);
                    ws.SiblingEviction = true;
                }
                else
                {
                    return state.Invalid(TxValidationResult.MempoolPolicy, "TRUC-violation", truc.Error);
                }
            }
        }

        _subpackage.Rbf |= ws.Conflicts.Count > 0;
        return true;
    }

    private bool ReplacementChecks(Workspace ws)
    {
        var state = ws.State;
        var allConflicts = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
        string sibling = ws.SiblingEviction ? " (including sibling eviction)" : "";

        if (RbfPolicy.GetEntriesForConflicts(ws.Tx, _pool, ws.ConflictingEntries, allConflicts) is { } tooMany)
            return state.Invalid(TxValidationResult.MempoolPolicy, $"too many potential replacements{sibling}", tooMany);

        foreach (var entry in allConflicts)
        {
            _subpackage.ConflictingFees += entry.ModifiedFee;
            _subpackage.ConflictingSize += entry.VirtualSize;
        }

        if (RbfPolicy.PaysForRbf(_subpackage.ConflictingFees, ws.ModifiedFees, ws.VirtualSize, Options.IncrementalRelayFeeRate, ws.Txid) is { } fees)
            return state.Invalid(TxValidationResult.Reconsiderable, $"insufficient fee{sibling}", fees);

        foreach (var entry in allConflicts) _subpackage.ChangeSet!.StageRemoval(entry);

        if (!_subpackage.ChangeSet!.CheckMemPoolPolicyLimits())
            return state.Invalid(TxValidationResult.MempoolPolicy, "too-large-cluster", "");

        if (RbfPolicy.ImprovesFeerateDiagram(_subpackage.ChangeSet) is { } diagram)
            return state.Invalid(TxValidationResult.Reconsiderable, "replacement-failed", diagram.Message);
        return true;
    }

    private bool PolicyScriptChecks(Workspace ws)
    {
        var tx = ws.Tx;
        ws.Precomputed ??= ScriptChecks.Precompute(tx, ws.SpentOutputs);
        if (!ScriptChecks.CheckInputScripts(tx, ws.State, ws.SpentOutputs, ScriptChecks.Standard, cacheFullScriptStore: false,
                ws.Precomputed, _chainman.ValidationCache))
        {
            // A missing witness lets relay code avoid caching the rejection under the txid.
            if (!tx.HasWitness && StandardPolicy.SpendsNonAnchorWitnessProg(tx, _view))
                ws.State.Invalid(TxValidationResult.WitnessStripped, ws.State.RejectReason, ws.State.DebugMessage);
            return false;
        }
        return true;
    }

    // Checks again under the tip's consensus flags, caching the result so the block connecting it skips the work.
    private bool ConsensusScriptChecks(Workspace ws)
    {
        var flags = ScriptFlags.GetBlockScriptFlags(Tip, _chainman.ChainParams);
        foreach (var (input, spent) in ws.Tx.Inputs.Zip(ws.SpentOutputs))
        {
            // The coins came from the UTXO set or the mempool and the locks were held since: they must still match.
            var fromPool = _pool.Get(input.PrevOut.Hash);
            var expected = fromPool is not null ? fromPool.Outputs[(int)input.PrevOut.N] : CoinsTip.AccessCoin(input.PrevOut).Output;
            if (expected.Value != spent.Value || expected.ScriptPubKey != spent.ScriptPubKey)
                throw new InvalidOperationException($"Input {input.PrevOut} of {ws.Txid} changed during acceptance.");
        }
        ws.Precomputed ??= ScriptChecks.Precompute(ws.Tx, ws.SpentOutputs);
        if (!ScriptChecks.CheckInputScripts(ws.Tx, ws.State, ws.SpentOutputs, flags, cacheFullScriptStore: true, ws.Precomputed, _chainman.ValidationCache))
        {
            Log.Error($"BUG! PLEASE REPORT THIS! CheckInputScripts failed against latest-block but not STANDARD flags {ws.Txid}, {ws.State}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The lock points of <paramref name="tx"/> for a block on <paramref name="tip"/> (Core's CalculateLockPointsAtTip);
    /// inputs from the mempool count as confirmed in that block. Null when an input is missing.
    /// </summary>
    internal static LockPoints? CalculateLockPointsAtTip(BlockIndex tip, ICoinsView coins, Transaction tx)
    {
        var prevHeights = new int[tx.Inputs.Count];
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var coin = coins.GetCoin(tx.Inputs[i].PrevOut);
            if (coin is null)
            {
                Log.Info($"ERROR: CalculatePrevHeights: Missing input {i} in transaction '{tx.GetHash()}'");
                return null;
            }
            prevHeights[i] = coin.Height == TxMemPool.MempoolHeight ? tip.Height + 1 : coin.Height;
        }
        var next = NextBlock(tip);
        var (minHeight, minTime) = SequenceLocks.CalculateSequenceLocks(tx, ConsensusConstants.LockTimeVerifySequence, prevHeights, next);
        // The highest block holding a confirmed input: while it stays in the chain, the lock points stay valid.
        int maxInputHeight = 0;
        foreach (int height in prevHeights)
        {
            if (height != next.Height) maxInputHeight = Math.Max(maxInputHeight, height);
        }
        return new LockPoints(minHeight, minTime, tip.GetAncestor(maxInputHeight));
    }

    /// <summary>True when lock points allow the transaction in the block after <paramref name="tip"/> (Core's CheckSequenceLocksAtTip).</summary>
    internal static bool CheckSequenceLocksAtTip(BlockIndex tip, LockPoints lockPoints) =>
        SequenceLocks.EvaluateSequenceLocks(NextBlock(tip), (lockPoints.Height, lockPoints.Time));

    // A stand-in for the next block: only its height and parent matter to the lock checks.
    private static BlockIndex NextBlock(BlockIndex tip) =>
        new(uint256.Zero, 0, uint256.Zero, 0, 0, 0) { Previous = tip, Height = tip.Height + 1 };
}
