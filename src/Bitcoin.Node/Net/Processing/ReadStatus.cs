namespace Bitcoin.Node.Net.Processing;

/// <summary>The outcome of rebuilding a compact block (Core's ReadStatus).</summary>
internal enum ReadStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The peer sent an invalid compact block or transactions: punishable.</summary>
    Invalid,

    /// <summary>Could not rebuild (short id collision): fall back to the full block.</summary>
    Failed,
}
