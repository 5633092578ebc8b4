namespace Bitcoin.Common.Addresses;

/// <summary>Address types a wallet can produce (Core's OutputType).</summary>
public enum OutputType
{
    /// <summary>P2PKH or P2SH ("legacy").</summary>
    Legacy,

    /// <summary>P2SH-wrapped segwit v0 ("p2sh-segwit").</summary>
    P2shSegwit,

    /// <summary>Native segwit v0 ("bech32").</summary>
    Bech32,

    /// <summary>Segwit v1+ ("bech32m").</summary>
    Bech32m,

    /// <summary>Not known ("unknown").</summary>
    Unknown,
}
