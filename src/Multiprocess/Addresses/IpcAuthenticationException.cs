namespace Multiprocess.Addresses;

/// <summary>
/// A TCP IPC connection whose peer did not prove it holds the shared secret (or whose secret could not be read), or
/// whose TLS handshake failed. The connection is closed before any Cap'n Proto message is exchanged.
/// </summary>
public sealed class IpcAuthenticationException : Exception
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public IpcAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message shown to the user and the failure underneath.</summary>
    public IpcAuthenticationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
