namespace Bitcoin.Node.Net.Protocol;

/// <summary>P2P message type names (Core's NetMsgType) and the list of known ones.</summary>
public static class NetMessageType
{
#pragma warning disable CS1591 // The names are the documentation.
    public const string Version = "version";
    public const string Verack = "verack";
    public const string Addr = "addr";
    public const string AddrV2 = "addrv2";
    public const string SendAddrV2 = "sendaddrv2";
    public const string Inv = "inv";
    public const string GetData = "getdata";
    public const string MerkleBlock = "merkleblock";
    public const string GetBlocks = "getblocks";
    public const string GetHeaders = "getheaders";
    public const string Tx = "tx";
    public const string Headers = "headers";
    public const string Block = "block";
    public const string GetAddr = "getaddr";
    public const string Mempool = "mempool";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string NotFound = "notfound";
    public const string FilterLoad = "filterload";
    public const string FilterAdd = "filteradd";
    public const string FilterClear = "filterclear";
    public const string SendHeaders = "sendheaders";
    public const string FeeFilter = "feefilter";
    public const string SendCmpct = "sendcmpct";
    public const string CmpctBlock = "cmpctblock";
    public const string GetBlockTxn = "getblocktxn";
    public const string BlockTxn = "blocktxn";
    public const string GetCFilters = "getcfilters";
    public const string CFilter = "cfilter";
    public const string GetCFHeaders = "getcfheaders";
    public const string CFHeaders = "cfheaders";
    public const string GetCFCheckpt = "getcfcheckpt";
    public const string CFCheckpt = "cfcheckpt";
    public const string WtxidRelay = "wtxidrelay";
    public const string SendTxRcncl = "sendtxrcncl";
    public const string Feature = "feature";
#pragma warning restore CS1591

    /// <summary>The key under which bytes of unknown message types are counted (Core's NET_MESSAGE_TYPE_OTHER).</summary>
    public const string Other = "*other*";

    /// <summary>Every known type, in Core's order (per-type byte counters exist only for these).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Version, Verack, Addr, AddrV2, SendAddrV2, Inv, GetData, MerkleBlock, GetBlocks, GetHeaders, Tx, Headers, Block,
        GetAddr, Mempool, Ping, Pong, NotFound, FilterLoad, FilterAdd, FilterClear, SendHeaders, FeeFilter, SendCmpct,
        CmpctBlock, GetBlockTxn, BlockTxn, GetCFilters, CFilter, GetCFHeaders, CFHeaders, GetCFCheckpt, CFCheckpt,
        WtxidRelay, SendTxRcncl, Feature,
    ];

    private static readonly HashSet<string> s_known = new(All, StringComparer.Ordinal);

    /// <summary>True for a type in <see cref="All"/>.</summary>
    public static bool IsKnown(string type) => s_known.Contains(type);

    /// <summary>Core's SanitizeString for log lines: keeps letters, digits and a few safe characters.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string safe = " .,;-_/:?@()";
        return string.Concat(text.Where(c => char.IsAsciiLetterOrDigit(c) || safe.Contains(c, StringComparison.Ordinal)));
    }
}
