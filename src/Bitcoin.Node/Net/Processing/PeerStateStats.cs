using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Processing;

/// <summary>Per-peer net-processing statistics for getpeerinfo (Core's CNodeStateStats).</summary>
public sealed record PeerStateStats
{
    /// <summary>Height of the best block the peer is known to have (-1 if unknown).</summary>
    public int SyncHeight { get; init; } = -1;

    /// <summary>Height of the last block we have in common (-1 if unknown).</summary>
    public int CommonHeight { get; init; } = -1;

    /// <summary>Duration of an outstanding ping, microseconds (0 if none).</summary>
    public long PingWaitMicros { get; init; }

    /// <summary>Heights of the blocks requested from the peer.</summary>
    public IReadOnlyList<int> HeightsInFlight { get; init; } = [];

    /// <summary>Whether we relay transactions to the peer.</summary>
    public bool RelayTxs { get; init; }

    /// <summary>Transactions queued for announcement.</summary>
    public int InvToSend { get; init; }

    /// <summary>Mempool sequence at our last inv.</summary>
    public ulong LastInvSequence { get; init; }

    /// <summary>The peer's feefilter (sat/kvB).</summary>
    public long FeeFilterReceived { get; init; }

    /// <summary>Addresses processed.</summary>
    public long AddrProcessed { get; init; }

    /// <summary>Addresses dropped by rate limiting.</summary>
    public long AddrRateLimited { get; init; }

    /// <summary>Whether we take part in address relay with the peer.</summary>
    public bool AddrRelayEnabled { get; init; }

    /// <summary>The peer's services.</summary>
    public ServiceFlags TheirServices { get; init; }

    /// <summary>Height of the low-work headers presync with the peer (-1 if none).</summary>
    public long PresyncHeight { get; init; } = -1;

    /// <summary>The peer's clock minus ours at the handshake, seconds.</summary>
    public long TimeOffsetSeconds { get; init; }
}
