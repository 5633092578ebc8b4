namespace Multiprocess.Internal;

/// <summary>
/// Held only by a thread's thread-static slot, so it becomes garbage when the thread ends: its finalizer then
/// releases the thread's Thread references on every connection, so the peer's worker for a thread that is gone (a
/// retired thread-pool thread, say) ends instead of living as long as the connection.
/// </summary>
internal sealed class ThreadExitWatcher
{
    public ThreadExitWatcher(ThreadContext context) => Context = context;

    public ThreadContext Context { get; }

    ~ThreadExitWatcher()
    {
        try
        {
            Context.ForgetAll();
        }
        catch (Exception)
        {
            // A finalizer must not throw; a connection being torn down at the same time drops these anyway.
        }
    }
}
