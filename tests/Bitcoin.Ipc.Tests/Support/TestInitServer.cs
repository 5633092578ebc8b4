using Bitcoin.Interfaces;
using Bitcoin.Ipc.Chain;
using Bitcoin.Ipc.Wallet;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>
/// The serving side's Init in these tests: exchanges thread maps and hands out the chain and wallet loader under
/// test. The methods these tests do not use answer an error.
/// </summary>
internal sealed class TestInitServer(IpcConnection connection, IChain? chain, IWalletLoader? walletLoader) : M.Init.Server
{
    public override ValueTask ConstructAsync(CallContext<M.Init.ConstructParams, M.Init.ConstructResults.Builder> context, CancellationToken cancellationToken)
    {
        var results = context.Results;
        results.ThreadMap = connection.AcceptThreadMap(context.Params.ThreadMap);
        return default;
    }

    public override ValueTask MakeChainAsync(CallContext<M.Init.MakeChainParams, M.Init.MakeChainResults.Builder> context, CancellationToken cancellationToken) =>
        connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            using var served = ChainIpc.Serve(call.Connection, chain ?? throw new InvalidOperationException("no chain in this test"));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask MakeWalletLoaderAsync(CallContext<M.Init.MakeWalletLoaderParams, M.Init.MakeWalletLoaderResults.Builder> context, CancellationToken cancellationToken) =>
        connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            using var served = WalletIpc.ServeLoader(call.Connection, walletLoader ?? throw new InvalidOperationException("no wallet loader in this test"), owned: false);
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask MakeEchoAsync(CallContext<M.Init.MakeEchoParams, M.Init.MakeEchoResults.Builder> context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by these tests");

    public override ValueTask MakeMiningOld2Async(CallContext<M.Init.MakeMiningOld2Params, M.Init.MakeMiningOld2Results.Builder> context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by these tests");

    public override ValueTask MakeMiningAsync(CallContext<M.Init.MakeMiningParams, M.Init.MakeMiningResults.Builder> context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by these tests");

    public override ValueTask MakeRpcAsync(CallContext<M.Init.MakeRpcParams, M.Init.MakeRpcResults.Builder> context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by these tests");

    public override ValueTask MakeNodeAsync(CallContext<M.Init.MakeNodeParams, M.Init.MakeNodeResults.Builder> context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by these tests");
}
