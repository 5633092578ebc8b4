namespace Bitcoin.Interfaces;

/// <summary>
/// Which chainstate a notification comes from (Core's <c>kernel::ChainstateRole</c>). Without assumeutxo snapshots
/// every notification comes from the one, validated, non-historical chainstate.
/// </summary>
/// <param name="Validated">True if the chainstate is fully validated.</param>
/// <param name="Historical">True if it is a background chainstate catching up behind a snapshot; clients normally ignore its blocks.</param>
public sealed record ChainstateRole(bool Validated, bool Historical)
{
    /// <summary>The normal, fully validated active chainstate.</summary>
    public static ChainstateRole Normal { get; } = new(true, false);
}
