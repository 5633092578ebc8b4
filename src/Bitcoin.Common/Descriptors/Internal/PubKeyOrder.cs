using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>Core's CPubKey operator&lt;: compares the serialized keys byte by byte, shorter first on a common prefix.</summary>
internal sealed class PubKeyOrder : IComparer<PubKey>
{
    public static readonly PubKeyOrder Instance = new();

    public static int Compare(PubKey a, PubKey b)
    {
        // CPubKey compares the header byte first, then the whole encoding.
        var x = a.ToBytes();
        var y = b.ToBytes();
        int c = x[0].CompareTo(y[0]);
        return c != 0 ? c : x.AsSpan().SequenceCompareTo(y);
    }

    int IComparer<PubKey>.Compare(PubKey? a, PubKey? b) => a is null || b is null ? (a is not null).CompareTo(b is not null) : Compare(a, b);
}
