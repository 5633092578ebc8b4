namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>Whether a key expression ends in a range step, and whether that step is hardened.</summary>
internal enum DeriveType
{
    NonRanged,
    UnhardenedRanged,
    HardenedRanged,
}
