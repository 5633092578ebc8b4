using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

// Fee deltas, the rolling minimum fee and the unbroadcast set.
public sealed partial class TxMemPool
{
    /// <summary>
    /// The fee rate a transaction needs to enter now (Core's GetMinFee): zero until something was evicted for size,
    /// then the evicted rate decaying with a 12-hour half-life (faster while the pool is under half or a quarter full)
    /// once a block arrived, and back to zero below half the incremental relay fee.
    /// </summary>
    public TxFeeRate GetMinFee() => GetMinFee(Options.MaxSizeBytes);

    /// <summary><see cref="GetMinFee()"/> for another size limit.</summary>
    public TxFeeRate GetMinFee(long sizeLimit)
    {
        lock (Lock)
        {
            if (!_blockSinceLastRollingFeeBump || _rollingMinimumFeeRate == 0)
                return TxFeeRate.FromSatoshisPerKvB((long)Math.Round(_rollingMinimumFeeRate, MidpointRounding.AwayFromZero));

            long time = Now();
            if (time > _lastRollingFeeUpdate + 10)
            {
                double halfLife = RollingFeeHalfLife;
                long usage = DynamicMemoryUsage;
                if (usage < sizeLimit / 4) halfLife /= 4;
                else if (usage < sizeLimit / 2) halfLife /= 2;
                _rollingMinimumFeeRate /= Math.Pow(2.0, (time - _lastRollingFeeUpdate) / halfLife);
                _lastRollingFeeUpdate = time;
                if (_rollingMinimumFeeRate < Options.IncrementalRelayFeeRate.FeePerKvB / 2.0)
                {
                    _rollingMinimumFeeRate = 0;
                    return TxFeeRate.Zero;
                }
            }
            return TxFeeRate.Max(TxFeeRate.FromSatoshisPerKvB((long)Math.Round(_rollingMinimumFeeRate, MidpointRounding.AwayFromZero)),
                Options.IncrementalRelayFeeRate);
        }
    }

    /// <summary>
    /// Adds <paramref name="feeDelta"/> to the fee mining and eviction count for <paramref name="txid"/>
    /// (prioritisetransaction); deltas add up and are kept for transactions not (yet) in the mempool.
    /// </summary>
    public void PrioritiseTransaction(uint256 txid, long feeDelta)
    {
        ArgumentNullException.ThrowIfNull(txid);
        lock (Lock)
        {
            long delta = SaturatingAdd(_deltas.GetValueOrDefault(txid), feeDelta);
            bool inMempool = _byTxid.TryGetValue(txid, out var entry);
            if (inMempool)
            {
                entry!.ModifiedFee = SaturatingAdd(entry.ModifiedFee, feeDelta);
                _graph.FeeChanged(entry);
                Interlocked.Increment(ref _transactionsUpdated);
            }
            if (delta == 0)
            {
                _deltas.Remove(txid);
                Log.Info($"PrioritiseTransaction: {txid} ({(inMempool ? "" : "not ")}in mempool) delta cleared");
            }
            else
            {
                _deltas[txid] = delta;
                Log.Info($"PrioritiseTransaction: {txid} ({(inMempool ? "" : "not ")}in mempool) fee += {FormatMoney(feeDelta)}, new delta={FormatMoney(delta)}");
            }
        }
    }

    /// <summary>The fee delta recorded for <paramref name="txid"/> (0 if none).</summary>
    public long GetDelta(uint256 txid)
    {
        lock (Lock) return _deltas.GetValueOrDefault(txid);
    }

    /// <summary>All recorded deltas (getprioritisedtransactions).</summary>
    public List<PrioritisedTransaction> GetPrioritisedTransactions()
    {
        lock (Lock)
        {
            // Core's map of deltas iterates in txid order.
            return _deltas.OrderBy(d => Internal.TxidOrderKey.From(d.Key)).Select(d =>
            {
                bool inMempool = _byTxid.TryGetValue(d.Key, out var entry);
                return new PrioritisedTransaction(d.Key, inMempool, d.Value, inMempool ? entry!.ModifiedFee : null);
            }).ToList();
        }
    }

    /// <summary>Forgets the delta of <paramref name="txid"/>.</summary>
    public void ClearPrioritisation(uint256 txid)
    {
        lock (Lock) _deltas.Remove(txid);
    }

    /// <summary>Remembers a locally submitted mempool transaction until a peer asks for it (Core's AddUnbroadcastTx).</summary>
    public void AddUnbroadcastTx(uint256 txid)
    {
        lock (Lock)
        {
            if (_byTxid.ContainsKey(txid)) _unbroadcast.Add(txid);
        }
    }

    /// <summary>Forgets an unbroadcast transaction (a peer requested it, or it left the mempool).</summary>
    public void RemoveUnbroadcastTx(uint256 txid, bool unchecked_ = false)
    {
        lock (Lock)
        {
            if (_unbroadcast.Remove(txid))
                Log.Debug(LogCategory.Mempool, $"Removed {txid} from set of unbroadcast txns{(unchecked_ ? " before confirmation that txn was sent out" : "")}");
        }
    }

    /// <summary>The unbroadcast txids.</summary>
    public List<uint256> GetUnbroadcastTxs()
    {
        lock (Lock) return _unbroadcast.ToList();
    }

    /// <summary>True if <paramref name="txid"/> is in the unbroadcast set.</summary>
    public bool IsUnbroadcastTx(uint256 txid)
    {
        lock (Lock) return _unbroadcast.Contains(txid);
    }

    internal static long SaturatingAdd(long a, long b)
    {
        long sum = unchecked(a + b);
        // Overflow happened when both operands have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? long.MinValue : long.MaxValue;
        return sum;
    }
}
