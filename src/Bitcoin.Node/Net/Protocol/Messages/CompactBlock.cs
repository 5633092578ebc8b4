using System.Buffers.Binary;
using System.Security.Cryptography;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Util;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>
/// A cmpctblock payload (Core's CBlockHeaderAndShortTxIDs, BIP152 version 2): the header, a nonce, 6-byte short ids
/// of the transactions' wtxids and the transactions sent in full (at least the coinbase).
/// </summary>
public sealed class CompactBlock
{
    /// <summary>Size of a short transaction id.</summary>
    public const int ShortIdLength = 6;

    private readonly ulong _k0;
    private readonly ulong _k1;

    private CompactBlock(BlockHeader header, ulong nonce, IReadOnlyList<ulong> shortIds, IReadOnlyList<PrefilledTransaction> prefilled)
    {
        Header = header;
        Nonce = nonce;
        ShortIds = shortIds;
        Prefilled = prefilled;
        (_k0, _k1) = ShortIdKeys(header, nonce);
    }

    /// <summary>The block header.</summary>
    public BlockHeader Header { get; }

    /// <summary>The nonce salting the short ids.</summary>
    public ulong Nonce { get; }

    /// <summary>Short ids of the transactions not sent in full, in block order.</summary>
    public IReadOnlyList<ulong> ShortIds { get; }

    /// <summary>Transactions sent in full.</summary>
    public IReadOnlyList<PrefilledTransaction> Prefilled { get; }

    /// <summary>Number of transactions in the block.</summary>
    public int BlockTxCount => ShortIds.Count + Prefilled.Count;

    /// <summary>Builds the compact form of <paramref name="block"/>: the coinbase prefilled, every other transaction by short id.</summary>
    public static CompactBlock FromBlock(Block block, ulong nonce)
    {
        ArgumentNullException.ThrowIfNull(block);
        var (k0, k1) = ShortIdKeys(block.Header, nonce);
        var ids = new ulong[block.Transactions.Count - 1];
        for (int i = 1; i < block.Transactions.Count; i++)
            ids[i - 1] = ShortId(k0, k1, block.Transactions[i].GetWitHash());
        return new CompactBlock(block.Header, nonce, ids, [new PrefilledTransaction(0, block.Transactions[0])]);
    }

    /// <summary>The short id of a wtxid under this block's keys.</summary>
    public ulong GetShortId(uint256 wtxid) => ShortId(_k0, _k1, wtxid);

    /// <summary>Writes the payload.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(80 + 8 + 9 + (ShortIds.Count * ShortIdLength) + 512);
        WireSerialization.WriteHeader(writer, Header);
        writer.WriteUInt64(Nonce);
        writer.WriteCompactSize((ulong)ShortIds.Count);
        Span<byte> id = stackalloc byte[8];
        foreach (var shortId in ShortIds)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(id, shortId);
            writer.WriteBytes(id[..ShortIdLength]);
        }

        writer.WriteCompactSize((ulong)Prefilled.Count);
        foreach (var prefilled in Prefilled)
        {
            writer.WriteCompactSize(prefilled.IndexDelta);
            WireSerialization.WriteTransaction(writer, prefilled.Tx, witness: true);
        }

        return writer.ToArray();
    }

    /// <summary>Reads the payload; throws <see cref="SerializationException"/> as Core ("indexes overflowed 16 bits", ...).</summary>
    public static CompactBlock Read(byte[] payload, ConsensusFactory factory)
    {
        var reader = new SpanReader(payload);
        var header = WireSerialization.ReadHeader(ref reader, factory);
        ulong nonce = reader.ReadUInt64();
        ulong idCount = reader.ReadCompactSize();
        var ids = new List<ulong>();
        Span<byte> id = stackalloc byte[8];
        for (ulong i = 0; i < idCount; i++)
        {
            reader.ReadBytes(ShortIdLength).CopyTo(id);
            id[6] = 0;
            id[7] = 0;
            ids.Add(BinaryPrimitives.ReadUInt64LittleEndian(id));
        }

        ulong prefilledCount = reader.ReadCompactSize();
        var prefilled = new List<PrefilledTransaction>();
        for (ulong i = 0; i < prefilledCount; i++)
        {
            ulong index = reader.ReadCompactSize();
            if (index > ushort.MaxValue)
                throw new SerializationException("CompactSize exceeds limit of type");
            prefilled.Add(new PrefilledTransaction((ushort)index, WireSerialization.ReadTransaction(ref reader, factory)));
        }

        if (ids.Count + prefilled.Count > ushort.MaxValue)
            throw new SerializationException("indexes overflowed 16 bits");
        return new CompactBlock(header, nonce, ids, prefilled);
    }

    // SipHash keys: the first two little-endian words of SHA256(header || nonce).
    private static (ulong K0, ulong K1) ShortIdKeys(BlockHeader header, ulong nonce)
    {
        Span<byte> data = stackalloc byte[88];
        header.ToBytes().CopyTo(data);
        BinaryPrimitives.WriteUInt64LittleEndian(data[80..], nonce);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
    }

    private static ulong ShortId(ulong k0, ulong k1, uint256 wtxid) => SipHasher.HashUInt256(k0, k1, wtxid) & 0xffffffffffffUL;
}
