namespace Bitcoin.Node.Blockchain;

/// <summary>Which UTXO set hash gettxoutsetinfo computes (Core's CoinStatsHashType).</summary>
public enum CoinStatsHashType
{
    /// <summary>"hash_serialized_3": double SHA256 over every coin serialized in database order.</summary>
    HashSerialized,

    /// <summary>"muhash": the MuHash3072 of the serialized coins.</summary>
    MuHash,

    /// <summary>"none": statistics only.</summary>
    None,
}
