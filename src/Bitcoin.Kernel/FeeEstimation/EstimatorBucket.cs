namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>Details of a range of fee rate buckets (Core's EstimatorBucket), as estimaterawfee reports them.</summary>
public sealed record EstimatorBucket
{
    /// <summary>Lower end of the range (sat/kvB); -1 when unset.</summary>
    public double Start { get; init; } = -1;

    /// <summary>Upper end of the range (sat/kvB); -1 when unset.</summary>
    public double End { get; init; } = -1;

    /// <summary>Transactions confirmed within the target (decayed count).</summary>
    public double WithinTarget { get; init; }

    /// <summary>Transactions confirmed at all.</summary>
    public double TotalConfirmed { get; init; }

    /// <summary>Transactions still in the mempool for at least the target.</summary>
    public double InMempool { get; init; }

    /// <summary>Transactions that left the mempool unconfirmed after the target.</summary>
    public double LeftMempool { get; init; }
}
