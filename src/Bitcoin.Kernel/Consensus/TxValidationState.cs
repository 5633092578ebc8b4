namespace Bitcoin.Kernel.Consensus;

/// <summary>The outcome of validating a transaction (Core's TxValidationState).</summary>
public sealed class TxValidationState : ValidationState<TxValidationResult>
{
}
