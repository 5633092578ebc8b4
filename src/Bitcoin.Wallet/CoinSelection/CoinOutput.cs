using NBitcoin;

namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// An output considered for funding a transaction (Core's COutput): the outpoint and output, its depth, the size of
/// spending it, whether it is solvable and safe, and with a fee rate its fee and effective value (value minus the fee to
/// spend it and to bump its unconfirmed ancestors).
/// </summary>
public sealed class CoinOutput : IComparable<CoinOutput>
{
    private long? _fee;
    private long? _effectiveValue;

    /// <summary>
    /// Creates the output; with <paramref name="feeRate"/> its fee is the cost of <paramref name="inputBytes"/> at that
    /// rate (zero when the size is unknown, -1).
    /// </summary>
    public CoinOutput(OutPoint outpoint, TxOut txOut, int depth, int inputBytes, bool solvable, bool safe, long time, bool fromMe,
        TxFeeRate? feeRate = null)
    {
        OutPoint = outpoint;
        TxOut = txOut;
        Depth = depth;
        InputBytes = inputBytes;
        Solvable = solvable;
        Safe = safe;
        Time = time;
        FromMe = fromMe;
        if (feeRate is { } rate)
        {
            _fee = inputBytes < 0 ? 0 : rate.GetFee(inputBytes);
            _effectiveValue = txOut.Value.Satoshi - _fee;
        }
    }

    /// <summary>Creates the output with a known fee (zero when the size is unknown).</summary>
    public CoinOutput(OutPoint outpoint, TxOut txOut, int depth, int inputBytes, bool solvable, bool safe, long time, bool fromMe, long fee)
        : this(outpoint, txOut, depth, inputBytes, solvable, safe, time, fromMe)
    {
        if (!((inputBytes < 0 && fee == 0) || (inputBytes > 0 && fee >= 0)))
            throw new ArgumentOutOfRangeException(nameof(fee), "The fee must be zero for an unknown size and not negative otherwise.");
        _fee = fee;
        _effectiveValue = txOut.Value.Satoshi - fee;
    }

    /// <summary>The outpoint.</summary>
    public OutPoint OutPoint { get; }

    /// <summary>The output.</summary>
    public TxOut TxOut { get; }

    /// <summary>Its value in satoshis.</summary>
    public long Value => TxOut.Value.Satoshi;

    /// <summary>Confirmations: &gt; 0 in a block, 0 unconfirmed, &lt; 0 conflicting with a block that deep.</summary>
    public int Depth { get; }

    /// <summary>The estimated virtual size of spending it, or -1 if unknown.</summary>
    public int InputBytes { get; set; }

    /// <summary>Whether the wallet knows how to spend it (ignoring missing private keys).</summary>
    public bool Solvable { get; }

    /// <summary>Whether it is safe to spend (not unconfirmed from outside, not from a replacement).</summary>
    public bool Safe { get; }

    /// <summary>The time of its transaction (Core's nTimeSmart).</summary>
    public long Time { get; }

    /// <summary>Whether the wallet sent its transaction.</summary>
    public bool FromMe { get; }

    /// <summary>The fee of spending it at the consolidation (long-term) fee rate.</summary>
    public long LongTermFee { get; set; }

    /// <summary>The fee to bump its unconfirmed ancestors to the target fee rate.</summary>
    public long AncestorBumpFees { get; private set; }

    /// <summary>Whether a fee (and so an effective value) is known.</summary>
    public bool HasEffectiveValue => _effectiveValue.HasValue;

    /// <summary>The fee to spend it (with ancestor bump fees).</summary>
    public long Fee => _fee ?? throw new InvalidOperationException("The output has no fee (no fee rate was given).");

    /// <summary>Its value minus <see cref="Fee"/>.</summary>
    public long EffectiveValue => _effectiveValue ?? throw new InvalidOperationException("The output has no effective value (no fee rate was given).");

    /// <summary>Adds the cost of bumping unconfirmed ancestors to the fee (Core's ApplyBumpFee).</summary>
    public void ApplyBumpFee(long bumpFee)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bumpFee);
        AncestorBumpFees = bumpFee;
        _fee = Fee + bumpFee;
        _effectiveValue = Value - _fee;
    }

    /// <summary>A copy (Core copies COutputs by value).</summary>
    public CoinOutput Clone()
    {
        var c = new CoinOutput(OutPoint, TxOut, Depth, InputBytes, Solvable, Safe, Time, FromMe)
        {
            _fee = _fee,
            _effectiveValue = _effectiveValue,
            LongTermFee = LongTermFee,
            AncestorBumpFees = AncestorBumpFees,
        };
        return c;
    }

    /// <summary>Orders by outpoint (txid bytes, then index), as Core's COutput.</summary>
    public int CompareTo(CoinOutput? other) => other is null ? 1 : Internal.OutPointOrder.Compare(OutPoint, other.OutPoint);

    /// <inheritdoc/>
    public override string ToString() => $"COutput({OutPoint.Hash}, {OutPoint.N}, {Depth}) [{Value}]";
}
