using Bitcoin.Kernel.Serialization;
using NBitcoin;
using NBitcoin.Protocol;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// A peer's BIP37 filter. NBitcoin's <see cref="BloomFilter"/> divides by the filter's size, so an empty filter (which
/// a peer may load) would throw on every use (CVE-2013-5700); as in Core, an empty filter ignores additions and
/// matches everything.
/// </summary>
internal sealed class PeerBloomFilter
{
    private readonly BloomFilter _filter;
    private readonly bool _empty;

    private PeerBloomFilter(BloomFilter filter, bool empty)
    {
        _filter = filter;
        _empty = empty;
    }

    /// <summary>Decodes a filterload payload.</summary>
    public static PeerBloomFilter Read(byte[] payload)
    {
        // The payload starts with the CompactSize length of the bit field, which Core reads in its canonical form only
        // (NBitcoin's reader would take any).
        var reader = new SpanReader(payload);
        bool empty = reader.ReadCompactSize() == 0;
        var filter = new BloomFilter();
        filter.ReadWrite(new BitcoinStream(payload));
        return new PeerBloomFilter(filter, empty);
    }

    /// <summary>Within BIP37's limits (36,000 bytes, 50 hash functions).</summary>
    public bool IsWithinSizeConstraints => _filter.IsWithinSizeConstraints();

    /// <summary>Adds a data element (filteradd).</summary>
    public void Insert(byte[] data)
    {
        if (!_empty)
            _filter.Insert(data);
    }

    /// <summary>True if the transaction matches; the filter may add its outpoints as BIP37's update flags say.</summary>
    public bool IsRelevantAndUpdate(Transaction tx) => _empty || _filter.IsRelevantAndUpdate(tx);

    /// <summary>The block's merkleblock for this filter.</summary>
    public MerkleBlock MerkleBlock(Block block) =>
        _empty ? new MerkleBlock(block, [.. block.Transactions.Select(t => t.GetHash())]) : new MerkleBlock(block, _filter);
}
