namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>How a key expression is written: as given, or in the fixed form used for descriptor ids.</summary>
internal enum KeyStringType
{
    /// <summary>As parsed (keeps ' or h).</summary>
    Public,

    /// <summary>Always with apostrophes, so descriptor ids never change.</summary>
    Compat,
}
