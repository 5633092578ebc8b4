namespace Multiprocess.Internal;

/// <summary>
/// Keeps the thread pool able to run the RPC layer's loops while pool threads are blocked in synchronous IPC calls
/// (an RPC server or web request handler calling through an interface): the pool's minimum is raised to cover the
/// blocked threads plus a reserve, so it starts threads at once instead of injecting one every half second.
/// </summary>
internal static class PoolThreadReserve
{
    private const int Reserve = 4;
    private static int s_blocked;
    private static int s_minimum;

    /// <summary>Marks the current pool thread as blocked until the returned scope is disposed (no-op elsewhere).</summary>
    public static Scope Block()
    {
        if (!Thread.CurrentThread.IsThreadPoolThread)
            return default;
        int blocked = Interlocked.Increment(ref s_blocked);
        int wanted = blocked + Math.Max(Reserve, Environment.ProcessorCount);
        if (wanted > Volatile.Read(ref s_minimum))
        {
            lock (typeof(PoolThreadReserve))
            {
                ThreadPool.GetMinThreads(out int workers, out int io);
                if (wanted > workers)
                    ThreadPool.SetMinThreads(wanted, io);
                s_minimum = Math.Max(wanted, workers);
            }
        }

        return new Scope(true);
    }

    /// <summary>Ends a <see cref="Block"/>.</summary>
    public readonly struct Scope(bool active) : IDisposable
    {
        public void Dispose()
        {
            if (active)
                Interlocked.Decrement(ref s_blocked);
        }
    }
}
