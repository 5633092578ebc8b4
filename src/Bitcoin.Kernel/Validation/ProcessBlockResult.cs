using Bitcoin.Kernel.Consensus;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// What <see cref="ChainstateManager.ProcessNewBlock"/> did with a block. <see cref="CheckedState"/> is the result
/// of full validation of this block if it happened during the call (what Core's submitblock reports); null means
/// it was not fully validated (stored on a side branch, or already known) — submitblock's "inconclusive".
/// </summary>
public sealed record ProcessBlockResult(bool Accepted, bool IsNewBlock, BlockValidationState? CheckedState);
