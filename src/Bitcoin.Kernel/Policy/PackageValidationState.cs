using Bitcoin.Kernel.Consensus;

namespace Bitcoin.Kernel.Policy;

/// <summary>The outcome of validating a package as a whole (Core's PackageValidationState).</summary>
public sealed class PackageValidationState : ValidationState<PackageValidationResult>
{
}
