namespace Bitcoin.Interfaces;

/// <summary>How <see cref="IChain.BroadcastTransaction"/> handles a transaction (Core's <c>node::TxBroadcast</c>).</summary>
public enum TxBroadcastMethod
{
    /// <summary>Add it to the mempool and announce it to every peer.</summary>
    MempoolAndBroadcastToAll = 0,

    /// <summary>Add it to the mempool without announcing it.</summary>
    MempoolNoBroadcast = 1,

    /// <summary>Send it privately without adding it to the mempool.</summary>
    NoMempoolPrivateBroadcast = 2,
}
