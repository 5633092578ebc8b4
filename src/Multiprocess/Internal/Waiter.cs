namespace Multiprocess.Internal;

/// <summary>
/// The work queue of one thread that takes part in IPC: a worker thread runs what is posted to it until it is shut
/// down; a client thread blocked in a call runs what is posted to it (callbacks from the peer) until the call
/// completes. Items run in the order posted; one posted while another runs waits for it, unless the running one
/// blocks in a call of its own, which then runs the next items (the re-entrancy a call stack in one process has).
/// </summary>
internal sealed class Waiter
{
    private readonly Queue<Action> _queue = new();
    private bool _shutdown;

    /// <summary>Queues <paramref name="work"/>; false when the waiter has been shut down.</summary>
    public bool Post(Action work)
    {
        lock (_queue)
        {
            if (_shutdown)
                return false;
            _queue.Enqueue(work);
            Monitor.PulseAll(_queue);
            return true;
        }
    }

    /// <summary>Wakes the waiting thread so it checks its condition again.</summary>
    public void Wake()
    {
        lock (_queue)
            Monitor.PulseAll(_queue);
    }

    /// <summary>Makes a worker's <see cref="RunUntilShutdown"/> return once its queue is empty.</summary>
    public void Shutdown()
    {
        lock (_queue)
        {
            _shutdown = true;
            Monitor.PulseAll(_queue);
        }
    }

    /// <summary>Runs posted work on the calling thread until <paramref name="done"/> holds (checked under the
    /// waiter's lock, so a completion that calls <see cref="Wake"/> is never missed) and the queue is empty.</summary>
    public void RunUntil(Func<bool> done)
    {
        while (true)
        {
            Action next;
            lock (_queue)
            {
                while (_queue.Count == 0 && !done())
                    Monitor.Wait(_queue);
                if (_queue.Count == 0)
                    return;
                next = _queue.Dequeue();
            }

            next();
        }
    }

    /// <summary>A worker thread's loop: runs posted work until <see cref="Shutdown"/>.</summary>
    public void RunUntilShutdown() => RunUntil(() => _shutdown);
}
