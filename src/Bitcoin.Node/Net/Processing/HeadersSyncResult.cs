using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>What a batch of presync headers led to (Core's HeadersSyncState::ProcessingResult).</summary>
internal sealed class HeadersSyncResult
{
    /// <summary>Headers that passed the commitments and may be stored now.</summary>
    public List<BlockHeader> PowValidatedHeaders { get; set; } = [];

    /// <summary>The batch was acceptable.</summary>
    public bool Success { get; set; }

    /// <summary>Ask the peer for more headers.</summary>
    public bool RequestMore { get; set; }
}
