using System.IO.Pipelines;
using System.Net.Sockets;
using Capnp.Rpc.Internal;

namespace Capnp.Rpc;

/// <summary>
/// A two-party Cap'n Proto RPC connection (level 1, the protocol the C++ library's <c>TwoPartyVatNetwork</c> speaks)
/// over any duplex byte stream: a socket, a socket pair, a pipe. Each side may offer a bootstrap capability and ask
/// for the other's; capabilities then travel both ways in calls and results, with promise pipelining.
/// </summary>
/// <remarks>
/// <para>Threading: calls may be made from any thread. One receive loop handles the peer's messages in order and
/// dispatches calls to servers of this process on its own thread (a server method should await rather than block,
/// or post its work elsewhere and complete later). Messages queued while a write is in progress go out together in
/// the next write.</para>
/// <para>Lifetime: the connection ends when the peer closes the stream or aborts, when a write fails, when the peer
/// breaks the protocol (it then gets an Abort saying why), or when this side disposes it. Every call still waiting
/// then fails with <see cref="RpcDisconnectedException"/>, every capability exported to the peer is released, and
/// capabilities imported from it break. The stream is closed once the last message is written.</para>
/// </remarks>
public sealed class RpcConnection : IAsyncDisposable, IDisposable
{
    private readonly RpcConnectionState _state;

    private RpcConnection(RpcTransport transport, RpcConnectionOptions? options) =>
        _state = new RpcConnectionState(transport, options ?? new RpcConnectionOptions());

    /// <summary>Starts a connection over <paramref name="stream"/>, which it owns (and disposes when it ends).</summary>
    public static RpcConnection Create(Stream stream, RpcConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new RpcConnection(new StreamTransport(stream, (options ?? new()).ReaderOptions), options);
    }

    /// <summary>Starts a connection over a connected stream socket, which it owns.</summary>
    public static RpcConnection Create(Socket socket, RpcConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var stream = new NetworkStream(socket, ownsSocket: true);
        return new RpcConnection(new StreamTransport(stream, (options ?? new()).ReaderOptions, socket), options);
    }

    /// <summary>Starts a connection over a duplex pipe; both halves are completed when it ends.</summary>
    public static RpcConnection Create(IDuplexPipe pipe, RpcConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        return new RpcConnection(new PipeTransport(pipe, (options ?? new()).ReaderOptions), options);
    }

    /// <summary>True until the connection ends.</summary>
    public bool IsConnected => _state.IsConnected;

    /// <summary>Completes, with the reason (an <see cref="RpcDisconnectedException"/>), when the connection ends.</summary>
    public Task<Exception> Disconnected => _state.Disconnected;

    /// <summary>Completes once the connection has ended and its stream is closed.</summary>
    public Task Completion => _state.Completion;

    /// <summary>
    /// The peer's bootstrap capability. Usable at once: calls made before the peer has answered are pipelined on the
    /// request. Dispose it when done (the peer's object is released when every reference to it is).
    /// </summary>
    public IClientHook Bootstrap() => new CapabilityRef(_state.RequestBootstrap());

    /// <summary>The peer's bootstrap capability as generated client <typeparamref name="TClient"/>.</summary>
    public TClient Bootstrap<TClient>()
        where TClient : struct, ICapabilityClient<TClient> => TClient.Create(Bootstrap());

    /// <summary>How many entries the connection's tables hold (questions, answers, imports, exports, embargoes).</summary>
    public RpcTableCounts GetTableCounts() => _state.Counts;

    /// <summary>The servers of this process the peer currently holds references to.</summary>
    public IReadOnlyList<CapabilityServer> GetExportedServers() => _state.ExportedServers;

    /// <summary>Ends the connection (see the remarks) and waits until its stream is closed.</summary>
    public Task CloseAsync() => _state.CloseAsync(new RpcDisconnectedException("The connection was closed."));

    /// <summary>Ends the connection and waits until its stream is closed.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>Ends the connection without waiting for its stream to close.</summary>
    public void Dispose() => _ = CloseAsync();
}
