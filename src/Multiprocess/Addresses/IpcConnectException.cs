namespace Multiprocess.Addresses;

/// <summary>
/// Connecting to an IPC address failed at the socket level. The message is the system's text for the error, as
/// Bitcoin Core reports it ("No such file or directory", "Connection refused").
/// </summary>
public sealed class IpcConnectException : Exception
{
    /// <summary>Creates the exception; <paramref name="nobodyListening"/> tells whether nothing is listening there.</summary>
    public IpcConnectException(string message, bool nobodyListening, Exception? inner = null)
        : base(message, inner)
    {
        NobodyListening = nobodyListening;
    }

    /// <summary>
    /// True when nothing listens at the address (the socket file is missing, a directory on its path is not one, or
    /// the connection was refused): the errors after which Core's <c>-ipcconnect=auto</c> falls back to HTTP.
    /// </summary>
    public bool NobodyListening { get; }
}
