namespace Apps.bitcoin_cli;

/// <summary>The server could not be reached, or is still warming up (Core's CConnectionFailed); -rpcwait retries on it.</summary>
internal sealed class CliConnectionException : Exception
{
    public CliConnectionException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
