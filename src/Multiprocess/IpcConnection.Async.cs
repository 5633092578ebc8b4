using Capnp;
using Capnp.Rpc;
using Multiprocess.Capnp;
using Multiprocess.Internal;

namespace Multiprocess;

public sealed partial class IpcConnection
{
    private ThreadServer? _asyncCaller;

    /// <summary>
    /// Makes a call without blocking the calling thread, for asynchronous code. With <paramref name="context"/>
    /// the Context is filled for the connection's async-caller thread (one per connection, made on first use): its
    /// worker on the peer runs these calls in the order sent, and callbacks the peer makes during them run on that
    /// thread. Errors are as for <see cref="Call{TParams, TResults}"/>. The call takes the request; the response is
    /// the caller's to dispose.
    /// </summary>
    public async Task<Response<TResults>> CallAsync<TParams, TResults>(Request<TParams, TResults> request,
        Func<TParams, Context.Builder>? context = null, CancellationToken cancellationToken = default)
        where TParams : struct, IStructBuilder<TParams>
        where TResults : struct, IStructReader<TResults>
    {
        ThreadContext thread;
        PendingCall<TResults> pending;
        try
        {
            if (!IsConnected)
                throw new RpcDisconnectedException(CalledAfterDisconnect);
            thread = AsyncCaller().Thread;
            if (context is not null)
                FillContextFor(thread, context(request.Params));
            pending = SendLogged(request, SchemaNames<TParams>.Name, thread);
        }
        finally
        {
            request.Dispose();
        }

        using (pending)
        {
            try
            {
                var response = await pending.GetResponseAsync(cancellationToken).ConfigureAwait(false);
                LogClientRecv(thread, SchemaNames<TResults>.Name, response.Hook.Results);
                return response;
            }
            catch (RpcDisconnectedException e)
            {
                throw new RpcDisconnectedException(InterruptedByDisconnect, e);
            }
        }
    }

    private ThreadServer AsyncCaller()
    {
        lock (_gate)
        {
            if (_asyncCaller is not null)
                return _asyncCaller;
        }

        var created = ThreadServer.StartWorker(this, " (async calls)");
        lock (_gate)
        {
            if (_asyncCaller is null)
            {
                _asyncCaller = created;
                return created;
            }
        }

        created.Dispose();
        lock (_gate)
            return _asyncCaller!;
    }
}
