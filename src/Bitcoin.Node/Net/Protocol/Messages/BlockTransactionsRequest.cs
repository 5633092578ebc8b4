using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A getblocktxn payload: the block and the indexes of the transactions wanted (differentially encoded on the wire).</summary>
/// <param name="BlockHash">The block.</param>
/// <param name="Indexes">Strictly increasing transaction indexes.</param>
public sealed record BlockTransactionsRequest(uint256 BlockHash, IReadOnlyList<ushort> Indexes)
{
    /// <summary>Writes the payload.</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(32 + 9 + (Indexes.Count * 3));
        writer.WriteUInt256(BlockHash);
        writer.WriteCompactSize((ulong)Indexes.Count);
        ulong shift = 0;
        foreach (var index in Indexes)
        {
            if (index < shift)
                throw new InvalidOperationException("differential value overflow");
            writer.WriteCompactSize(index - shift);
            shift = (ulong)index + 1;
        }

        return writer.ToArray();
    }

    /// <summary>Reads the payload; an index past 65535 throws "differential value overflow" as Core.</summary>
    public static BlockTransactionsRequest Read(byte[] payload)
    {
        var reader = new SpanReader(payload);
        var hash = reader.ReadUInt256();
        ulong count = reader.ReadCompactSize();
        var indexes = new List<ushort>();
        ulong shift = 0;
        for (ulong i = 0; i < count; i++)
        {
            ulong delta = reader.ReadCompactSize();
            shift += delta;
            if (shift < delta || shift > ushort.MaxValue)
                throw new SerializationException("differential value overflow");
            indexes.Add((ushort)shift);
            shift++;
        }

        return new BlockTransactionsRequest(hash, indexes);
    }
}
