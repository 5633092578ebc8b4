namespace Bitcoin.Wallet.Spend.Internal;

/// <summary>Core's sequence number constants.</summary>
internal static class Sequences
{
    /// <summary>CTxIn::SEQUENCE_FINAL.</summary>
    public const uint Final = 0xffffffff;

    /// <summary>CTxIn::MAX_SEQUENCE_NONFINAL: not final, no BIP125 signal, no relative lock time.</summary>
    public const uint MaxNonFinal = 0xfffffffe;

    /// <summary>MAX_BIP125_RBF_SEQUENCE: the highest sequence that signals replaceability.</summary>
    public const uint MaxBip125Rbf = 0xfffffffd;

    /// <summary>LOCKTIME_THRESHOLD.</summary>
    public const uint LocktimeThreshold = 500_000_000;
}
