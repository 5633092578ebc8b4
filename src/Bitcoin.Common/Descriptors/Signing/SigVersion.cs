namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>Which signature hashing and script rules apply (Core's SigVersion).</summary>
public enum SigVersion
{
    /// <summary>Legacy scripts and P2SH.</summary>
    Base,

    /// <summary>Segwit v0 (BIP143).</summary>
    WitnessV0,

    /// <summary>Taproot key path (BIP341).</summary>
    Taproot,

    /// <summary>Tapscript (BIP342).</summary>
    Tapscript,
}
