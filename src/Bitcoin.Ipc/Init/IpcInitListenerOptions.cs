using Bitcoin.Interfaces;
using Multiprocess;

namespace Bitcoin.Ipc;

/// <summary>What <see cref="IpcInitListener.StartAsync"/> serves, where, and how TCP peers authenticate.</summary>
public sealed record IpcInitListenerOptions
{
    /// <summary>The Init every connection gets as its bootstrap capability.</summary>
    public required IInit Init { get; init; }

    /// <summary>The network data directory: relative socket paths, the TCP cookie and the TLS certificate live there.</summary>
    public required string DataDir { get; init; }

    /// <summary>The executable listening (its default socket is <c>&lt;name without bitcoin-&gt;.sock</c>).</summary>
    public required string ExeName { get; init; }

    /// <summary>The TCP secret (<c>-ipcauth</c>); when null a TCP address writes a fresh cookie file, deleted at stop.</summary>
    public string? AuthSecret { get; init; }

    /// <summary>Where the IPC log goes (also the warnings about refused TCP peers).</summary>
    public IIpcLogger? Logger { get; init; }
}
