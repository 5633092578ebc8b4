namespace Bitcoin.Kernel.Chain;

/// <summary>Memory parameters of headers pre-synchronisation (Core's HeadersSyncParams).</summary>
/// <param name="CommitmentPeriod">Distance in blocks between header commitments.</param>
/// <param name="RedownloadBufferSize">Validated headers to accumulate before accepting them into the block index.</param>
public sealed record HeadersSyncParams(int CommitmentPeriod, int RedownloadBufferSize);
