using Capnp;

namespace Multiprocess;

/// <summary>How an <see cref="IpcConnection"/> is set up.</summary>
public sealed class IpcConnectionOptions
{
    /// <summary>
    /// Makes the Init capability this side serves to the peer (its bootstrap), given the new connection (so the
    /// Init server can answer <c>construct</c> with <see cref="IpcConnection.AcceptThreadMap"/> and make server
    /// objects for it). Null for a connection that only calls the peer. The connection disposes the returned
    /// reference when it is done with it.
    /// </summary>
    public Func<IpcConnection, IClientHook>? Init { get; init; }

    /// <summary>The executable name log lines and thread names start with (default: this process's).</summary>
    public string? ExeName { get; init; }

    /// <summary>Where log lines go (default: nowhere).</summary>
    public IIpcLogger? Logger { get; init; }

    /// <summary>Limits applied to every message received (the C++ reader's by default).</summary>
    public ReaderOptions ReaderOptions { get; init; } = ReaderOptions.Default;

    /// <summary>At most this many characters of a message's contents in a trace line.</summary>
    public int MaxTraceChars { get; init; } = 1000;
}
