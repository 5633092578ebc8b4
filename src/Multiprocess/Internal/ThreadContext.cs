using Capnp;

namespace Multiprocess.Internal;

/// <summary>
/// What the IPC layer knows about one thread (libmultiprocess's per-thread context): its name, its
/// <see cref="Waiter"/>, and for each connection the thread it calls on the peer (<see cref="TryGetRequestThread"/>)
/// and the Thread object the peer calls back on (<see cref="GetCallbackThread"/>).
/// </summary>
internal sealed class ThreadContext
{
    [ThreadStatic]
    private static ThreadExitWatcher? t_current;

    // Both maps are guarded by the context itself: a thread's own calls and the connections' disconnect handling
    // (on other threads) touch them.
    private readonly Dictionary<IpcConnection, IClientHook> _requestThreads = new();
    private readonly Dictionary<IpcConnection, IClientHook> _callbackThreads = new();

    public ThreadContext(string name)
    {
        Name = name;
    }

    /// <summary>How log lines name the thread.</summary>
    public string Name { get; }

    /// <summary>The thread's work queue.</summary>
    public Waiter Waiter { get; } = new();

    /// <summary>The current thread's context, made on first use.</summary>
    public static ThreadContext GetOrCreateCurrent(string exeName) =>
        (t_current ??= new ThreadExitWatcher(new ThreadContext(ThreadNames.Describe(exeName)))).Context;

    /// <summary>The current thread's context, or null when it never took part in IPC.</summary>
    public static ThreadContext? TryGetCurrent() => t_current?.Context;

    /// <summary>Makes <paramref name="context"/> the current thread's (a worker thread, at its start).</summary>
    public static void SetCurrent(ThreadContext context) => t_current = new ThreadExitWatcher(context);

    /// <summary>The peer's thread that calls from this thread over <paramref name="connection"/> run on, if known.</summary>
    public IClientHook? TryGetRequestThread(IpcConnection connection)
    {
        lock (this)
            return _requestThreads.GetValueOrDefault(connection);
    }

    /// <summary>Sets the request thread for <paramref name="connection"/> unless one is set; true when set (the
    /// context then owns <paramref name="thread"/>).</summary>
    public bool TrySetRequestThread(IpcConnection connection, IClientHook thread)
    {
        lock (this)
        {
            if (_requestThreads.ContainsKey(connection))
                return false;
            _requestThreads.Add(connection, thread);
        }

        connection.TrackThreadContext(this);
        return true;
    }

    /// <summary>Removes and returns the request thread for <paramref name="connection"/>.</summary>
    public IClientHook? RemoveRequestThread(IpcConnection connection)
    {
        lock (this)
            return _requestThreads.Remove(connection, out var thread) ? thread : null;
    }

    /// <summary>The Thread object of this thread the peer of <paramref name="connection"/> calls back on (made on
    /// first use); a borrowed reference.</summary>
    public IClientHook GetCallbackThread(IpcConnection connection)
    {
        lock (this)
        {
            if (_callbackThreads.TryGetValue(connection, out var existing))
                return existing;
        }

        var created = global::Capnp.Rpc.Capability.FromServer(new ThreadServer(connection, this, ownsThread: false));
        lock (this)
        {
            if (_callbackThreads.TryGetValue(connection, out var raced))
            {
                created.Dispose();
                return raced;
            }

            _callbackThreads.Add(connection, created);
        }

        connection.TrackThreadContext(this);
        return created;
    }

    /// <summary>Drops everything kept for every connection (the thread has ended).</summary>
    public void ForgetAll()
    {
        List<IpcConnection> connections;
        lock (this)
            connections = [.. _requestThreads.Keys.Union(_callbackThreads.Keys)];
        foreach (var connection in connections)
        {
            connection.UntrackThreadContext(this);
            Forget(connection);
        }
    }

    /// <summary>Drops everything kept for <paramref name="connection"/> (it is gone).</summary>
    public void Forget(IpcConnection connection)
    {
        IClientHook? request, callback;
        lock (this)
        {
            _requestThreads.Remove(connection, out request);
            _callbackThreads.Remove(connection, out callback);
        }

        request?.Dispose();
        callback?.Dispose();
    }
}
