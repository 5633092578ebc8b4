using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Context;

/// <summary>
/// The node's lightweight task scheduler (Core's <c>CScheduler</c>): one "scheduler" thread runs queued tasks at their
/// time, in time order. Periodic jobs (disk space check, log rate-limit window, ban list dumps) use
/// <see cref="ScheduleEvery"/>; tests and the <c>mockscheduler</c> RPC move queued tasks forward with
/// <see cref="MockForward"/>. Tasks must be short: a slow task delays every other one. A task that throws is logged
/// and does not stop the scheduler.
/// </summary>
public sealed class NodeScheduler : IDisposable
{
    private readonly object _lock = new();
    private readonly PriorityQueue<Action, (DateTime Time, long Sequence)> _queue = new();
    private readonly Thread _thread;
    private long _sequence;
    private bool _stopRequested;

    /// <summary>Creates the scheduler and starts its thread.</summary>
    public NodeScheduler()
    {
        _thread = ThreadNames.StartThread("scheduler", ServiceQueue);
    }

    /// <summary>Tasks waiting to run.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
                return _queue.Count;
        }
    }

    /// <summary>Runs <paramref name="task"/> at <paramref name="utcTime"/> (or as soon as possible if that has passed).</summary>
    public void Schedule(Action task, DateTime utcTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_lock)
        {
            _queue.Enqueue(task, (utcTime, _sequence++));
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Runs <paramref name="task"/> once after <paramref name="delay"/>.</summary>
    public void ScheduleFromNow(Action task, TimeSpan delay) => Schedule(task, DateTime.UtcNow + delay);

    /// <summary>Runs <paramref name="task"/> every <paramref name="interval"/>, the first time after one interval.</summary>
    public void ScheduleEvery(Action task, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        void Repeat()
        {
            try
            {
                task();
            }
            finally
            {
                // A failing run is logged by the service loop; the job keeps its schedule.
                ScheduleFromNow(Repeat, interval);
            }
        }

        ScheduleFromNow(Repeat, interval);
    }

    /// <summary>
    /// Brings every queued task <paramref name="delta"/> closer (Core's <c>MockForward</c>, for tests; at most one hour
    /// at a time).
    /// </summary>
    public void MockForward(TimeSpan delta)
    {
        if (delta <= TimeSpan.Zero || delta > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The delta must be positive and at most one hour.");
        lock (_lock)
        {
            var items = _queue.UnorderedItems.ToList();
            _queue.Clear();
            foreach (var (task, (time, sequence)) in items)
                _queue.Enqueue(task, (time - delta, sequence));
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Stops the thread after the task now running; queued tasks are dropped. Waits for the thread.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopRequested = true;
            Monitor.PulseAll(_lock);
        }

        if (Thread.CurrentThread != _thread)
            _thread.Join();
    }

    /// <inheritdoc/>
    public void Dispose() => Stop();

    private void ServiceQueue()
    {
        while (true)
        {
            Action task;
            lock (_lock)
            {
                while (true)
                {
                    if (_stopRequested)
                        return;
                    if (_queue.TryPeek(out _, out var when))
                    {
                        var wait = when.Time - DateTime.UtcNow;
                        if (wait <= TimeSpan.Zero)
                            break;
                        Monitor.Wait(_lock, wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait);
                    }
                    else
                    {
                        Monitor.Wait(_lock);
                    }
                }

                task = _queue.Dequeue();
            }

            try
            {
                task();
            }
            catch (Exception e)
            {
                Log.Error($"Scheduled task failed: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
