using NBitcoin;
using NBitcoin.WalletPolicies;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>BIP327 key aggregation and the BIP328 synthetic xpub of an aggregate key.</summary>
internal static class MuSig2
{
    private static readonly byte[] s_chainCode = Convert.FromHexString("868087ca02a6f974c4598924c36b57762d32cb45717167e300622c7167e38965");

    /// <summary>
    /// The aggregate of keys already sorted as Core sorts them. NBitcoin exposes BIP327 KeyAgg only through its
    /// wallet-policy musig() node, which sorts its participants itself, matching Core's sort-then-aggregate.
    /// </summary>
    public static PubKey? Aggregate(IReadOnlyList<PubKey> sortedPubKeys)
    {
        if (sortedPubKeys.Count == 0) return null;
        var nodes = sortedPubKeys.Select(k => (MiniscriptNode)MiniscriptNode.Create(k)).ToArray();
        return new MiniscriptNode.MusigNode(false, nodes).GetAggregatePubKey();
    }

    /// <summary>The BIP328 xpub of an aggregate key: depth 0, zero fingerprint and child, the MuSig2 chain code.</summary>
    public static ExtPubKey SyntheticXpub(PubKey aggregate) => new(aggregate, s_chainCode, 0, default, 0);
}
