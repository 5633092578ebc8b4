namespace Bitcoin.Node.Net.Addresses;

/// <summary>Where an entry sits in the address manager (Core's AddressPosition), for getrawaddrman and tests.</summary>
/// <param name="Tried">True for the tried table, false for new.</param>
/// <param name="Multiplicity">How many new buckets reference it (1 for tried).</param>
/// <param name="Bucket">The bucket.</param>
/// <param name="Position">The position in the bucket.</param>
public readonly record struct AddressPosition(bool Tried, int Multiplicity, int Bucket, int Position);
