using NBitcoin;

namespace Bitcoin.Wallet.CoinSelection.Internal;

/// <summary>Core's COutPoint ordering: txid bytes (memcmp), then index.</summary>
internal static class OutPointOrder
{
    public static readonly IComparer<OutPoint> Comparer = Comparer<OutPoint>.Create(Compare);

    public static int Compare(OutPoint a, OutPoint b)
    {
        int c = a.Hash.ToBytes().AsSpan().SequenceCompareTo(b.Hash.ToBytes());
        return c != 0 ? c : a.N.CompareTo(b.N);
    }
}
