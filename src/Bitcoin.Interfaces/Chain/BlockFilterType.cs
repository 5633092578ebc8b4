namespace Bitcoin.Interfaces;

/// <summary>The kinds of BIP157 block filters (Core's <c>BlockFilterType</c>).</summary>
public enum BlockFilterType : byte
{
    /// <summary>BIP158 basic filters.</summary>
    Basic = 0,
}
