namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>The four ways Core serialises a descriptor.</summary>
internal enum DescriptorStringType
{
    Public,
    Private,
    Normalized,
    Compat,
}
