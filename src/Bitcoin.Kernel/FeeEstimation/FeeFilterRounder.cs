namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>
/// Quantizes the minimum fee a node announces in feefilter messages, for privacy (Core's FeeFilterRounder): values
/// from max(1, incremental relay fee / 2) up to 10^7 sat/kvB spaced by 10%, plus zero; a fee is rounded down to a
/// value of the set, or (one time in three) to the next one up.
/// </summary>
public sealed class FeeFilterRounder
{
    private const double MaxFilterFeeRate = 1e7;
    private const double FeeFilterSpacing = 1.1;

    private readonly double[] _feeSet;
    private readonly Random _random;
    private readonly Lock _lock = new();

    /// <summary>Creates the rounder for an incremental relay fee (sat/kvB), with <paramref name="random"/> choosing the rounding direction.</summary>
    public FeeFilterRounder(long minIncrementalFeePerKvB, Random? random = null)
    {
        var set = new SortedSet<double> { 0 };
        long minFeeLimit = Math.Max(1, minIncrementalFeePerKvB / 2);
        for (double boundary = minFeeLimit; boundary <= MaxFilterFeeRate; boundary *= FeeFilterSpacing) set.Add(boundary);
        _feeSet = set.ToArray();
        _random = random ?? new Random();
    }

    /// <summary>The quantized value of <paramref name="currentMinFee"/> (sat/kvB).</summary>
    public long Round(long currentMinFee)
    {
        // The first set value not below the fee (Core's lower_bound).
        int index = Array.BinarySearch(_feeSet, (double)currentMinFee);
        if (index < 0) index = ~index;
        bool stepDown;
        lock (_lock) stepDown = index == _feeSet.Length || (index != 0 && (uint)_random.Next() % 3 != 0);
        if (stepDown) index--;
        return (long)_feeSet[index];
    }
}
