using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Util;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// Net-processing state of one peer that is not block-sync state (Core's Peer): services, misbehaviour, block and
/// address announcements, ping, transaction relay. Most fields are only touched by the message handler thread; the
/// few others have their own locks.
/// </summary>
internal sealed class Peer(long id, ServiceFlags ourServices, bool isInbound)
{
    public long Id { get; } = id;

    public ServiceFlags OurServices { get; } = ourServices;

    public bool IsInbound { get; } = isInbound;

    public volatile bool ShouldDiscourage;

    private long _theirServices;

    public ServiceFlags TheirServices
    {
        get => (ServiceFlags)Interlocked.Read(ref _theirServices);
        set => Interlocked.Exchange(ref _theirServices, (long)value);
    }

    // Block announcements, filled by the validation thread and drained by SendMessages.
    public Lock BlockInvLock { get; } = new();

    public List<uint256> BlocksForInvRelay { get; } = [];

    public List<uint256> BlocksForHeadersRelay { get; } = [];

    public uint256? ContinuationBlock { get; set; }

    public bool OutboundVersionMessageSent { get; set; }

    private long _pingNonceSent;
    private long _pingStartMicros;
    public volatile bool PingQueued;

    public ulong PingNonceSent
    {
        get => (ulong)Interlocked.Read(ref _pingNonceSent);
        set => Interlocked.Exchange(ref _pingNonceSent, (long)value);
    }

    public long PingStartMicros
    {
        get => Interlocked.Read(ref _pingStartMicros);
        set => Interlocked.Exchange(ref _pingStartMicros, value);
    }

    public volatile bool WtxidRelay;

    public long FeeFilterSent { get; set; }

    public long NextSendFeeFilterMicros { get; set; }

    private TxRelayState? _txRelay;
    private readonly Lock _txRelayLock = new();

    public TxRelayState SetTxRelay()
    {
        lock (_txRelayLock)
            return _txRelay = new TxRelayState();
    }

    public TxRelayState? TxRelay
    {
        get
        {
            lock (_txRelayLock)
                return _txRelay;
        }
    }

    // Address relay.
    public List<PeerAddress> AddrsToSend { get; } = [];

    public RollingBloomFilter? AddrKnown { get; set; }

    public volatile bool AddrRelayEnabled;

    public bool GetAddrSent { get; set; }

    public Lock AddrSendTimesLock { get; } = new();

    public long NextAddrSendMicros { get; set; }

    public long NextLocalAddrSendMicros { get; set; }

    public volatile bool WantsAddrV2;

    public bool GetAddrReceived { get; set; }

    public double AddrTokenBucket { get; set; } = 1.0;

    public long AddrTokenTimestampMicros { get; set; } = Connections.NetTime.NowMicros();

    private long _addrRateLimited;
    private long _addrProcessed;

    public long AddrRateLimited => Interlocked.Read(ref _addrRateLimited);

    public long AddrProcessed => Interlocked.Read(ref _addrProcessed);

    public void CountAddresses(long processed, long rateLimited)
    {
        Interlocked.Add(ref _addrProcessed, processed);
        Interlocked.Add(ref _addrRateLimited, rateLimited);
    }

    public bool InvTriggeredGetHeadersBeforeSync { get; set; }

    // getdata work queue.
    public Lock GetDataLock { get; } = new();

    public LinkedList<Inventory> GetDataRequests { get; } = new();

    public long LastGetHeadersMicros { get; set; }

    // Low-work headers sync (presync).
    public Lock HeadersSyncLock { get; } = new();

    public HeadersSyncState? HeadersSync { get; set; }

    public volatile bool SentSendHeaders;

    public long HeadersSyncTimeoutMicros { get; set; }

    public bool PrefersHeaders { get; set; }

    private long _timeOffsetSeconds;

    public long TimeOffsetSeconds
    {
        get => Interlocked.Read(ref _timeOffsetSeconds);
        set => Interlocked.Exchange(ref _timeOffsetSeconds, value);
    }
}
