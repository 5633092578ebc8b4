using Bitcoin.Kernel.Serialization;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// BIP37 (Core's filterload/filteradd/filterclear handling and filtered blocks), offered only with NODE_BLOOM: a peer's
// filter limits the transactions announced to it and turns its merkleblock requests into a partial merkle tree
// followed by the matched transactions.
public sealed partial class PeerManager
{
    // The largest data element a script can push: nothing larger can ever match, so a bigger filteradd is misbehaviour.
    private const int MaxScriptElementSize = 520;

    private void ProcessBloomMessage(Peer peer, PeerConnection node, string type, byte[] payload)
    {
        var txRelay = peer.TxRelay;
        switch (type)
        {
            case NetMessageType.FilterLoad:
            {
                var filter = PeerBloomFilter.Read(payload);
                if (!filter.IsWithinSizeConstraints)
                {
                    Misbehaving(peer, "too-large bloom filter");
                    return;
                }

                if (txRelay is null)
                    return;
                lock (txRelay.Lock)
                {
                    txRelay.BloomFilter = filter;
                    txRelay.RelayTxs = true;
                }

                node.BloomFilterLoaded = true;
                node.RelaysTxs = true;
                MaybeDisconnectForTxRelayCapacity(node, type);
                return;
            }

            case NetMessageType.FilterAdd:
            {
                var reader = new SpanReader(payload);
                ulong size = reader.ReadCompactSize();
                if (size > (ulong)reader.Remaining)
                    throw new SerializationException("end of data");
                var data = reader.ReadBytes((int)size).ToArray();
                bool bad = data.Length > MaxScriptElementSize;
                if (!bad && txRelay is not null)
                {
                    lock (txRelay.Lock)
                    {
                        if (txRelay.BloomFilter is { } filter)
                            filter.Insert(data);
                        else
                            bad = true;
                    }
                }

                if (bad)
                    Misbehaving(peer, "bad filteradd message");
                return;
            }

            default:
            {
                if (txRelay is null)
                    return;
                lock (txRelay.Lock)
                {
                    txRelay.BloomFilter = null;
                    txRelay.RelayTxs = true;
                }

                node.BloomFilterLoaded = false;
                node.RelaysTxs = true;
                MaybeDisconnectForTxRelayCapacity(node, type);
                return;
            }
        }
    }

    /// <summary>
    /// Answers a filtered-block request: the header with a partial merkle tree of the transactions the peer's filter
    /// matches, then each matched transaction without witness. Nothing is sent to a peer without a filter.
    /// </summary>
    private void SendMerkleBlock(PeerConnection node, Peer peer, Block block)
    {
        var txRelay = peer.TxRelay;
        if (txRelay is null)
            return;
        MerkleBlock merkleBlock;
        lock (txRelay.Lock)
        {
            if (txRelay.BloomFilter is not { } filter)
                return;
            merkleBlock = filter.MerkleBlock(block);
        }

        Push(node, NetMessageType.MerkleBlock, merkleBlock.ToBytes());
        var matched = merkleBlock.PartialMerkleTree.GetMatchedTransactions().ToHashSet();
        foreach (var tx in block.Transactions)
        {
            if (matched.Contains(tx.GetHash()))
                Push(node, NetMessageType.Tx, WireSerialization.SerializeTransaction(tx, witness: false));
        }
    }

    /// <summary>True unless the peer loaded a filter that <paramref name="tx"/> does not match (the filter may grow); hold the relay lock.</summary>
    private static bool PassesBloomFilter(TxRelayState txRelay, Transaction tx) =>
        txRelay.BloomFilter is not { } filter || filter.IsRelevantAndUpdate(tx);
}
