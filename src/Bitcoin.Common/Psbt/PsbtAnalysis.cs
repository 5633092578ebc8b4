namespace Bitcoin.Common.Psbt;

/// <summary>Where a PSBT is in the signing workflow, and its fee and size once known (Core's PSBTAnalysis).</summary>
public sealed class PsbtAnalysis
{
    /// <summary>The estimated virtual size of the signed transaction, if it could be estimated.</summary>
    public long? EstimatedVsize { get; set; }

    /// <summary>The estimated fee rate in satoshis per 1000 vbytes, if the size could be estimated.</summary>
    public long? EstimatedFeeRatePerKvB { get; set; }

    /// <summary>The fee, if every spent output is known.</summary>
    public long? Fee { get; set; }

    /// <summary>Each input's state.</summary>
    public List<PsbtInputAnalysis> Inputs { get; } = [];

    /// <summary>The role that must handle the PSBT next.</summary>
    public PsbtRole Next { get; set; }

    /// <summary>Why the PSBT is invalid (empty if it is not).</summary>
    public string Error { get; set; } = "";

    /// <summary>Core's SetInvalid: clears the estimates and inputs, the next role is the creator.</summary>
    public void SetInvalid(string error)
    {
        EstimatedVsize = null;
        EstimatedFeeRatePerKvB = null;
        Fee = null;
        Inputs.Clear();
        Next = PsbtRole.Creator;
        Error = error;
    }
}
