using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Rpc.Commands;

/// <summary>What the generic commands need from the process that serves them.</summary>
public sealed record ControlCommandsOptions
{
    /// <summary>Called by <c>stop</c> to begin a graceful shutdown; the reply still reaches the caller.</summary>
    public required Action RequestShutdown { get; init; }

    /// <summary>When the process started, for <c>uptime</c>.</summary>
    public DateTimeOffset StartTime { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The logger that <c>logging</c> switches categories of and whose file <c>getrpcinfo</c> reports.</summary>
    public Logger Logger { get; init; } = Logger.Instance;
}
