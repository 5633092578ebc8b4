namespace Bitcoin.Kernel.Chain;

/// <summary>Overrides of a BIP9 deployment's activation parameters (Core's -vbparams).</summary>
/// <param name="StartTime">Start median time past, or <see cref="Bip9Deployment.AlwaysActive"/>/<see cref="Bip9Deployment.NeverActive"/>.</param>
/// <param name="Timeout">Timeout median time past.</param>
/// <param name="MinActivationHeight">Earliest activation height.</param>
public sealed record VersionBitsParameters(long StartTime, long Timeout, int MinActivationHeight);
