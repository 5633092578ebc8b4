using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Transport;

/// <summary>
/// BIP324's one-byte message type ids. Id 0 means a 12-byte type follows as in v1; ids 29-36 are assigned to types
/// this node does not implement (received, they are empty strings and the message is ignored as unknown).
/// </summary>
public static class V2MessageIds
{
    /// <summary>Number of ids in the table (ids from here up are unknown and make a packet invalid).</summary>
    public const int Count = 38;

    private static readonly string[] s_types =
    [
        "",
        NetMessageType.Addr, NetMessageType.Block, NetMessageType.BlockTxn, NetMessageType.CmpctBlock,
        NetMessageType.FeeFilter, NetMessageType.FilterAdd, NetMessageType.FilterClear, NetMessageType.FilterLoad,
        NetMessageType.GetBlocks, NetMessageType.GetBlockTxn, NetMessageType.GetData, NetMessageType.GetHeaders,
        NetMessageType.Headers, NetMessageType.Inv, NetMessageType.Mempool, NetMessageType.MerkleBlock,
        NetMessageType.NotFound, NetMessageType.Ping, NetMessageType.Pong, NetMessageType.SendCmpct,
        NetMessageType.Tx, NetMessageType.GetCFilters, NetMessageType.CFilter, NetMessageType.GetCFHeaders,
        NetMessageType.CFHeaders, NetMessageType.GetCFCheckpt, NetMessageType.CFCheckpt, NetMessageType.AddrV2,
        "", "", "", "", "", "", "", "",
        NetMessageType.Feature,
    ];

    private static readonly Dictionary<string, byte> s_ids = BuildIds();

    /// <summary>The short id for <paramref name="type"/>, or false when it is sent with the 12-byte encoding.</summary>
    public static bool TryGetId(string type, out byte id) => s_ids.TryGetValue(type, out id);

    /// <summary>The type for a non-zero short id, or false for an id outside the table.</summary>
    public static bool TryGetType(byte id, out string type)
    {
        if (id == 0 || id >= s_types.Length)
        {
            type = "";
            return false;
        }

        type = s_types[id];
        return true;
    }

    private static Dictionary<string, byte> BuildIds()
    {
        var ids = new Dictionary<string, byte>(StringComparer.Ordinal);
        for (int i = 1; i < s_types.Length; i++)
        {
            if (s_types[i].Length > 0)
                ids[s_types[i]] = (byte)i;
        }

        return ids;
    }
}
