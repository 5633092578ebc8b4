using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>The <c>ChainClient</c> methods' server bodies, shared by every interface that extends it (WalletLoader).</summary>
internal static class ChainClientCalls
{
    public static ValueTask RegisterRpcs<T>(ServerAdapter<T> a, CallContext<M.ChainClient.RegisterRpcsParams, M.ChainClient.RegisterRpcsResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.RegisterRpcs());

    public static ValueTask Verify<T>(ServerAdapter<T> a, CallContext<M.ChainClient.VerifyParams, M.ChainClient.VerifyResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.Verify();
        });

    public static ValueTask Load<T>(ServerAdapter<T> a, CallContext<M.ChainClient.LoadParams, M.ChainClient.LoadResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.Load();
        });

    // Core sends no scheduler across processes (the schema's Void): the client keeps its own timers.
    public static ValueTask Start<T>(ServerAdapter<T> a, CallContext<M.ChainClient.StartParams, M.ChainClient.StartResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Start());

    public static ValueTask Stop<T>(ServerAdapter<T> a, CallContext<M.ChainClient.StopParams, M.ChainClient.StopResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Stop());

    public static ValueTask SetMockTime<T>(ServerAdapter<T> a, CallContext<M.ChainClient.SetMockTimeParams, M.ChainClient.SetMockTimeResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.SetMockTime(call.Params.Time));

    public static ValueTask SchedulerMockForward<T>(ServerAdapter<T> a, CallContext<M.ChainClient.SchedulerMockForwardParams, M.ChainClient.SchedulerMockForwardResults.Builder> context, CancellationToken cancellationToken)
        where T : class, IChainClient =>
        a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.SchedulerMockForward(call.Params.DeltaSeconds));
}
