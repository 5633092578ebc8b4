namespace Bitcoin.Common.Psbt;

/// <summary>How to sign or fill a PSBT (Core's common::PSBTFillOptions).</summary>
public sealed record PsbtFillOptions
{
    /// <summary>Whether to sign.</summary>
    public bool Sign { get; init; } = true;

    /// <summary>The sighash type to sign with when the PSBT does not give one (null: DEFAULT for taproot, ALL otherwise).</summary>
    public int? SighashType { get; init; }

    /// <summary>Whether to make the final scriptSig and witness when an input is complete.</summary>
    public bool Finalize { get; init; } = true;

    /// <summary>Whether to fill in BIP32 derivation paths.</summary>
    public bool Bip32Derivs { get; init; } = true;
}
