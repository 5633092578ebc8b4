namespace Multiprocess.Addresses;

/// <summary>Where a client finds the secret for a TCP IPC address.</summary>
public sealed record IpcConnectOptions
{
    /// <summary>
    /// The secret given on the command line (<c>-ipcauth</c>); when null the client reads the cookie file
    /// (<see cref="IpcSecret.DefaultCookieFileName"/>) in <see cref="DataDir"/>.
    /// </summary>
    public string? AuthSecret { get; init; }

    /// <summary>The network data directory holding the cookie file.</summary>
    public string? DataDir { get; init; }
}
