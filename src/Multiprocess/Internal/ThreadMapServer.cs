using Capnp;
using Multiprocess.Capnp;

namespace Multiprocess.Internal;

/// <summary>This side's ThreadMap on one connection: the peer makes worker threads here to run its calls.</summary>
internal sealed class ThreadMapServer : ThreadMap.Server
{
    private readonly IpcConnection _connection;

    public ThreadMapServer(IpcConnection connection) => _connection = connection;

    /// <inheritdoc/>
    public override ValueTask MakeThreadAsync(CallContext<ThreadMap.MakeThreadParams, ThreadMap.MakeThreadResults.Builder> context,
        CancellationToken cancellationToken)
    {
        // Named after this process's view of the new thread and the peer thread it serves, as libmultiprocess does.
        var from = context.Params.Name.ToString();
        var server = ThreadServer.StartWorker(_connection, $" (from {from})");
        using var thread = Capnp.Thread.Client.FromServer(server);
        var results = context.Results;
        results.Result = thread;
        return default;
    }

    /// <inheritdoc/>
    public override ValueTask MakePoolAsync(CallContext<ThreadMap.MakePoolParams, ThreadMap.MakePoolResults.Builder> context,
        CancellationToken cancellationToken)
    {
        _connection.MakePool(context.Params.Count);
        return default;
    }
}
