namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// The network group of an address (Core's NetGroupManager::GetGroup without an AS map): /16 for IPv4, /32 for IPv6
/// (/36 for Hurricane Electric), 4 bits for Tor and I2P, 12 bits for CJDNS. Peers in one group are assumed to be
/// under one operator's control, so outbound connections and address buckets spread over groups.
/// </summary>
public static class NetGroup
{
    /// <summary>The group key: the network class byte followed by the group's prefix bits.</summary>
    public static byte[] GetGroup(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var group = new List<byte> { (byte)address.GetNetClass() };
        int startByte = 0, bits = 0;
        if (address.IsLocal)
        {
            // All local addresses share one group.
        }
        else if (address.IsInternal)
        {
            startByte = 6; // skip the internal prefix of the 16-byte form
            bits = NetAddress.InternalSize * 8;
        }
        else if (!address.IsRoutable)
        {
            // All other unroutable addresses share one group.
        }
        else if (address.HasLinkedIPv4)
        {
            uint ipv4 = address.GetLinkedIPv4();
            group.Add((byte)(ipv4 >> 24));
            group.Add((byte)(ipv4 >> 16));
            return [.. group];
        }
        else if (address.IsTor || address.IsI2P)
        {
            bits = 4;
        }
        else if (address.IsCjdns)
        {
            // The first byte is the constant fc prefix; the random part follows it.
            bits = 12;
        }
        else if (address.IsHeNet)
        {
            bits = 36;
        }
        else
        {
            bits = 32;
        }

        var bytes = address.GetAddrBytes();
        int wholeBytes = bits / 8;
        for (int i = 0; i < wholeBytes; i++)
            group.Add(bytes[startByte + i]);
        bits %= 8;
        if (bits > 0)
            group.Add((byte)(bytes[startByte + wholeBytes] | ((1 << (8 - bits)) - 1)));
        return [.. group];
    }
}
