using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Kernel.Policy;

/// <summary>
/// Ephemeral dust (Core's policy/ephemeral_policy.cpp): a transaction may have one dust output only if it pays no fee,
/// and the dust must be spent by a child in the same package or in the mempool.
/// </summary>
public static class EphemeralPolicy
{
    /// <summary>A transaction with dust must pay zero fee and zero modified fee ("dust", "tx with dust output must be 0-fee").</summary>
    public static bool PreCheckEphemeralTx(Transaction tx, TxFeeRate dustRelayRate, long baseFee, long modifiedFee, TxValidationState state)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(state);
        if ((baseFee != 0 || modifiedFee != 0) && StandardPolicy.GetDust(tx, dustRelayRate).Count > 0)
            return state.Invalid(TxValidationResult.NotStandard, "dust", "tx with dust output must be 0-fee");
        return true;
    }

    /// <summary>
    /// Every transaction of the package spends all the dust of its parents in the package or the mempool. On
    /// failure: "missing-ephemeral-spends" in <paramref name="childState"/> with the child's wtxid.
    /// </summary>
    public static bool CheckEphemeralSpends(IReadOnlyList<Transaction> package, TxFeeRate dustRelayRate, TxMemPool pool,
        TxValidationState childState, out uint256? childWtxid)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(childState);
        childWtxid = null;
        var byTxid = new Dictionary<uint256, Transaction>();
        foreach (var tx in package) byTxid[tx.GetHash()] = tx;

        foreach (var tx in package)
        {
            var processed = new HashSet<uint256>();
            var unspentDust = new HashSet<OutPoint>();
            foreach (var input in tx.Inputs)
            {
                var parentTxid = input.PrevOut.Hash;
                if (!processed.Add(parentTxid)) continue;
                var parent = byTxid.GetValueOrDefault(parentTxid) ?? pool.Get(parentTxid);
                if (parent is null) continue;
                for (int i = 0; i < parent.Outputs.Count; i++)
                {
                    if (StandardPolicy.IsDust(parent.Outputs[i], dustRelayRate)) unspentDust.Add(new OutPoint(parentTxid, i));
                }
            }
            if (unspentDust.Count == 0) continue;
            foreach (var input in tx.Inputs) unspentDust.Remove(input.PrevOut);
            if (unspentDust.Count > 0)
            {
                childWtxid = tx.GetWitHash();
                childState.Invalid(TxValidationResult.MempoolPolicy, "missing-ephemeral-spends",
                    $"tx {tx.GetHash()} (wtxid={childWtxid}) did not spend parent's ephemeral dust");
                return false;
            }
        }
        return true;
    }
}
