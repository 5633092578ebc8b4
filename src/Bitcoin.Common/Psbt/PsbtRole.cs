namespace Bitcoin.Common.Psbt;

/// <summary>The BIP 174 roles, in workflow order (Core's PSBTRole).</summary>
public enum PsbtRole
{
    /// <summary>Creates the PSBT.</summary>
    Creator,

    /// <summary>Adds UTXOs, scripts and key paths.</summary>
    Updater,

    /// <summary>Signs.</summary>
    Signer,

    /// <summary>Makes the final scriptSigs and witnesses.</summary>
    Finalizer,

    /// <summary>Extracts the network transaction.</summary>
    Extractor,
}
