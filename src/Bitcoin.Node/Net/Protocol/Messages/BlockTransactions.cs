using Bitcoin.Kernel.Serialization;
using NBitcoin;

namespace Bitcoin.Node.Net.Protocol.Messages;

/// <summary>A blocktxn payload: the block and the requested transactions in index order.</summary>
/// <param name="BlockHash">The block.</param>
/// <param name="Transactions">The transactions.</param>
public sealed record BlockTransactions(uint256 BlockHash, IReadOnlyList<Transaction> Transactions)
{
    /// <summary>Writes the payload (transactions with witness).</summary>
    public byte[] Serialize()
    {
        var writer = new ByteWriter(32 + 9 + (Transactions.Count * 256));
        writer.WriteUInt256(BlockHash);
        writer.WriteCompactSize((ulong)Transactions.Count);
        foreach (var tx in Transactions)
            WireSerialization.WriteTransaction(writer, tx, witness: true);
        return writer.ToArray();
    }

    /// <summary>Reads the payload.</summary>
    public static BlockTransactions Read(byte[] payload, ConsensusFactory factory)
    {
        var reader = new SpanReader(payload);
        var hash = reader.ReadUInt256();
        ulong count = reader.ReadCompactSize();
        var txs = new List<Transaction>();
        for (ulong i = 0; i < count; i++)
            txs.Add(WireSerialization.ReadTransaction(ref reader, factory));
        return new BlockTransactions(hash, txs);
    }
}
