using Bitcoin.Kernel.Index;

namespace Bitcoin.Node.Net.Processing;

/// <summary>Net processing settings (Core's PeerManager::Options).</summary>
public sealed record PeerManagerOptions
{
    /// <summary>-blocksonly: do not accept or relay transactions from peers.</summary>
    public bool IgnoreIncomingTxs { get; init; }

    /// <summary>-blockreconstructionextratxn: recent non-mempool transactions kept for compact blocks.</summary>
    public int MaxExtraTxs { get; init; } = 100;

    /// <summary>Headers per headers message (2000; tests lower it).</summary>
    public int MaxHeadersResult { get; init; } = 2000;

    /// <summary>-txsendrate: transactions per second announced to inbound peers.</summary>
    public int TxSendRate { get; init; } = 14;

    /// <summary>The -minrelaytxfee in satoshis per 1000 virtual bytes (the floor of our feefilter).</summary>
    public long MinRelayFeePerKvB { get; init; } = 100;

    /// <summary>
    /// The BIP158 basic filter index that getcfilters, getcfheaders and getcfcheckpt are answered from; requests are
    /// only served when the local services include NODE_COMPACT_FILTERS (-peerblockfilters) as well.
    /// </summary>
    public BlockFilterIndex? BlockFilterIndex { get; init; }
}
