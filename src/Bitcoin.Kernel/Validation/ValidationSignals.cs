using System.Collections.Immutable;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// Delivers validation events to <see cref="IValidationInterface"/> subscribers (Core's ValidationSignals with its
/// single-threaded background queue). Queued events run in order on one dedicated thread; see
/// <see cref="IValidationInterface"/> for which events are queued and which are synchronous. Thread-safe.
/// </summary>
public sealed class ValidationSignals : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<Action> _queue = new();
    private readonly Thread _thread;
    private ImmutableArray<IValidationInterface> _subscribers = [];
    private bool _stopping;
    private bool _running;

    /// <summary>Starts the delivery thread.</summary>
    public ValidationSignals()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "b-scheduler" };
        _thread.Start();
    }

    /// <summary>Queued events not yet delivered (including one being delivered).</summary>
    public int CallbacksPending
    {
        get
        {
            lock (_gate) return _queue.Count + (_running ? 1 : 0);
        }
    }

    /// <summary>Subscribes <paramref name="subscriber"/>; dispose the result to unsubscribe.</summary>
    public IDisposable Register(IValidationInterface subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(subscriber));
        return new Subscription(this, subscriber);
    }

    /// <summary>Unsubscribes; queued events already taken for delivery may still reach it.</summary>
    public void Unregister(IValidationInterface subscriber) =>
        ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(subscriber));

    /// <summary>
    /// Waits until every event queued before this call has been delivered (Core's SyncWithValidationInterfaceQueue).
    /// Must not be called with the chainstate lock held, nor from a subscriber.
    /// </summary>
    public void SyncWithValidationInterfaceQueue()
    {
        if (Thread.CurrentThread == _thread) return;
        using var done = new ManualResetEventSlim();
        lock (_gate)
        {
            if (_stopping) return;
            _queue.Enqueue(done.Set);
            Monitor.PulseAll(_gate);
        }
        done.Wait();
    }

    /// <summary>Queues <see cref="IValidationInterface.UpdatedBlockTip"/>.</summary>
    public void UpdatedBlockTip(BlockIndex newTip, BlockIndex? fork, bool initialDownload)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing UpdatedBlockTip: new block hash={newTip.Hash} fork block hash={fork?.Hash.ToString() ?? "null"} (in IBD={(initialDownload ? "true" : "false")})");
        Enqueue(s => s.UpdatedBlockTip(newTip, fork, initialDownload));
    }

    /// <summary>Calls <see cref="IValidationInterface.ActiveTipChange"/> synchronously.</summary>
    public void ActiveTipChange(BlockIndex newTip, bool initialDownload) => Invoke(s => s.ActiveTipChange(newTip, initialDownload));

    /// <summary>Queues <see cref="IValidationInterface.BlockConnected"/>.</summary>
    public void BlockConnected(Block block, BlockIndex index)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing BlockConnected: block hash={index.Hash} block height={index.Height}");
        Enqueue(s => s.BlockConnected(block, index));
    }

    /// <summary>Queues <see cref="IValidationInterface.BlockDisconnected"/>.</summary>
    public void BlockDisconnected(Block block, BlockIndex index)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing BlockDisconnected: block hash={index.Hash} block height={index.Height}");
        Enqueue(s => s.BlockDisconnected(block, index));
    }

    /// <summary>Queues <see cref="IValidationInterface.ChainStateFlushed"/>.</summary>
    public void ChainStateFlushed(BlockLocator locator)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing ChainStateFlushed: block hash={(locator.Blocks.Count == 0 ? "null" : locator.Blocks[0].ToString())}");
        Enqueue(s => s.ChainStateFlushed(locator));
    }

    /// <summary>Calls <see cref="IValidationInterface.BlockChecked"/> synchronously.</summary>
    public void BlockChecked(Block block, BlockValidationState state) => Invoke(s => s.BlockChecked(block, state));

    /// <summary>Calls <see cref="IValidationInterface.NewPoWValidBlock"/> synchronously.</summary>
    public void NewPoWValidBlock(BlockIndex index, Block block) => Invoke(s => s.NewPoWValidBlock(index, block));

    /// <summary>Queues <see cref="IValidationInterface.TransactionAddedToMempool"/>.</summary>
    public void TransactionAddedToMempool(NewMempoolTransactionInfo tx, ulong mempoolSequence)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing TransactionAddedToMempool: txid={tx.Transaction.GetHash()} wtxid={tx.Transaction.GetWitHash()}");
        Enqueue(s => s.TransactionAddedToMempool(tx, mempoolSequence));
    }

    /// <summary>Queues <see cref="IValidationInterface.TransactionRemovedFromMempool"/>.</summary>
    public void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason, ulong mempoolSequence)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing TransactionRemovedFromMempool: txid={tx.GetHash()} wtxid={tx.GetWitHash()} reason={reason.ToString().ToLowerInvariant()}");
        Enqueue(s => s.TransactionRemovedFromMempool(tx, reason, mempoolSequence));
    }

    /// <summary>Queues <see cref="IValidationInterface.MempoolTransactionsRemovedForBlock"/>.</summary>
    public void MempoolTransactionsRemovedForBlock(Block block, IReadOnlyList<RemovedMempoolTransactionInfo> removed, int blockHeight)
    {
        Log.Debug(LogCategory.Validation, $"Enqueuing MempoolTransactionsRemovedForBlock: block hash={block.GetHash()} block height={blockHeight} txs removed={removed.Count} block txs={block.Transactions.Count}");
        Enqueue(s => s.MempoolTransactionsRemovedForBlock(block, removed, blockHeight));
    }

    /// <summary>Delivers what is queued, then stops the thread; later events are dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    private void Enqueue(Action<IValidationInterface> callback)
    {
        lock (_gate)
        {
            if (_stopping) return;
            _queue.Enqueue(() => Invoke(callback));
            Monitor.PulseAll(_gate);
        }
    }

    private void Invoke(Action<IValidationInterface> callback)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                callback(subscriber);
            }
            catch (Exception e)
            {
                // One faulty subscriber must not stop delivery to the others or kill the queue.
                Log.Error($"Validation interface subscriber {subscriber.GetType().Name} failed: {e.Message}");
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            Action next;
            lock (_gate)
            {
                _running = false;
                while (_queue.Count == 0)
                {
                    if (_stopping) return;
                    Monitor.Wait(_gate);
                }
                next = _queue.Dequeue();
                _running = true;
            }
            next();
        }
    }

    private sealed class Subscription(ValidationSignals owner, IValidationInterface subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unregister(subscriber);
        }
    }
}
