using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Wallet.CoinSelection;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>
/// Everything that steers building one transaction (Core's CCoinControl): change destination and type, fee rate or
/// confirmation target, RBF, which inputs are chosen and how, depth limits, solving data for external inputs, version,
/// lock time and weight limit.
/// </summary>
public sealed class SpendCoinControl
{
    private readonly SortedDictionary<OutPoint, PreselectedInput> _selected = new(CoinSelection.Internal.OutPointOrder.Comparer);
    private int _selectionPosition;

    /// <summary>Core's DEFAULT_MIN_DEPTH.</summary>
    public const int DefaultMinDepth = 0;

    /// <summary>Core's DEFAULT_MAX_DEPTH.</summary>
    public const int DefaultMaxDepth = 9_999_999;

    /// <summary>Core's DEFAULT_WALLET_TX_VERSION.</summary>
    public const uint DefaultWalletTxVersion = 2;

    /// <summary>Where change goes (null: a new change address).</summary>
    public TxDestination? DestChange { get; set; }

    /// <summary>The change output type (null: the wallet decides).</summary>
    public OutputType? ChangeType { get; set; }

    /// <summary>Also spend unconfirmed outputs from outside and from replacements.</summary>
    public bool IncludeUnsafeInputs { get; set; }

    /// <summary>Add wallet inputs beyond the chosen ones when needed.</summary>
    public bool AllowOtherInputs { get; set; } = true;

    /// <summary>Use <see cref="FeeRate"/> even below the wallet's minimum.</summary>
    public bool OverrideFeeRate { get; set; }

    /// <summary>The fee rate to pay (null: estimate).</summary>
    public TxFeeRate? FeeRate { get; set; }

    /// <summary>The confirmation target for estimates (null: -txconfirmtarget).</summary>
    public uint? ConfirmTarget { get; set; }

    /// <summary>Signal BIP125 replaceability (null: -walletrbf).</summary>
    public bool? SignalRbf { get; set; }

    /// <summary>Spend all outputs of an address together (default from -avoidpartialspends).</summary>
    public bool AvoidPartialSpends { get; set; }

    /// <summary>Skip outputs to addresses already spent from (avoid_reuse wallets).</summary>
    public bool AvoidAddressReuse { get; set; }

    /// <summary>The estimate mode.</summary>
    public FeeEstimateMode FeeMode { get; set; }

    /// <summary>Fewest confirmations of automatically chosen inputs.</summary>
    public int MinDepth { get; set; } = DefaultMinDepth;

    /// <summary>Most confirmations of automatically chosen inputs.</summary>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>Keys and scripts that solve external inputs (for size estimation).</summary>
    public FlatSigningProvider ExternalProvider { get; set; } = new();

    /// <summary>The transaction version.</summary>
    public uint Version { get; set; } = DefaultWalletTxVersion;

    /// <summary>The lock time (null: anti-fee-sniping).</summary>
    public uint? LockTime { get; set; }

    /// <summary>The greatest weight allowed (null: the standard limit).</summary>
    public int? MaxTxWeight { get; set; }

    /// <summary>Whether any input is chosen.</summary>
    public bool HasSelected => _selected.Count > 0;

    /// <summary>Whether the chosen inputs have an order (Core's HasSelectedOrder).</summary>
    public bool HasSelectedOrder => _selectionPosition > 0;

    /// <summary>Whether <paramref name="outpoint"/> is chosen.</summary>
    public bool IsSelected(OutPoint outpoint) => _selected.ContainsKey(outpoint);

    /// <summary>Whether <paramref name="outpoint"/> is chosen with a known spent output (not the wallet's).</summary>
    public bool IsExternalSelected(OutPoint outpoint) => _selected.TryGetValue(outpoint, out var input) && input.TxOut is not null;

    /// <summary>The spent output of an external chosen input, or null.</summary>
    public TxOut? GetExternalOutput(OutPoint outpoint) => _selected.TryGetValue(outpoint, out var input) ? input.TxOut : null;

    /// <summary>Chooses an input (or returns it if chosen), recording its position (Core's Select).</summary>
    public PreselectedInput Select(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        var input = Entry(outpoint);
        input.Position = _selectionPosition++;
        return input;
    }

    /// <summary>Removes an input from the chosen ones.</summary>
    public void UnSelect(OutPoint outpoint) => _selected.Remove(outpoint);

    /// <summary>Removes every chosen input.</summary>
    public void UnSelectAll() => _selected.Clear();

    /// <summary>The chosen inputs, in outpoint order (Core's ListSelected).</summary>
    public IReadOnlyList<OutPoint> ListSelected() => [.. _selected.Keys];

    /// <summary>Sets the maximum weight of an input (this also marks it chosen, as Core's does).</summary>
    public void SetInputWeight(OutPoint outpoint, long weight) => Entry(outpoint).Weight = weight;

    /// <summary>The maximum weight given for an input, if any.</summary>
    public long? GetInputWeight(OutPoint outpoint) => _selected.TryGetValue(outpoint, out var input) ? input.Weight : null;

    /// <summary>The sequence given for an input, if any.</summary>
    public uint? GetSequence(OutPoint outpoint) => _selected.TryGetValue(outpoint, out var input) ? input.Sequence : null;

    /// <summary>The scripts given for an input, if any.</summary>
    public (Script? ScriptSig, WitScript? Witness) GetScripts(OutPoint outpoint) =>
        _selected.TryGetValue(outpoint, out var input) ? (input.ScriptSig, input.ScriptWitness) : (null, null);

    /// <summary>The order an input was chosen in, if any.</summary>
    public int? GetSelectionPosition(OutPoint outpoint) => _selected.TryGetValue(outpoint, out var input) ? input.Position : null;

    /// <summary>A copy (Core copies CCoinControl by value).</summary>
    public SpendCoinControl Clone()
    {
        var copy = new SpendCoinControl
        {
            DestChange = DestChange, ChangeType = ChangeType, IncludeUnsafeInputs = IncludeUnsafeInputs, AllowOtherInputs = AllowOtherInputs,
            OverrideFeeRate = OverrideFeeRate, FeeRate = FeeRate, ConfirmTarget = ConfirmTarget, SignalRbf = SignalRbf,
            AvoidPartialSpends = AvoidPartialSpends, AvoidAddressReuse = AvoidAddressReuse, FeeMode = FeeMode, MinDepth = MinDepth,
            MaxDepth = MaxDepth, ExternalProvider = ExternalProvider.Clone(), Version = Version, LockTime = LockTime, MaxTxWeight = MaxTxWeight,
            _selectionPosition = _selectionPosition,
        };
        foreach (var (k, v) in _selected)
        {
            copy._selected[k] = new PreselectedInput
            {
                TxOut = v.TxOut, Weight = v.Weight, Sequence = v.Sequence, ScriptSig = v.ScriptSig, ScriptWitness = v.ScriptWitness,
                Position = v.Position,
            };
        }
        return copy;
    }

    private PreselectedInput Entry(OutPoint outpoint)
    {
        if (!_selected.TryGetValue(outpoint, out var input)) _selected[outpoint] = input = new PreselectedInput();
        return input;
    }
}
