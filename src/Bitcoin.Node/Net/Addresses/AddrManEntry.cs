using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>A snapshot of one address manager entry with its position (for getrawaddrman).</summary>
/// <param name="Address">The address, services and last-seen time.</param>
/// <param name="Source">Who told us about it.</param>
/// <param name="Position">Its table, bucket and position.</param>
public sealed record AddrManEntry(PeerAddress Address, NetAddress Source, AddressPosition Position)
{
    /// <summary>The services.</summary>
    public ServiceFlags Services => Address.Services;
}
