namespace Bitcoin.Node.Net.Protocol;

/// <summary>P2P protocol version numbers (Core's node/protocol_version.h).</summary>
public static class ProtocolVersion
{
    /// <summary>The version this node speaks: BIP434 feature negotiation, as Core master.</summary>
    public const int Current = 70017;

    /// <summary>The version used before the handshake finishes.</summary>
    public const int Initial = 209;

    /// <summary>Peers older than this are disconnected.</summary>
    public const int MinPeer = 31800;

    /// <summary>ping carries a nonce and gets a pong from here on.</summary>
    public const int Bip0031 = 60000;

    /// <summary>sendheaders (BIP130).</summary>
    public const int SendHeaders = 70012;

    /// <summary>feefilter (BIP133).</summary>
    public const int FeeFilter = 70013;

    /// <summary>Compact blocks (BIP152).</summary>
    public const int ShortIdsBlocks = 70014;

    /// <summary>Invalid compact blocks are not punished from here on.</summary>
    public const int InvalidCompactBlockNoBan = 70015;

    /// <summary>wtxidrelay (BIP339).</summary>
    public const int WtxidRelay = 70016;

    /// <summary>feature messages (BIP434).</summary>
    public const int Feature = 70017;
}
