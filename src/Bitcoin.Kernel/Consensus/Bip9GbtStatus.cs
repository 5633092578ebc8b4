namespace Bitcoin.Kernel.Consensus;

/// <summary>Deployments as getblocktemplate reports them (Core's BIP9GBTStatus), keyed by deployment name.</summary>
public sealed record Bip9GbtStatus(
    IReadOnlyDictionary<string, Bip9GbtStatus.Info> Signalling,
    IReadOnlyDictionary<string, Bip9GbtStatus.Info> LockedIn,
    IReadOnlyDictionary<string, Bip9GbtStatus.Info> Active)
{
    /// <summary>One deployment's bit, mask and whether clients may ignore its rule.</summary>
    public sealed record Info(int Bit, uint Mask, bool GbtOptionalRule);
}
