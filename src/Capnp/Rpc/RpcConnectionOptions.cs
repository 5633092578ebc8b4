namespace Capnp.Rpc;

/// <summary>How a connection is set up.</summary>
public sealed class RpcConnectionOptions
{
    /// <summary>The capability the peer gets when it asks for this side's bootstrap interface (null: none, and the
    /// peer's Bootstrap fails). The connection takes its own reference; the caller keeps theirs.</summary>
    public IClientHook? Bootstrap { get; init; }

    /// <summary>Limits applied to every message received (the C++ reader's by default).</summary>
    public ReaderOptions ReaderOptions { get; init; } = ReaderOptions.Default;

    /// <summary>
    /// Called for every message sent (when written) and received (before it is handled), on the connection's own
    /// threads: keep it quick and do not call into the connection from it. For logging (<c>-debug=ipc</c>).
    /// </summary>
    public Action<RpcMessageEvent>? MessageObserver { get; init; }

    /// <summary>After this side has finished writing on disconnect, how long it goes on reading to let the peer see
    /// everything before the stream is closed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
