namespace Node.Bench;

/// <summary>One timed -reindex-chainstate run.</summary>
/// <param name="Label">What was varied ("-par=1", "all cores").</param>
/// <param name="ConnectSeconds">From the first to the last UpdateTip line of the run (connecting the blocks).</param>
/// <param name="WallSeconds">From starting the process to its exit (start-up, reindex, shutdown flush).</param>
/// <param name="PeakRssMiB">The process's peak resident set size.</param>
internal sealed record ReindexResult(string Label, double ConnectSeconds, double WallSeconds, double PeakRssMiB);
