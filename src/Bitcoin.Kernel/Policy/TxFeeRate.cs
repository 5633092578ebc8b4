using System.Globalization;

namespace Bitcoin.Kernel.Policy;

/// <summary>
/// A fee rate in satoshis per virtual byte, kept as an exact fraction (Core's CFeeRate): built from satoshis per
/// 1000 virtual bytes or from a fee and a size. <see cref="GetFee"/> rounds up, <see cref="FeePerKvB"/> rounds down;
/// comparisons are exact.
/// </summary>
public readonly struct TxFeeRate : IEquatable<TxFeeRate>, IComparable<TxFeeRate>
{
    private readonly FeeFrac _rate;

    private TxFeeRate(FeeFrac rate) => _rate = rate;

    /// <summary>The zero fee rate.</summary>
    public static TxFeeRate Zero => default;

    /// <summary>A rate of <paramref name="satoshisPerKvB"/> satoshis per 1000 virtual bytes.</summary>
    public static TxFeeRate FromSatoshisPerKvB(long satoshisPerKvB) => new(new FeeFrac(satoshisPerKvB, 1000));

    /// <summary>The rate of paying <paramref name="fee"/> for <paramref name="virtualSize"/> virtual bytes (zero for a size of zero or less).</summary>
    public static TxFeeRate FromFee(long fee, long virtualSize) =>
        virtualSize > 0 ? new TxFeeRate(new FeeFrac(fee, checked((int)virtualSize))) : default;

    /// <summary>The rate of a fee and size pair (zero when the size is not positive).</summary>
    public static TxFeeRate FromFeeFrac(FeeFrac rate) => rate.Size > 0 ? new TxFeeRate(rate) : default;

    /// <summary>The rate as a fee and virtual size fraction.</summary>
    public FeeFrac PerVirtualSize => _rate;

    /// <summary>Satoshis per 1000 virtual bytes, rounded down (Core's GetFeePerK).</summary>
    public long FeePerKvB => _rate.IsEmpty ? 0 : _rate.EvaluateFeeDown(1000);

    /// <summary>The fee for <paramref name="virtualSize"/> virtual bytes, rounded up to a whole satoshi (Core's GetFee).</summary>
    public long GetFee(long virtualSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(virtualSize);
        if (_rate.IsEmpty) return 0;
        long fee = _rate.EvaluateFeeUp(checked((int)virtualSize));
        // A negative rate never rounds to "free": keep at least one satoshi of penalty, as Core does.
        if (fee == 0 && virtualSize != 0 && _rate.Fee < 0) return -1;
        return fee;
    }

    /// <summary>Adds another rate's per-kvB value (Core's operator+=, used for the rolling minimum fee).</summary>
    public TxFeeRate Add(TxFeeRate other) => FromSatoshisPerKvB(FeePerKvB + other.FeePerKvB);

    /// <inheritdoc/>
    public int CompareTo(TxFeeRate other) => FeeFrac.CompareRatio(Normalized(_rate), Normalized(other._rate));

    /// <inheritdoc/>
    public bool Equals(TxFeeRate other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TxFeeRate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => FeePerKvB.GetHashCode();

    /// <summary>"0.00001000 BTC/kvB", as Core's ToString.</summary>
    public override string ToString()
    {
        long perK = FeePerKvB;
        return string.Create(CultureInfo.InvariantCulture, $"{perK / 100_000_000}.{Math.Abs(perK % 100_000_000):D8} BTC/kvB");
    }

    /// <summary>"1.000 sat/vB", as Core's ToString(SAT_VB).</summary>
    public string ToSatPerVbString()
    {
        long perK = FeePerKvB;
        return string.Create(CultureInfo.InvariantCulture, $"{perK / 1000}.{Math.Abs(perK % 1000):D3} sat/vB");
    }

    /// <summary>Exact ratio comparison.</summary>
    public static bool operator <(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) < 0;

    /// <summary>Exact ratio comparison.</summary>
    public static bool operator >(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) > 0;

    /// <summary>Exact ratio comparison.</summary>
    public static bool operator <=(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) <= 0;

    /// <summary>Exact ratio comparison.</summary>
    public static bool operator >=(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) >= 0;

    /// <summary>Exact ratio equality.</summary>
    public static bool operator ==(TxFeeRate a, TxFeeRate b) => a.Equals(b);

    /// <summary>Exact ratio inequality.</summary>
    public static bool operator !=(TxFeeRate a, TxFeeRate b) => !a.Equals(b);

    /// <summary>The larger of two rates.</summary>
    public static TxFeeRate Max(TxFeeRate a, TxFeeRate b) => a >= b ? a : b;

    // The empty rate compares as 0/1 so that it equals a zero rate.
    private static FeeFrac Normalized(FeeFrac rate) => rate.IsEmpty ? new FeeFrac(0, 1) : rate;
}
