using System.Buffers.Binary;
using System.Security.Cryptography;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// An address manager entry (Core's AddrInfo): the address with its services and last-seen time, who told us about
/// it, and our connection history with it. Mutable; owned by <see cref="AddrMan"/> under its lock.
/// </summary>
internal sealed class AddrInfo
{
    // Core's ADDRMAN_* constants that shape bucketing and quality.
    public const int TriedBucketCount = 256;
    public const int NewBucketCount = 1024;
    public const int BucketSize = 64;
    public const int TriedBucketsPerGroup = 8;
    public const int NewBucketsPerSourceGroup = 64;
    public const int NewBucketsPerAddress = 8;
    public const long Horizon = 30L * 24 * 3600;
    public const int Retries = 3;
    public const int MaxFailures = 10;
    public const long MinFail = 7L * 24 * 3600;

    public AddrInfo(PeerAddress address, NetAddress source)
    {
        Service = address.Service;
        Services = address.Services;
        Time = address.Time;
        Source = source;
    }

    public ServiceAddress Service { get; }

    public NetAddress Address => Service.Address;

    public ServiceFlags Services { get; set; }

    /// <summary>Last seen, seconds since the epoch.</summary>
    public long Time { get; set; }

    public NetAddress Source { get; }

    public long LastTry { get; set; }

    public long LastCountAttempt { get; set; }

    public long LastSuccess { get; set; }

    public int Attempts { get; set; }

    public int RefCount { get; set; }

    public bool InTried { get; set; }

    public int RandomPos { get; set; } = -1;

    public PeerAddress ToPeerAddress() => new(Service, Services, Time);

    public int GetTriedBucket(ReadOnlySpan<byte> key)
    {
        var w = new ByteWriter(64);
        w.WriteBytes(key);
        w.WriteVarBytes(Service.GetKey());
        ulong hash1 = CheapHash(w);
        w.Clear();
        w.WriteBytes(key);
        w.WriteVarBytes(NetGroup.GetGroup(Address));
        w.WriteUInt64(hash1 % TriedBucketsPerGroup);
        return (int)(CheapHash(w) % TriedBucketCount);
    }

    public int GetNewBucket(ReadOnlySpan<byte> key, NetAddress source)
    {
        var sourceGroup = NetGroup.GetGroup(source);
        var w = new ByteWriter(64);
        w.WriteBytes(key);
        w.WriteVarBytes(NetGroup.GetGroup(Address));
        w.WriteVarBytes(sourceGroup);
        ulong hash1 = CheapHash(w);
        w.Clear();
        w.WriteBytes(key);
        w.WriteVarBytes(sourceGroup);
        w.WriteUInt64(hash1 % NewBucketsPerSourceGroup);
        return (int)(CheapHash(w) % NewBucketCount);
    }

    public int GetNewBucket(ReadOnlySpan<byte> key) => GetNewBucket(key, Source);

    public int GetBucketPosition(ReadOnlySpan<byte> key, bool isNew, int bucket)
    {
        var w = new ByteWriter(64);
        w.WriteBytes(key);
        w.WriteByte(isNew ? (byte)'N' : (byte)'K');
        w.WriteInt32(bucket);
        w.WriteVarBytes(Service.GetKey());
        return (int)(CheapHash(w) % BucketSize);
    }

    /// <summary>Not worth keeping: too old, from the future, or failing repeatedly (Core's IsTerrible).</summary>
    public bool IsTerrible(long now)
    {
        if (now - LastTry <= 60)
            return false;
        if (Time > now + (10 * 60))
            return true;
        if (now - Time > Horizon)
            return true;
        if (LastSuccess == 0 && Attempts >= Retries)
            return true;
        if (now - LastSuccess > MinFail && Attempts >= MaxFailures)
            return true;
        return false;
    }

    /// <summary>The relative chance of picking this entry (Core's GetChance).</summary>
    public double GetChance(long now)
    {
        double chance = 1.0;
        if (now - LastTry < 10 * 60)
            chance *= 0.01;
        chance *= Math.Pow(0.66, Math.Min(Attempts, 8));
        return chance;
    }

    // Core's HashWriter(...).GetCheapHash(): the first 8 bytes of a double SHA-256, little-endian.
    private static ulong CheapHash(ByteWriter writer)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(writer.WrittenSpan, hash);
        SHA256.HashData(hash, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
