namespace Apps.bitcoin;

/// <summary>A wrapper error, printed as Core's wrapper prints it ("Error: …" and a pointer to --help).</summary>
internal sealed class WrapperException(string message) : Exception(message);
