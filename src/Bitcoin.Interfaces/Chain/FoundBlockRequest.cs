namespace Bitcoin.Interfaces;

/// <summary>
/// Which facts about a block a <c>find*</c> call of <see cref="IChain"/> should return (Core's <c>FoundBlock</c>
/// output pointers, the IPC <c>FoundBlockParam</c>). Ask only for what is needed: <see cref="WantData"/> reads the
/// block from disk and <see cref="WantLocator"/> walks the chain.
/// </summary>
public sealed record FoundBlockRequest
{
    /// <summary>Asks for nothing; the call still reports whether the block was found.</summary>
    public static FoundBlockRequest None { get; } = new();

    /// <summary>Return the block hash.</summary>
    public bool WantHash { get; init; }

    /// <summary>Return the block height.</summary>
    public bool WantHeight { get; init; }

    /// <summary>Return the header time.</summary>
    public bool WantTime { get; init; }

    /// <summary>Return the greatest header time of the block and its ancestors.</summary>
    public bool WantMaxTime { get; init; }

    /// <summary>Return the median time past.</summary>
    public bool WantMtpTime { get; init; }

    /// <summary>Return whether the block is in the active chain.</summary>
    public bool WantInActiveChain { get; init; }

    /// <summary>Return a locator for the block (only if it is in the active chain).</summary>
    public bool WantLocator { get; init; }

    /// <summary>Also describe the next block of the active chain, if this block is in it and is not the tip.</summary>
    public FoundBlockRequest? NextBlock { get; init; }

    /// <summary>Read the block itself from disk.</summary>
    public bool WantData { get; init; }
}
