using Bitcoin.Node.Net.Util;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>Transaction relay state of a peer that wants transactions (Core's Peer::TxRelay).</summary>
internal sealed class TxRelayState
{
    public Lock Lock { get; } = new();

    /// <summary>Whether we relay transactions to the peer (its version relay flag).</summary>
    public bool RelayTxs { get; set; }

    /// <summary>(w)txids the peer knows, so they are not announced to it again.</summary>
    public RollingBloomFilter InventoryKnown { get; } = new(50000, 0.000001);

    /// <summary>wtxids waiting to be announced.</summary>
    public List<uint256> InventoryToSend { get; } = [];

    /// <summary>The peer's BIP37 filter (filterload): only matching transactions are announced; guarded by <see cref="Lock"/>.</summary>
    public PeerBloomFilter? BloomFilter { get; set; }

    /// <summary>The peer asked for our mempool (BIP35).</summary>
    public bool SendMempool { get; set; }

    /// <summary>When the next trickled inv may go out (microseconds; 0 before the handshake ends).</summary>
    public long NextInvSendMicros { get; set; }

    /// <summary>Mempool sequence at our last inv: earlier transactions may be requested.</summary>
    public ulong LastInvSequence { get; set; } = 1;

    private long _feeFilterReceived;

    /// <summary>The peer's feefilter, satoshis per 1000 virtual bytes.</summary>
    public long FeeFilterReceived
    {
        get => Interlocked.Read(ref _feeFilterReceived);
        set => Interlocked.Exchange(ref _feeFilterReceived, value);
    }
}
