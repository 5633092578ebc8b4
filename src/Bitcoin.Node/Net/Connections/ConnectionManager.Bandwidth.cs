namespace Bitcoin.Node.Net.Connections;

// Traffic totals and -maxuploadtarget (Core's RecordBytesSent/Recv, OutboundTargetReached, getnettotals).
public sealed partial class ConnectionManager
{
    /// <summary>Length of the upload target's measuring window.</summary>
    public const long MaxUploadTimeframeSeconds = 24 * 60 * 60;

    private const long MaxBlockSerializedSize = 4_000_000;

    private readonly Lock _bytesSentLock = new();
    private long _totalBytesRecv;
    private long _totalBytesSent;
    private long _cycleStart;
    private long _bytesSentInCycle;

    /// <summary>All bytes received.</summary>
    public long TotalBytesRecv => Interlocked.Read(ref _totalBytesRecv);

    /// <summary>All bytes sent.</summary>
    public long TotalBytesSent
    {
        get
        {
            lock (_bytesSentLock)
                return _totalBytesSent;
        }
    }

    /// <summary>The upload target in bytes (0: none).</summary>
    public long MaxOutboundTarget => _options.MaxOutboundLimit;

    internal void RecordBytesRecv(long bytes) => Interlocked.Add(ref _totalBytesRecv, bytes);

    internal void RecordBytesSent(long bytes)
    {
        lock (_bytesSentLock)
        {
            _totalBytesSent += bytes;
            long now = NetTime.NowSeconds();
            if (_cycleStart + MaxUploadTimeframeSeconds < now)
            {
                _cycleStart = now;
                _bytesSentInCycle = 0;
            }

            _bytesSentInCycle += bytes;
        }
    }

    /// <summary>Seconds left in the current upload cycle (0 without a target).</summary>
    public long MaxOutboundTimeLeftInCycle()
    {
        lock (_bytesSentLock)
            return TimeLeftInCycleLocked();
    }

    private long TimeLeftInCycleLocked()
    {
        if (_options.MaxOutboundLimit == 0)
            return 0;
        if (_cycleStart == 0)
            return MaxUploadTimeframeSeconds;
        long end = _cycleStart + MaxUploadTimeframeSeconds;
        long now = NetTime.NowSeconds();
        return end < now ? 0 : end - now;
    }

    /// <summary>
    /// True when the upload target is reached; with <paramref name="historicalBlockServingLimit"/>, true already when
    /// what is left would not cover relaying a block every ten minutes for the rest of the cycle.
    /// </summary>
    public bool OutboundTargetReached(bool historicalBlockServingLimit)
    {
        lock (_bytesSentLock)
        {
            long limit = _options.MaxOutboundLimit;
            if (limit == 0)
                return false;
            if (historicalBlockServingLimit)
            {
                long buffer = TimeLeftInCycleLocked() / 600 * MaxBlockSerializedSize;
                return buffer >= limit || _bytesSentInCycle >= limit - buffer;
            }

            return _bytesSentInCycle >= limit;
        }
    }

    /// <summary>Bytes that may still be sent in this cycle (0 without a target).</summary>
    public long OutboundTargetBytesLeft()
    {
        lock (_bytesSentLock)
        {
            long limit = _options.MaxOutboundLimit;
            if (limit == 0)
                return 0;
            return _bytesSentInCycle >= limit ? 0 : limit - _bytesSentInCycle;
        }
    }
}
