using System.Globalization;

namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// A fee rate kept as an exact fraction fee/size in satoshis per virtual byte (Core's CFeeRate): made from satoshis per
/// 1000 vbytes or from a fee and a size. <see cref="GetFee"/> rounds up, <see cref="FeePerKvB"/> rounds down, and
/// comparisons are exact.
/// </summary>
public readonly struct TxFeeRate : IEquatable<TxFeeRate>, IComparable<TxFeeRate>
{
    private readonly long _fee;
    private readonly int _size;

    private TxFeeRate(long fee, int size)
    {
        _fee = fee;
        _size = size;
    }

    /// <summary>The zero rate (Core's default CFeeRate).</summary>
    public static TxFeeRate Zero => default;

    /// <summary><paramref name="satoshisPerKvB"/> satoshis per 1000 virtual bytes.</summary>
    public static TxFeeRate FromSatoshisPerKvB(long satoshisPerKvB) => new(satoshisPerKvB, 1000);

    /// <summary>The rate of paying <paramref name="fee"/> for <paramref name="virtualSize"/> vbytes (zero for a size of zero or less).</summary>
    public static TxFeeRate FromFee(long fee, long virtualSize) => virtualSize > 0 ? new TxFeeRate(fee, checked((int)virtualSize)) : default;

    /// <summary>Satoshis per 1000 vbytes, rounded down (Core's GetFeePerK).</summary>
    public long FeePerKvB => _size == 0 ? 0 : Evaluate(1000, roundDown: true);

    /// <summary>The fee for <paramref name="virtualSize"/> vbytes, rounded up to a satoshi (Core's GetFee).</summary>
    public long GetFee(long virtualSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(virtualSize);
        if (_size == 0) return 0;
        long fee = Evaluate(checked((int)virtualSize), roundDown: false);
        // A negative rate never rounds to free.
        if (fee == 0 && virtualSize != 0 && _fee < 0) return -1;
        return fee;
    }

    /// <summary>The rate multiplied by a whole factor (Core's operator*).</summary>
    public TxFeeRate Multiply(int factor) => _size == 0 ? default : new TxFeeRate(_fee * factor, _size);

    /// <summary>Core's operator+=: the sum of the per-kvB values.</summary>
    public TxFeeRate Add(TxFeeRate other) => FromSatoshisPerKvB(FeePerKvB + other.FeePerKvB);

    /// <inheritdoc/>
    public int CompareTo(TxFeeRate other)
    {
        // An empty rate (0/0) compares as zero.
        Int128 left = (Int128)_fee * (other._size == 0 ? 1 : other._size);
        Int128 right = (Int128)other._fee * (_size == 0 ? 1 : _size);
        if (_size == 0) left = 0;
        if (other._size == 0) right = 0;
        return left.CompareTo(right);
    }

    /// <inheritdoc/>
    public bool Equals(TxFeeRate other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TxFeeRate r && Equals(r);

    /// <inheritdoc/>
    public override int GetHashCode() => FeePerKvB.GetHashCode();

    /// <summary>"0.00001000 BTC/kvB" (Core's ToString).</summary>
    public override string ToString()
    {
        long perK = FeePerKvB;
        return string.Create(CultureInfo.InvariantCulture, $"{perK / 100_000_000}.{Math.Abs(perK % 100_000_000):D8} BTC/kvB");
    }

    /// <summary>"1.000 sat/vB" (Core's ToString(FeeRateFormat::SAT_VB)).</summary>
    public string ToSatPerVbString()
    {
        long perK = FeePerKvB;
        return string.Create(CultureInfo.InvariantCulture, $"{perK / 1000}.{Math.Abs(perK % 1000):D3} sat/vB");
    }

    public static bool operator ==(TxFeeRate a, TxFeeRate b) => a.Equals(b);

    public static bool operator !=(TxFeeRate a, TxFeeRate b) => !a.Equals(b);

    public static bool operator <(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) < 0;

    public static bool operator >(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) > 0;

    public static bool operator <=(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) <= 0;

    public static bool operator >=(TxFeeRate a, TxFeeRate b) => a.CompareTo(b) >= 0;

    private long Evaluate(int atSize, bool roundDown)
    {
        Int128 product = (Int128)_fee * atSize;
        Int128 quotient = product / _size;
        Int128 remainder = product - (quotient * _size);
        // Division truncates towards zero; move to the requested direction.
        if (remainder != 0)
        {
            if (roundDown && product < 0) quotient -= 1;
            if (!roundDown && product > 0) quotient += 1;
        }
        return (long)quotient;
    }
}
