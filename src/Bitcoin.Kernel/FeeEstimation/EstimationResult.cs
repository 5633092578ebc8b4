namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>How an estimate was found (Core's EstimationResult): the passing and failing ranges, decay and scale.</summary>
public sealed record EstimationResult
{
    /// <summary>The lowest range that met the threshold.</summary>
    public EstimatorBucket Pass { get; init; } = new();

    /// <summary>The highest range that failed it (Start = -1: none failed).</summary>
    public EstimatorBucket Fail { get; init; } = new();

    /// <summary>The horizon's decay per block.</summary>
    public double Decay { get; init; }

    /// <summary>The horizon's resolution in blocks.</summary>
    public uint Scale { get; init; }
}
