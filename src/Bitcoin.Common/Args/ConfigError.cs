namespace Bitcoin.Common.Args;

/// <summary>A start-up configuration error with Core's message and optional details (one per settings.json problem).</summary>
/// <param name="Status">What kind of failure.</param>
/// <param name="Message">Core's message, e.g. "Error reading configuration file: parse error on line 1: garbage".</param>
/// <param name="Details">Further lines, shown after the message as a list.</param>
public sealed record ConfigError(ConfigStatus Status, string Message, IReadOnlyList<string> Details)
{
    /// <summary>The message with its details as bitcoind prints it ("msg:\n- detail\n- detail").</summary>
    public string FullMessage => InitMessages.WithDetails(Message, Details);
}
