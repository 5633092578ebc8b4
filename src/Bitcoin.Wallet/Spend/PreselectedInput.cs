using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>
/// An input the user chose (Core's PreselectedInput): the output it spends when it is not the wallet's, a maximum
/// weight, a sequence, scripts already present, and the order it was chosen in.
/// </summary>
public sealed class PreselectedInput
{
    /// <summary>The spent output, for external inputs (null for wallet outputs).</summary>
    public TxOut? TxOut { get; set; }

    /// <summary>The maximum weight of the signed input, if given.</summary>
    public long? Weight { get; set; }

    /// <summary>The sequence number to use, if given.</summary>
    public uint? Sequence { get; set; }

    /// <summary>A scriptSig to keep, if given.</summary>
    public Script? ScriptSig { get; set; }

    /// <summary>A witness to keep, if given.</summary>
    public WitScript? ScriptWitness { get; set; }

    /// <summary>The order of selection (null for inputs only given a weight).</summary>
    public int? Position { get; set; }
}
