namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>Whether a satisfaction ingredient (signature, preimage) is available.</summary>
internal enum Availability
{
    No,
    Yes,
    Maybe,
}
