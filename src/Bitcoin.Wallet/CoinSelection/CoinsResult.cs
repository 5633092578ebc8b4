using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// Spendable outputs by output type (Core's CoinsResult), with the running total of their values and, when a fee rate
/// was known, of their effective values.
/// </summary>
public sealed class CoinsResult
{
    /// <summary>The outputs of each type, in the order they were added.</summary>
    public SortedDictionary<OutputType, List<CoinOutput>> Coins { get; } = new();

    /// <summary>The total value.</summary>
    public long TotalAmount { get; private set; }

    /// <summary>The total effective value, or null when no output has one.</summary>
    public long? TotalEffectiveAmount { get; private set; }

    /// <summary>The number of outputs.</summary>
    public int Count => Coins.Values.Sum(v => v.Count);

    /// <summary>The number of output types present.</summary>
    public int TypesCount => Coins.Count;

    /// <summary>The value total with fee subtraction, else the effective total.</summary>
    public long? AppropriateTotal(bool subtractFeeOutputs) => subtractFeeOutputs ? TotalAmount : TotalEffectiveAmount;

    /// <summary>Every output, type by type.</summary>
    public List<CoinOutput> All() => Coins.Values.SelectMany(v => v).ToList();

    /// <summary>Adds an output of a type.</summary>
    public void Add(OutputType type, CoinOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Coins.TryGetValue(type, out var list)) Coins[type] = list = [];
        list.Add(output);
        TotalAmount += output.Value;
        if (output.HasEffectiveValue) TotalEffectiveAmount = (TotalEffectiveAmount ?? 0) + output.EffectiveValue;
    }

    /// <summary>Removes the outputs at the given outpoints, updating the totals.</summary>
    public void Erase(IReadOnlySet<OutPoint> outpoints)
    {
        ArgumentNullException.ThrowIfNull(outpoints);
        foreach (var list in Coins.Values)
        {
            list.RemoveAll(coin =>
            {
                if (!outpoints.Contains(coin.OutPoint)) return false;
                TotalAmount -= coin.Value;
                if (coin.HasEffectiveValue && TotalEffectiveAmount is long total) TotalEffectiveAmount = total - coin.EffectiveValue;
                return true;
            });
        }
    }

    /// <summary>Shuffles each type's outputs.</summary>
    public void Shuffle(CoinSelectionRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (var list in Coins.Values) random.Shuffle(list);
    }
}
