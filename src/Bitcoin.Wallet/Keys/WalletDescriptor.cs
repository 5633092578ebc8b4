using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Wallet.Keys;

/// <summary>
/// A descriptor with the wallet's bookkeeping (Core's <c>WalletDescriptor</c>, the <c>walletdescriptor</c> record):
/// the range of positions derived so far [<see cref="RangeStart"/>, <see cref="RangeEnd"/>) and the next position
/// to hand out. The id is SHA256 of the descriptor's string with hardened steps as "'" (Core's DescriptorID).
/// </summary>
public sealed class WalletDescriptor
{
    /// <summary>Creates the bookkeeping of <paramref name="descriptor"/>.</summary>
    public WalletDescriptor(Descriptor descriptor, ulong creationTime, int rangeStart, int rangeEnd, int nextIndex)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        Id = descriptor.Id;
        CreationTime = creationTime;
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        NextIndex = nextIndex;
    }

    /// <summary>The descriptor (public keys only; private keys are stored apart).</summary>
    public Descriptor Descriptor { get; }

    /// <summary>The descriptor id.</summary>
    public uint256 Id { get; }

    /// <summary>When its keys were created, seconds since the epoch (the rescan start for imports).</summary>
    public ulong CreationTime { get; set; }

    /// <summary>The first position in range (inclusive); never changes.</summary>
    public int RangeStart { get; set; }

    /// <summary>The position after the last derived one (exclusive); grows with each top-up.</summary>
    public int RangeEnd { get; set; }

    /// <summary>The next position to hand out as an address.</summary>
    public int NextIndex { get; set; }

    /// <summary>Extended public keys remembered so that positions can be derived without private keys.</summary>
    public DescriptorCache Cache { get; set; } = new();

    /// <summary>A copy sharing the descriptor (caches are copied).</summary>
    public WalletDescriptor Clone()
    {
        var copy = new WalletDescriptor(Descriptor, CreationTime, RangeStart, RangeEnd, NextIndex);
        copy.Cache.MergeAndDiff(Cache);
        return copy;
    }
}
