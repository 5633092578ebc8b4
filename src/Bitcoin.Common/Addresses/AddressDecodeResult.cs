namespace Bitcoin.Common.Addresses;

/// <summary>
/// The result of decoding an address: the destination (a <see cref="NoDestination"/> on failure), Core's error message
/// ("" when valid) and, for Bech32 strings, the indices of the characters most likely wrong.
/// </summary>
public sealed record AddressDecodeResult(TxDestination Destination, string Error, IReadOnlyList<int> ErrorLocations)
{
    /// <summary>True when the string decoded to a valid destination.</summary>
    public bool IsValid => Destination.IsValid;
}
