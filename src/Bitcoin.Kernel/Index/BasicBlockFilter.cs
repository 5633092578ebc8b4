using Bitcoin.Kernel.Storage;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Kernel.Index;

/// <summary>
/// A BIP158 basic block filter: the Golomb-coded set of a block's output scripts and the scripts its inputs spent,
/// with the filter hash and the filter header that chains it to the previous block's (Core's BlockFilter of type
/// BASIC). Immutable.
/// </summary>
public sealed class BasicBlockFilter
{
    /// <summary>BIP158's Golomb-Rice parameter P for basic filters.</summary>
    public const int P = 19;

    /// <summary>BIP158's false-positive rate inverse M for basic filters.</summary>
    public const uint M = 784931;

    private readonly byte[] _encoded;

    private BasicBlockFilter(uint256 blockHash, byte[] encoded)
    {
        BlockHash = blockHash;
        _encoded = encoded;
        FilterHash = Hashes.DoubleSHA256(encoded);
    }

    /// <summary>The block the filter describes; its first 16 bytes are the filter's SipHash key.</summary>
    public uint256 BlockHash { get; }

    /// <summary>The double SHA-256 of <see cref="Encoded"/>.</summary>
    public uint256 FilterHash { get; }

    /// <summary>The serialized filter: CompactSize element count, then the Golomb-Rice coded bits (getblockfilter's "filter").</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>
    /// Builds the filter of <paramref name="block"/> from its output scripts (except empty and OP_RETURN ones) and,
    /// from <paramref name="undo"/>, the non-empty scripts of the coins its inputs spent (null for the genesis block).
    /// </summary>
    public static BasicBlockFilter Build(Block block, BlockUndo? undo)
    {
        ArgumentNullException.ThrowIfNull(block);
        var elements = new List<byte[]>();
        foreach (var tx in block.Transactions)
        {
            foreach (var output in tx.Outputs)
            {
                var script = output.ScriptPubKey.ToBytes(true);
                if (script.Length == 0 || script[0] == (byte)OpcodeType.OP_RETURN) continue;
                elements.Add(script);
            }
        }
        if (undo is not null)
        {
            foreach (var txUndo in undo.TxUndos)
            {
                foreach (var coin in txUndo.PrevOut)
                {
                    var script = coin.Output.ScriptPubKey.ToBytes(true);
                    if (script.Length > 0) elements.Add(script);
                }
            }
        }
        var hash = block.GetHash();
        // The builder keeps each distinct element once, as the BIP's set semantics require.
        var filter = new GolombRiceFilterBuilder().SetKey(hash).SetP(P).SetM(M).AddEntries(elements).Build();
        return new BasicBlockFilter(hash, filter.ToBytes());
    }

    /// <summary>Recreates a filter from its <paramref name="encoded"/> form (as stored by the index).</summary>
    public static BasicBlockFilter FromEncoded(uint256 blockHash, byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        ArgumentNullException.ThrowIfNull(encoded);
        return new BasicBlockFilter(blockHash, encoded);
    }

    /// <summary>The filter header: double SHA-256 of this filter's hash followed by <paramref name="previousHeader"/>.</summary>
    public uint256 ComputeHeader(uint256 previousHeader)
    {
        ArgumentNullException.ThrowIfNull(previousHeader);
        Span<byte> both = stackalloc byte[64];
        FilterHash.ToBytes(both[..32], lendian: true);
        previousHeader.ToBytes(both[32..], lendian: true);
        return Hashes.DoubleSHA256(both.ToArray());
    }

    /// <summary>
    /// True if any of <paramref name="elements"/> (scripts) may be in the block; false means certainly none is
    /// (BIP158 matching, with false positives at a rate of about 1/M).
    /// </summary>
    public bool MatchAny(IReadOnlyCollection<byte[]> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Count == 0) return false;
        var filter = new GolombRiceFilter(_encoded, (byte)P, M);
        if (filter.N == 0) return false;
        return filter.MatchAny(elements, BlockHash.ToBytes()[..16]);
    }
}
