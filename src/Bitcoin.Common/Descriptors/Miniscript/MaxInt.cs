namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>The maximum of a set of integers, or "none" for the empty set (Core's MaxInt): + adds, | takes the maximum.</summary>
internal readonly record struct MaxInt(bool Valid, uint Value)
{
    public static readonly MaxInt Empty = new(false, 0);

    public static MaxInt Of(uint value) => new(true, value);

    public static MaxInt operator +(MaxInt a, MaxInt b) => !a.Valid || !b.Valid ? Empty : Of(a.Value + b.Value);

    public static MaxInt operator |(MaxInt a, MaxInt b) => !a.Valid ? b : !b.Valid ? a : Of(Math.Max(a.Value, b.Value));
}
