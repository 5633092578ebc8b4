namespace Bitcoin.Kernel.Consensus;

/// <summary>The outcome of validating a block (Core's BlockValidationState).</summary>
public sealed class BlockValidationState : ValidationState<BlockValidationResult>
{
}
