using Bitcoin.Common.Addresses;

namespace Bitcoin.Wallet.CoinSelection;

/// <summary>Groups by output type and all together (Core's OutputGroupTypeMap).</summary>
public sealed class OutputGroupTypeMap
{
    /// <summary>Groups by the type of their outputs.</summary>
    public SortedDictionary<OutputType, OutputGroups> ByType { get; } = new();

    /// <summary>Every group.</summary>
    public OutputGroups All { get; } = new();

    /// <summary>The number of output types present.</summary>
    public int TypesCount => ByType.Count;

    /// <summary>Adds a non-empty group to the positive list (if its amount is positive and asked) and the mixed list (if asked).</summary>
    public void Push(OutputGroup group, OutputType type, bool insertPositive, bool insertMixed)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Outputs.Count == 0) return;
        if (!ByType.TryGetValue(type, out var groups)) ByType[type] = groups = new OutputGroups();
        if (insertPositive && group.SelectionAmount > 0)
        {
            groups.Positive.Add(group);
            All.Positive.Add(group);
        }
        if (insertMixed)
        {
            groups.Mixed.Add(group);
            All.Mixed.Add(group);
        }
    }
}
