using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>The result of submitting one transaction (Core's MempoolAcceptResult).</summary>
public sealed class MempoolAcceptResult
{
    private MempoolAcceptResult(MempoolAcceptResultType type, TxValidationState state)
    {
        ResultType = type;
        State = state;
    }

    /// <summary>What happened.</summary>
    public MempoolAcceptResultType ResultType { get; }

    /// <summary>The validation state: the reject reason when <see cref="ResultType"/> is Invalid.</summary>
    public TxValidationState State { get; }

    /// <summary>Mempool transactions it replaced (Valid only).</summary>
    public IReadOnlyList<Transaction> ReplacedTransactions { get; private init; } = [];

    /// <summary>Its sigop-adjusted virtual size (Valid and MempoolEntry).</summary>
    public long? VirtualSize { get; private init; }

    /// <summary>The fee it pays (Valid and MempoolEntry).</summary>
    public long? BaseFees { get; private init; }

    /// <summary>
    /// The fee rate used for the fee checks: the individual modified fee rate, or a package rate (Valid, and Invalid
    /// for fee reasons).
    /// </summary>
    public TxFeeRate? EffectiveFeeRate { get; private init; }

    /// <summary>The wtxids whose fees and sizes make up <see cref="EffectiveFeeRate"/>.</summary>
    public IReadOnlyList<uint256>? WtxidsFeeCalculations { get; private init; }

    /// <summary>The wtxid of the same-txid transaction in the mempool (DifferentWitness).</summary>
    public uint256? OtherWtxid { get; private init; }

    /// <summary>A rejection.</summary>
    public static MempoolAcceptResult Failure(TxValidationState state) => new(MempoolAcceptResultType.Invalid, state);

    /// <summary>A rejection for fee reasons, with the rate that was checked.</summary>
    public static MempoolAcceptResult FeeFailure(TxValidationState state, TxFeeRate effectiveFeeRate, IReadOnlyList<uint256> wtxids) =>
        new(MempoolAcceptResultType.Invalid, state) { EffectiveFeeRate = effectiveFeeRate, WtxidsFeeCalculations = wtxids };

    /// <summary>An acceptance.</summary>
    public static MempoolAcceptResult Success(IReadOnlyList<Transaction> replaced, long virtualSize, long fees, TxFeeRate effectiveFeeRate,
        IReadOnlyList<uint256> wtxids) =>
        new(MempoolAcceptResultType.Valid, new TxValidationState())
        {
            ReplacedTransactions = replaced,
            VirtualSize = virtualSize,
            BaseFees = fees,
            EffectiveFeeRate = effectiveFeeRate,
            WtxidsFeeCalculations = wtxids,
        };

    /// <summary>Already in the mempool.</summary>
    public static MempoolAcceptResult MempoolTx(long virtualSize, long fees) =>
        new(MempoolAcceptResultType.MempoolEntry, new TxValidationState()) { VirtualSize = virtualSize, BaseFees = fees };

    /// <summary>The same txid with another witness is in the mempool.</summary>
    public static MempoolAcceptResult MempoolTxDifferentWitness(uint256 otherWtxid) =>
        new(MempoolAcceptResultType.DifferentWitness, new TxValidationState()) { OtherWtxid = otherWtxid };
}
