namespace Bitcoin.Wallet.CoinSelection;

/// <summary>The parameters of one coin selection (Core's CoinSelectionParams).</summary>
public sealed class CoinSelectionParams
{
    /// <summary>Parameters with the given randomness and everything else zero or default.</summary>
    public CoinSelectionParams(CoinSelectionRandom random) => Random = random ?? throw new ArgumentNullException(nameof(random));

    /// <summary>Core's full constructor.</summary>
    public CoinSelectionParams(CoinSelectionRandom random, int changeOutputSize, int changeSpendSize, long minChangeTarget,
        TxFeeRate effectiveFeeRate, TxFeeRate longTermFeeRate, TxFeeRate discardFeeRate, int txNoInputsSize, bool avoidPartialSpends,
        int? maxTxWeight = null)
        : this(random)
    {
        ChangeOutputSize = changeOutputSize;
        ChangeSpendSize = changeSpendSize;
        MinChangeTarget = minChangeTarget;
        EffectiveFeeRate = effectiveFeeRate;
        LongTermFeeRate = longTermFeeRate;
        DiscardFeeRate = discardFeeRate;
        TxNoInputsSize = txNoInputsSize;
        AvoidPartialSpends = avoidPartialSpends;
        MaxTxWeight = maxTxWeight;
    }

    /// <summary>The randomness the algorithms use.</summary>
    public CoinSelectionRandom Random { get; }

    /// <summary>The size of a change output in bytes.</summary>
    public int ChangeOutputSize { get; set; }

    /// <summary>The virtual size of spending a change output.</summary>
    public int ChangeSpendSize { get; set; }

    /// <summary>The least change Knapsack and CoinGrinder aim for.</summary>
    public long MinChangeTarget { get; set; }

    /// <summary>Change below this is dropped to the fee.</summary>
    public long MinViableChange { get; set; }

    /// <summary>The fee of adding the change output.</summary>
    public long ChangeFee { get; set; }

    /// <summary>The fee of adding the change output plus spending it later.</summary>
    public long CostOfChange { get; set; }

    /// <summary>The fee rate of the transaction being built.</summary>
    public TxFeeRate EffectiveFeeRate { get; set; }

    /// <summary>The long-term fee rate estimate (the wallet's consolidation fee rate).</summary>
    public TxFeeRate LongTermFeeRate { get; set; }

    /// <summary>Change that costs more than itself to spend at this rate is dropped.</summary>
    public TxFeeRate DiscardFeeRate { get; set; }

    /// <summary>The transaction's size without inputs and change (header and recipient outputs).</summary>
    public int TxNoInputsSize { get; set; }

    /// <summary>Whether the fee is taken from recipient amounts.</summary>
    public bool SubtractFeeOutputs { get; set; }

    /// <summary>Spend every output of an address or none (up to the group limit).</summary>
    public bool AvoidPartialSpends { get; set; }

    /// <summary>Allow unconfirmed outputs from outside and from replacements.</summary>
    public bool IncludeUnsafeInputs { get; set; }

    /// <summary>The version of the transaction being built.</summary>
    public uint Version { get; set; } = 2;

    /// <summary>The largest weight allowed (null: the standard limit).</summary>
    public int? MaxTxWeight { get; set; }

    /// <summary>A copy.</summary>
    public CoinSelectionParams Clone() => (CoinSelectionParams)MemberwiseClone();
}
