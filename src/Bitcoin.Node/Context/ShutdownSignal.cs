namespace Bitcoin.Node.Context;

/// <summary>
/// The node's shutdown request (Core's <c>util::SignalInterrupt</c>): set once by SIGINT/SIGTERM, the <c>stop</c> RPC,
/// <c>-stopatheight</c>, a fatal error or a failed start; waited for by the main thread; observed by long-running work
/// through <see cref="IsRequested"/> or <see cref="Token"/>. Thread-safe and safe to call from a signal handler.
/// </summary>
public sealed class ShutdownSignal
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _source = new();

    /// <summary>True once a shutdown was requested (and not <see cref="Reset"/> since).</summary>
    public bool IsRequested
    {
        get
        {
            lock (_lock)
                return _source.IsCancellationRequested;
        }
    }

    /// <summary>Cancelled when a shutdown is requested; a new token after <see cref="Reset"/>.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_lock)
                return _source.Token;
        }
    }

    /// <summary>Requests shutdown. Returns true (the request cannot fail here; Core's may, hence the result).</summary>
    public bool Request()
    {
        CancellationTokenSource source;
        lock (_lock)
            source = _source;
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A registered callback failed; the request itself stands.
        }

        return true;
    }

    /// <summary>Blocks until shutdown is requested. Returns true (kept for Core's signature, where waiting may fail).</summary>
    public bool Wait()
    {
        Token.WaitHandle.WaitOne();
        return true;
    }

    /// <summary>
    /// Forgets an earlier request, e.g. before retrying start-up with a reindex (Core's <c>reset</c>). Returns true.
    /// </summary>
    public bool Reset()
    {
        lock (_lock)
        {
            if (_source.IsCancellationRequested)
                _source = new CancellationTokenSource();
        }

        return true;
    }
}
