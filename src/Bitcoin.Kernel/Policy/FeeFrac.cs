namespace Bitcoin.Kernel.Policy;

/// <summary>
/// A fee and a size taken together (Core's FeeFrac): the fee in satoshis and the size in virtual bytes or weight
/// units, depending on use. Sums add fees to fees and sizes to sizes; comparisons by ratio (<see cref="CompareRatio"/>)
/// are exact, with no rounding. The empty value (0, 0) is below every non-empty ratio.
/// </summary>
/// <param name="Fee">The fee, in satoshis.</param>
/// <param name="Size">The size (never zero unless the fee is zero too).</param>
public readonly record struct FeeFrac(long Fee, int Size)
{
    /// <summary>True for the empty (0, 0) value.</summary>
    public bool IsEmpty => Size == 0;

    /// <summary>Adds fees and sizes.</summary>
    public static FeeFrac operator +(FeeFrac a, FeeFrac b) => new(a.Fee + b.Fee, a.Size + b.Size);

    /// <summary>Subtracts fees and sizes.</summary>
    public static FeeFrac operator -(FeeFrac a, FeeFrac b) => new(a.Fee - b.Fee, a.Size - b.Size);

    /// <summary>Compares the ratios fee/size (Core's ByRatio): positive when <paramref name="a"/> has the higher fee rate.</summary>
    public static int CompareRatio(FeeFrac a, FeeFrac b)
    {
        Int128 left = (Int128)a.Fee * b.Size;
        Int128 right = (Int128)b.Fee * a.Size;
        return left.CompareTo(right);
    }

    /// <summary>
    /// Compares by ratio and, for equal ratios, prefers the smaller size (Core's ByRatioNegSize): positive when
    /// <paramref name="a"/> is better.
    /// </summary>
    public static int CompareRatioThenSmaller(FeeFrac a, FeeFrac b)
    {
        int byRatio = CompareRatio(a, b);
        return byRatio != 0 ? byRatio : b.Size.CompareTo(a.Size);
    }

    /// <summary>The fee at <paramref name="atSize"/> for this ratio, rounded towards negative infinity.</summary>
    public long EvaluateFeeDown(int atSize) => Evaluate(atSize, roundDown: true);

    /// <summary>The fee at <paramref name="atSize"/> for this ratio, rounded towards positive infinity.</summary>
    public long EvaluateFeeUp(int atSize) => Evaluate(atSize, roundDown: false);

    private long Evaluate(int atSize, bool roundDown)
    {
        if (Size <= 0) throw new InvalidOperationException("A fee rate needs a positive size.");
        ArgumentOutOfRangeException.ThrowIfNegative(atSize);
        Int128 product = (Int128)Fee * atSize;
        Int128 quotient = product / Size;
        Int128 remainder = product - (quotient * Size);
        // Integer division truncates towards zero; adjust to the requested direction.
        if (remainder != 0)
        {
            if (roundDown && product < 0) quotient -= 1;
            if (!roundDown && product > 0) quotient += 1;
        }
        return (long)quotient;
    }
}
