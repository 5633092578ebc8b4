namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Runs a block's script checks on worker threads as they are added, the connecting thread joining in at
/// <see cref="Complete"/> (Core's CCheckQueue with -par). Unlike Core's, the reported failure is deterministic: the
/// failing check added first, exactly what running them in order would report. One block at a time: call
/// <see cref="Add"/> any number of times, then <see cref="Complete"/>; the queue is then ready for the next block.
/// </summary>
public sealed class ScriptCheckQueue : IDisposable
{
    /// <summary>Core's cap on script verification threads.</summary>
    public const int MaxScriptCheckThreads = 15;

    private const int MaxBatchSize = 128;

    private readonly object _lock = new(); // Monitor.Wait/Pulse need a plain object lock
    private readonly Thread[] _workers;
    private readonly List<ScriptCheck> _checks = [];
    private int _next;
    private int _inFlight;
    private int _failureIndex = int.MaxValue;
    private ScriptCheckError? _failure;
    private bool _disposed;

    /// <summary>Creates a queue with <paramref name="workerThreads"/> threads besides the caller's (0: checks run in Complete).</summary>
    public ScriptCheckQueue(int workerThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workerThreads);
        _workers = new Thread[Math.Min(workerThreads, MaxScriptCheckThreads)];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"scriptch.{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Number of worker threads (the caller's thread not counted).</summary>
    public int WorkerThreads => _workers.Length;

    /// <summary>True when checks run in parallel.</summary>
    public bool HasThreads => _workers.Length > 0;

    /// <summary>
    /// Core's -par: the number of worker threads for a value (0 = one per core, negative = leave that many cores
    /// free), counting the connecting thread as one and capped at <see cref="MaxScriptCheckThreads"/>.
    /// </summary>
    public static int WorkerThreadsFromPar(int par, int? processorCount = null)
    {
        int threads = par <= 0 ? par + (processorCount ?? Environment.ProcessorCount) : par;
        return Math.Clamp(threads - 1, 0, MaxScriptCheckThreads);
    }

    /// <summary>Queues checks of the current block; workers start on them at once.</summary>
    public void Add(IEnumerable<ScriptCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _checks.AddRange(checks);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Runs the remaining checks with the workers, waits for all, and returns the first failure in add order (null if all passed).</summary>
    public ScriptCheckError? Complete()
    {
        while (TryTakeBatch(out int start, out int count, master: true))
        {
            RunBatch(start, count);
        }
        lock (_lock)
        {
            while (_inFlight > 0) Monitor.Wait(_lock);
            var failure = _failure;
            _checks.Clear();
            _next = 0;
            _failureIndex = int.MaxValue;
            _failure = null;
            return failure;
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            Monitor.PulseAll(_lock);
        }
        foreach (var worker in _workers) worker.Join();
    }

    private void WorkerLoop()
    {
        while (TryTakeBatch(out int start, out int count, master: false))
        {
            RunBatch(start, count);
        }
    }

    // Hands out the next batch. Workers wait for work; the master returns false once nothing is left to hand out.
    private bool TryTakeBatch(out int start, out int count, bool master)
    {
        lock (_lock)
        {
            while (true)
            {
                // Checks after a known failure cannot change the result.
                int end = Math.Min(_checks.Count, _failureIndex);
                if (_next < end)
                {
                    int remaining = end - _next;
                    count = Math.Clamp(remaining / (_workers.Length + 2), 1, MaxBatchSize);
                    start = _next;
                    _next += count;
                    _inFlight++;
                    return true;
                }
                if (master || _disposed)
                {
                    start = count = 0;
                    return false;
                }
                Monitor.Wait(_lock);
            }
        }
    }

    private void RunBatch(int start, int count)
    {
        ScriptCheck[] batch;
        lock (_lock) batch = _checks.GetRange(start, count).ToArray();
        int failedAt = -1;
        ScriptCheckError? failure = null;
        for (int i = 0; i < batch.Length; i++)
        {
            // Another thread may already have found an earlier failure.
            if (start + i >= Volatile.Read(ref _failureIndex)) break;
            failure = batch[i].Run();
            if (failure != null)
            {
                failedAt = start + i;
                break;
            }
        }
        lock (_lock)
        {
            if (failure != null && failedAt < _failureIndex)
            {
                _failureIndex = failedAt;
                _failure = failure;
            }
            _inFlight--;
            Monitor.PulseAll(_lock);
        }
    }
}
