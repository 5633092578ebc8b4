namespace Bitcoin.Kernel.Chain;

/// <summary>Parameters of one BIP9 version-bits deployment, as Core's Consensus::BIP9Deployment.</summary>
public sealed record Bip9Deployment
{
    /// <summary>A timeout that never comes.</summary>
    public const long NoTimeout = long.MaxValue;

    /// <summary>A start time meaning "always active" (for tests that do not exercise signalling).</summary>
    public const long AlwaysActive = -1;

    /// <summary>A start time meaning "never active".</summary>
    public const long NeverActive = -2;

    /// <summary>The version bit that signals support (0..28).</summary>
    public int Bit { get; init; } = 28;

    /// <summary>Median time past from which signalling counts; or <see cref="AlwaysActive"/> / <see cref="NeverActive"/>.</summary>
    public long StartTime { get; init; } = NeverActive;

    /// <summary>Median time past at which an unlocked deployment fails.</summary>
    public long Timeout { get; init; } = NeverActive;

    /// <summary>If locked in, activation waits until at least this height (on a period boundary).</summary>
    public int MinActivationHeight { get; init; }

    /// <summary>Length of a signalling period in blocks.</summary>
    public int Period { get; init; } = 2016;

    /// <summary>Signalling blocks needed in a period to lock in.</summary>
    public int Threshold { get; init; } = 1916;
}
