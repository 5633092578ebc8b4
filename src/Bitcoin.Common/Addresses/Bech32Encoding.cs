namespace Bitcoin.Common.Addresses;

/// <summary>Which checksum constant a Bech32-family string uses (BIP173 or BIP350).</summary>
public enum Bech32Encoding
{
    /// <summary>Failed to decode.</summary>
    Invalid,

    /// <summary>Bech32 (BIP173), used by witness version 0.</summary>
    Bech32,

    /// <summary>Bech32m (BIP350), used by witness versions 1 to 16.</summary>
    Bech32m,
}
