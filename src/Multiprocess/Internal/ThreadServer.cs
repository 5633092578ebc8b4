using Capnp;
using MpThread = Multiprocess.Capnp.Thread;

namespace Multiprocess.Internal;

/// <summary>
/// A Thread capability of this process: a worker thread made by the peer's <c>ThreadMap.makeThread</c> (or
/// <c>makePool</c>), or a thread of ours blocked in a call that the peer calls back on. Calls carrying it as their
/// <c>Context.thread</c> are posted to that thread. Disposed when the peer releases it; a worker then ends once
/// its queue is empty.
/// </summary>
internal sealed class ThreadServer : MpThread.Server, IDisposable
{
    private readonly bool _ownsThread;

    public ThreadServer(IpcConnection connection, ThreadContext thread, bool ownsThread)
    {
        Connection = connection;
        Thread = thread;
        _ownsThread = ownsThread;
    }

    /// <summary>The connection the Thread object was made for (it is only valid there).</summary>
    public IpcConnection Connection { get; }

    /// <summary>The thread.</summary>
    public ThreadContext Thread { get; }

    /// <summary>Starts a worker thread for <paramref name="connection"/>, named (as libmultiprocess names it) by its
    /// own description followed by <paramref name="suffix"/>.</summary>
    public static ThreadServer StartWorker(IpcConnection connection, string suffix)
    {
        ThreadContext? context = null;
        using var started = new ManualResetEventSlim();
        var thread = new System.Threading.Thread(() =>
        {
            context = new ThreadContext(ThreadNames.Describe(connection.ExeName) + suffix);
            ThreadContext.SetCurrent(context);
            started.Set();
            context.Waiter.RunUntilShutdown();
        })
        {
            IsBackground = true,
            Name = "ipc-worker",
        };
        thread.Start();
        started.Wait();
        return new ThreadServer(connection, context!, ownsThread: true);
    }

    /// <inheritdoc/>
    public override ValueTask GetNameAsync(CallContext<MpThread.GetNameParams, MpThread.GetNameResults.Builder> context,
        CancellationToken cancellationToken)
    {
        context.Results.SetResult(Thread.Name);
        return default;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsThread)
            Thread.Waiter.Shutdown();
    }
}
