namespace Bitcoin.Kernel.Consensus;

/// <summary>Signalling statistics of the current period (Core's BIP9Stats).</summary>
/// <param name="Period">Blocks per signalling period.</param>
/// <param name="Threshold">Signalling blocks needed to lock in (0 once locked in).</param>
/// <param name="Elapsed">Blocks of the current period so far.</param>
/// <param name="Count">Signalling blocks of the current period so far.</param>
/// <param name="Possible">False when too few blocks remain to reach the threshold.</param>
public sealed record Bip9Stats(int Period, int Threshold, int Elapsed, int Count, bool Possible);
