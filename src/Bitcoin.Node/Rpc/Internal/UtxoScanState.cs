namespace Bitcoin.Node.Rpc.Internal;

/// <summary>
/// The one scan of a kind (scantxoutset, scanblocks) that may run at a time (Core's g_scan_in_progress, g_scan_progress
/// and g_should_abort_scan, and their g_scanfilter_ counterparts): reserved by "start", polled by "status", flagged by
/// "abort". Thread-safe.
/// </summary>
internal sealed class UtxoScanState
{
    private int _running;
    private int _progress;
    private int _currentHeight;
    private volatile bool _abort;

    public bool IsRunning => Volatile.Read(ref _running) != 0;

    public int Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    public bool AbortRequested => _abort;

    /// <summary>The height of the block being scanned (scanblocks' "current_height").</summary>
    public int CurrentHeight
    {
        get => Volatile.Read(ref _currentHeight);
        set => Volatile.Write(ref _currentHeight, value);
    }

    /// <summary>Claims the scanner; false if a scan is running.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Exchange(ref _running, 1) != 0) return false;
        _abort = false;
        Progress = 0;
        return true;
    }

    /// <summary>Frees the scanner after a scan.</summary>
    public void Release()
    {
        Progress = 0;
        Volatile.Write(ref _running, 0);
    }

    /// <summary>Asks a running scan to stop; false if none is running.</summary>
    public bool RequestAbort()
    {
        if (!IsRunning) return false;
        _abort = true;
        return true;
    }
}
