using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Node.Net.Addresses;

// peers.dat body (Core's AddrManImpl::Serialize/Unserialize, format 4 "multiport").
public sealed partial class AddrMan
{
    private const byte FileFormat = 4;
    private const byte IncompatibilityBase = 32;
    private const byte FormatBip155 = 3;
    private const byte FormatAsmap = 2;
    private const byte FormatDeterministic = 1;

    /// <summary>
    /// Writes the tables: format bytes, key, counts, the new entries then the tried ones (BIP155 disk form with source,
    /// last success and attempts), each new bucket's entry indexes, and the (zero) AS map version.
    /// </summary>
    public void Serialize(ByteWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_lock)
        {
            writer.WriteByte(FileFormat);
            writer.WriteByte(IncompatibilityBase + FileFormat);
            writer.WriteBytes(_key);
            writer.WriteInt32(_new_count);
            writer.WriteInt32(_tried_count);
            writer.WriteInt32(AddrInfo.NewBucketCount ^ (1 << 30));
            var serializedIds = new Dictionary<long, int>();
            int index = 0;
            foreach (var (id, info) in _info)
            {
                if (info.RefCount == 0)
                    continue;
                serializedIds[id] = index++;
                WriteEntry(writer, info);
            }

            foreach (var (_, info) in _info)
            {
                if (info.InTried)
                    WriteEntry(writer, info);
            }

            for (int bucket = 0; bucket < AddrInfo.NewBucketCount; bucket++)
            {
                int size = 0;
                for (int i = 0; i < AddrInfo.BucketSize; i++)
                {
                    if (_new[bucket, i] != -1)
                        size++;
                }

                writer.WriteInt32(size);
                for (int i = 0; i < AddrInfo.BucketSize; i++)
                {
                    if (_new[bucket, i] != -1)
                        writer.WriteInt32(serializedIds[_new[bucket, i]]);
                }
            }

            // No AS map: its version is all zeros.
            writer.WriteBytes(new byte[32]);
        }
    }

    /// <summary>
    /// Replaces the (empty) tables with a serialized body. Throws <see cref="SerializationException"/> for corrupt
    /// data and <see cref="AddrManVersionException"/> for a format this node cannot read, with Core's messages.
    /// </summary>
    public void Deserialize(ref SpanReader reader)
    {
        lock (_lock)
        {
            if (_randomOrder.Count != 0)
                throw new InvalidOperationException("Deserialize needs an empty address manager.");
            byte format = reader.ReadByte();
            bool v2 = format >= FormatBip155;
            byte compat = reader.ReadByte();
            if (compat < IncompatibilityBase)
            {
                throw new SerializationException(string.Create(CultureInfo.InvariantCulture,
                    $"Corrupted addrman database: The compat value ({compat}) is lower than the expected minimum value {IncompatibilityBase}."));
            }

            int lowestCompatible = compat - IncompatibilityBase;
            if (lowestCompatible > FileFormat)
            {
                throw new AddrManVersionException(string.Create(CultureInfo.InvariantCulture,
                    $"Unsupported format of addrman database: {format}. It is compatible with formats >={lowestCompatible}, but the maximum supported by this version of Bitcoin Core is {FileFormat}."));
            }

            _key = reader.ReadBytes(32).ToArray();
            int newCount = reader.ReadInt32();
            int triedCount = reader.ReadInt32();
            int bucketCount = reader.ReadInt32();
            if (format >= FormatDeterministic)
                bucketCount ^= 1 << 30;
            int maxNew = AddrInfo.NewBucketCount * AddrInfo.BucketSize;
            int maxTried = AddrInfo.TriedBucketCount * AddrInfo.BucketSize;
            if (newCount > maxNew || newCount < 0)
                throw new SerializationException(string.Create(CultureInfo.InvariantCulture, $"Corrupt AddrMan serialization: nNew={newCount}, should be in [0, {maxNew}]"));
            if (triedCount > maxTried || triedCount < 0)
                throw new SerializationException(string.Create(CultureInfo.InvariantCulture, $"Corrupt AddrMan serialization: nTried={triedCount}, should be in [0, {maxTried}]"));

            for (int n = 0; n < newCount; n++)
            {
                var info = ReadEntry(ref reader, v2);
                info.RandomPos = _randomOrder.Count;
                _info[n] = info;
                _byAddress[info.Service] = n;
                _randomOrder.Add(n);
                Count(info.Address.GetNetwork(), newDelta: 1);
            }

            _new_count = newCount;
            _idCount = newCount;
            int lost = 0;
            for (int n = 0; n < triedCount; n++)
            {
                var info = ReadEntry(ref reader, v2);
                int bucket = info.GetTriedBucket(_key);
                int position = info.GetBucketPosition(_key, false, bucket);
                if (info.Address.IsValid && _tried[bucket, position] == -1)
                {
                    info.RandomPos = _randomOrder.Count;
                    info.InTried = true;
                    _randomOrder.Add(_idCount);
                    _info[_idCount] = info;
                    _byAddress[info.Service] = _idCount;
                    _tried[bucket, position] = _idCount;
                    _idCount++;
                    Count(info.Address.GetNetwork(), triedDelta: 1);
                }
                else
                {
                    lost++;
                }
            }

            _tried_count = triedCount - lost;

            var bucketEntries = new List<(int Bucket, int Entry)>();
            for (int bucket = 0; bucket < bucketCount; bucket++)
            {
                int entries = reader.ReadInt32();
                for (int n = 0; n < entries; n++)
                {
                    int entry = reader.ReadInt32();
                    if (entry >= 0 && entry < newCount)
                        bucketEntries.Add((bucket, entry));
                }
            }

            var asmapVersion = format >= FormatAsmap ? reader.ReadBytes(32).ToArray() : new byte[32];
            bool restoreBucketing = bucketCount == AddrInfo.NewBucketCount && asmapVersion.All(b => b == 0);
            if (!restoreBucketing)
                Log.Debug(LogCategory.AddrMan, "Bucketing method was updated, re-bucketing addrman entries from disk");

            foreach (var (savedBucket, entry) in bucketEntries)
            {
                var info = _info[entry];
                if (!info.Address.IsValid || info.RefCount >= AddrInfo.NewBucketsPerAddress)
                    continue;
                int bucket = savedBucket;
                int position = info.GetBucketPosition(_key, true, bucket);
                if (restoreBucketing && _new[bucket, position] == -1)
                {
                    _new[bucket, position] = entry;
                    info.RefCount++;
                }
                else
                {
                    bucket = info.GetNewBucket(_key);
                    position = info.GetBucketPosition(_key, true, bucket);
                    if (_new[bucket, position] == -1)
                    {
                        _new[bucket, position] = entry;
                        info.RefCount++;
                    }
                }
            }

            int lostNew = 0;
            foreach (var (id, info) in _info.ToList())
            {
                if (!info.InTried && info.RefCount == 0)
                {
                    Delete(id);
                    lostNew++;
                }
            }

            if (lost + lostNew > 0)
                Log.Debug(LogCategory.AddrMan, $"addrman lost {lostNew} new and {lost} tried addresses due to collisions or invalid addresses");

            int check = CheckAddrman();
            if (check != 0)
                throw new SerializationException(string.Create(CultureInfo.InvariantCulture, $"Corrupt data. Consistency check failed with code {check}"));
        }
    }

    private static void WriteEntry(ByteWriter writer, AddrInfo info)
    {
        info.ToPeerAddress().WriteDisk(writer, addrV2: true);
        info.Source.WriteV2(writer);
        writer.WriteUInt64((ulong)info.LastSuccess);
        writer.WriteInt32(info.Attempts);
    }

    private static AddrInfo ReadEntry(ref SpanReader reader, bool v2)
    {
        var address = PeerAddress.ReadDisk(ref reader, allowV2: v2);
        var source = v2 ? NetAddress.ReadV2(ref reader) : NetAddress.ReadV1(ref reader);
        return new AddrInfo(address, source)
        {
            LastSuccess = (long)reader.ReadUInt64(),
            Attempts = reader.ReadInt32(),
        };
    }
}
