namespace Bitcoin.Common.Logging;

/// <summary>A debug category and whether it is enabled, as the <c>logging</c> RPC lists them.</summary>
/// <param name="Name">The <c>-debug=</c> name ("net", "mempool", ...).</param>
/// <param name="Active">True if Debug lines of the category print.</param>
public readonly record struct LogCategoryState(string Name, bool Active);
