namespace Bitcoin.Interfaces;

/// <summary>How <see cref="IWallet.FillPsbt"/> fills a PSBT (Core's <c>common::PSBTFillOptions</c>).</summary>
public sealed record PsbtFillOptions
{
    /// <summary>Sign inputs the wallet can sign (else only add information).</summary>
    public bool Sign { get; init; } = true;

    /// <summary>The sighash type to sign with when the PSBT names none; null for the default (ALL, or DEFAULT for taproot).</summary>
    public int? SighashType { get; init; }

    /// <summary>Build final scriptSigs and witnesses of complete inputs.</summary>
    public bool Finalize { get; init; } = true;

    /// <summary>Add BIP32 derivation paths.</summary>
    public bool Bip32Derivs { get; init; } = true;
}
