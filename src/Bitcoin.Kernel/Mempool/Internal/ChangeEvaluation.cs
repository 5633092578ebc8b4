using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>What a proposed change (additions and removals) would do to the cluster graph.</summary>
/// <param name="WithinLimits">False when a resulting cluster would exceed the count or size limit.</param>
/// <param name="OldChunks">The chunks of the affected clusters now, best first (empty unless diagrams were asked for).</param>
/// <param name="NewChunks">The chunks the affected clusters would have, best first.</param>
internal sealed record ChangeEvaluation(bool WithinLimits, IReadOnlyList<FeeFrac> OldChunks, IReadOnlyList<FeeFrac> NewChunks);
