using Capnp;
using Capnp.Rpc;
using Multiprocess.Capnp;
using Multiprocess.Internal;
using MpThread = Multiprocess.Capnp.Thread;

namespace Multiprocess;

public sealed partial class IpcConnection
{
    /// <summary>The message of a call that fails because the connection was lost while it waited.</summary>
    public const string InterruptedByDisconnect = "IPC client method call interrupted by disconnect.";

    /// <summary>The message of a call made after the connection was lost.</summary>
    public const string CalledAfterDisconnect = "IPC client method called after disconnect.";

    /// <summary>
    /// Connects to the peer's Init (its bootstrap capability) and exchanges ThreadMaps with <c>Init.construct</c>
    /// (method @0, <c>(threadMap :Proxy.ThreadMap) -> (threadMap :Proxy.ThreadMap)</c> in every libmultiprocess
    /// Init), waiting for the answer on the calling thread. The returned reference is the caller's to dispose.
    /// </summary>
    /// <typeparam name="TClient">The generated client of the peer's Init interface.</typeparam>
    public TClient ConnectInit<TClient>()
        where TClient : struct, ICapabilityClient<TClient>
    {
        var init = _rpc.Bootstrap();
        try
        {
            var request = init.NewCall(TClient.InterfaceId, 0);
            var name = RpcSchemaRegistry.StructName(TClient.InterfaceId, 0, results: false);
            var resultName = RpcSchemaRegistry.StructName(TClient.InterfaceId, 0, results: true);
            try
            {
                request.Params.InitStruct(new StructSize(0, 1)).GetPointer(0).SetCapability(_localThreadMap.Hook);
                using var response = SendAndWait(request, name, resultName, CurrentClientThread());
                AcceptThreadMap(new ThreadMap.Client(response.Results.GetStruct().ReadCapability(0)));
            }
            finally
            {
                request.Dispose();
            }

            return TClient.Create(init);
        }
        catch
        {
            init.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes a call and waits for its results on the calling thread, running there any callback the peer makes
    /// to this thread meanwhile. When <paramref name="context"/> is given it selects the request's
    /// <c>Context</c> field, which is filled for the calling thread (see <see cref="FillContext"/>). The call takes
    /// the request (it is disposed); the response is the caller's to dispose. A call interrupted by the end of
    /// the connection throws <see cref="RpcDisconnectedException"/> with <see cref="InterruptedByDisconnect"/>;
    /// an error the server threw arrives as an <see cref="RpcException"/> with its message.
    /// </summary>
    /// <example><code>
    /// var request = echo.EchoRequest();
    /// request.Params.SetEcho("hello");
    /// using var response = connection.Call(request, p => p.InitContext());
    /// string text = response.Results.Result;
    /// </code></example>
    public Response<TResults> Call<TParams, TResults>(Request<TParams, TResults> request, Func<TParams, Context.Builder>? context = null)
        where TParams : struct, IStructBuilder<TParams>
        where TResults : struct, IStructReader<TResults>
    {
        try
        {
            var thread = CurrentClientThread();
            if (!IsConnected)
                throw new RpcDisconnectedException(CalledAfterDisconnect);
            if (context is not null)
                FillContextFor(thread, context(request.Params));
            using var pending = SendLogged(request, SchemaNames<TParams>.Name, thread);
            return new Response<TResults>(WaitForResponse(pending.Answer, SchemaNames<TResults>.Name, thread));
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>
    /// Fills <paramref name="context"/> for the calling thread: <c>thread</c> is the peer's worker for this thread
    /// (made with a pipelined <c>ThreadMap.makeThread</c> on the thread's first call, then reused) and
    /// <c>callbackThread</c> this thread's own Thread object for the peer's callbacks. Only for calls the calling
    /// thread then waits for with <see cref="Call{TParams, TResults}"/> (callbacks run while it waits).
    /// </summary>
    public void FillContext(Context.Builder context) => FillContextFor(CurrentClientThread(), context);

    /// <summary>The calling thread's context, made (and logged, as libmultiprocess does) on its first call.</summary>
    private ThreadContext CurrentClientThread()
    {
        if (ThreadContext.TryGetCurrent() is { } existing)
            return existing;
        var created = ThreadContext.GetOrCreateCurrent(ExeName);
        Log(IpcLogLevel.Info, $"{{{created.Name}}} IPC client first request from current thread, constructing waiter");
        return created;
    }

    private void FillContextFor(ThreadContext thread, Context.Builder context)
    {
        var requestThread = thread.TryGetRequestThread(this);
        if (requestThread is null)
        {
            requestThread = MakeRequestThread(thread);
            if (!thread.TrySetRequestThread(this, requestThread))
            {
                requestThread.Dispose();
                requestThread = thread.TryGetRequestThread(this)!;
            }
        }

        context.Thread = new MpThread.Client(requestThread);
        context.CallbackThread = new MpThread.Client(thread.GetCallbackThread(this));
    }

    private IClientHook MakeRequestThread(ThreadContext thread)
    {
        var threadMap = PeerThreadMap;
        if (threadMap.IsNull)
        {
            throw new InvalidOperationException(
                "The peer has not given its ThreadMap: call ConnectInit (Init.construct) before calls that carry a Context.");
        }

        var request = threadMap.MakeThreadRequest();
        request.Params.SetName(thread.Name);
        var pending = request.Send();
        request.Dispose();
        var result = new ThreadMap.MakeThreadResults.Pipeline(pending.Answer).Result.Hook!;
        // The call's answer is kept until it arrives: dropping it earlier would tell the peer to cancel it.
        _ = ReleaseWhenAnsweredAsync(pending);
        return result;
    }

    private static async Task ReleaseWhenAnsweredAsync(PendingCall<ThreadMap.MakeThreadResults> pending)
    {
        try
        {
            using var response = await pending.GetResponseAsync().ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The calls pipelined on the answer report the failure.
        }
        finally
        {
            pending.Dispose();
        }
    }

    private PendingCall<TResults> SendLogged<TParams, TResults>(Request<TParams, TResults> request, string name, ThreadContext thread)
        where TParams : struct, IStructBuilder<TParams>
        where TResults : struct, IStructReader<TResults>
    {
        LogClientSend(thread, name, request.Params.Struct.AsReader());
        return request.Send();
    }

    private IResponseHook SendAndWait(IRequestHook request, string name, string resultName, ThreadContext thread)
    {
        LogClientSend(thread, name, request.Params.AsReader().GetStruct());
        using var answer = request.Send();
        return WaitForResponse(answer, resultName, thread);
    }

    private IResponseHook WaitForResponse(IPromisedAnswer answer, string resultName, ThreadContext thread)
    {
        var response = answer.GetResponseAsync().AsTask();
        if (!response.IsCompleted)
        {
            response.ContinueWith(static (_, waiter) => ((Waiter)waiter!).Wake(), thread.Waiter, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            using (PoolThreadReserve.Block())
                thread.Waiter.RunUntil(() => response.IsCompleted);
        }

        try
        {
            var hook = response.GetAwaiter().GetResult();
            LogClientRecv(thread, resultName, hook.Results);
            return hook;
        }
        catch (RpcDisconnectedException e)
        {
            throw new RpcDisconnectedException(InterruptedByDisconnect, e);
        }
        catch (RpcException e)
        {
            Log(IpcLogLevel.Info, $"{{{thread.Name}}} IPC client exception {e.Type}: {e.Message}");
            throw;
        }
    }
}
