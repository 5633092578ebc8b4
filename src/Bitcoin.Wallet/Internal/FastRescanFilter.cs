using Bitcoin.Interfaces;
using Bitcoin.Wallet.Keys;
using NBitcoin;

namespace Bitcoin.Wallet.Internal;

/// <summary>
/// The wallet's output scripts as a block filter query (Core's FastWalletRescanFilter): a rescan asks the node's block
/// filter index whether a block may pay any of them and reads only the blocks that may. Ranged descriptors that derive
/// further during the scan (a top-up after a found payment) add their new scripts before the next block is asked about.
/// </summary>
internal sealed class FastRescanFilter
{
    private readonly DescriptorWallet _wallet;
    private readonly IChain _chain;
    private readonly Dictionary<uint256, int> _lastRangeEnds = [];
    private readonly HashSet<byte[]> _scripts = new(ByteArrayComparer.Instance);
    private byte[][] _query = [];

    public FastRescanFilter(DescriptorWallet wallet, IChain chain)
    {
        _wallet = wallet;
        _chain = chain;
        foreach (var spkm in wallet.ScriptPubKeyMans)
        {
            Add(spkm, 0);
            // A ranged descriptor's end is remembered so later derivations can be added.
            if (spkm.IsHdEnabled) _lastRangeEnds[spkm.Id] = spkm.EndRange;
        }
        _query = [.. _scripts];
    }

    /// <summary>Adds the scripts derived since the last call (Core's UpdateIfNeeded).</summary>
    public void UpdateIfNeeded()
    {
        bool added = false;
        foreach (var (id, lastEnd) in _lastRangeEnds.ToList())
        {
            if (_wallet.GetScriptPubKeyMan(id) is not { } spkm) continue;
            int end = spkm.EndRange;
            if (end <= lastEnd) continue;
            Add(spkm, lastEnd);
            _lastRangeEnds[id] = end;
            added = true;
        }
        if (added) _query = [.. _scripts];
    }

    /// <summary>Whether the block may pay the wallet; null when the node has no filter for it (the block must be read).</summary>
    public bool? MatchesBlock(uint256 blockHash) => _chain.BlockFilterMatchesAny(BlockFilterType.Basic, blockHash, _query);

    private void Add(DescriptorScriptPubKeyMan spkm, int fromIndex)
    {
        foreach (var script in spkm.GetScriptPubKeys(fromIndex))
            _scripts.Add(script.ToBytes());
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
