using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

/// <summary>Serves an <see cref="IChain"/> as the schema's <c>Chain</c> (node side): blocks and chain queries.</summary>
internal sealed partial class ChainServer(IpcServerObject<IChain> self) : M.Chain.Server, IDisposable, ICapabilityServerFactory<M.Chain.Client>
{
    private readonly ServerAdapter<IChain> _a = new(self);

    public M.Chain.Client ToClient() => M.Chain.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.Chain.DestroyParams, M.Chain.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask GetHeightAsync(CallContext<M.Chain.GetHeightParams, M.Chain.GetHeightResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            var height = impl.GetHeight();
            r.Result = height ?? 0;
            r.HasResult = height.HasValue;
        });

    public override ValueTask GetBlockHashAsync(CallContext<M.Chain.GetBlockHashParams, M.Chain.GetBlockHashResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
            call.Results.SetResult(W.FromHash(impl.GetBlockHash(call.Params.Height))));

    public override ValueTask HaveBlockOnDiskAsync(CallContext<M.Chain.HaveBlockOnDiskParams, M.Chain.HaveBlockOnDiskResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HaveBlockOnDisk(call.Params.Height);
        });

    public override ValueTask FindLocatorForkAsync(CallContext<M.Chain.FindLocatorForkParams, M.Chain.FindLocatorForkResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            var height = impl.FindLocatorFork(W.ToLocator(call.Params.Locator));
            r.Result = height ?? 0;
            r.HasResult = height.HasValue;
        });

    public override ValueTask HasBlockFilterIndexAsync(CallContext<M.Chain.HasBlockFilterIndexParams, M.Chain.HasBlockFilterIndexResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HasBlockFilterIndex(CommonConversions.ToEnum<BlockFilterType>(call.Params.FilterType, "block filter type"));
        });

    public override ValueTask BlockFilterMatchesAnyAsync(CallContext<M.Chain.BlockFilterMatchesAnyParams, M.Chain.BlockFilterMatchesAnyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var filterSet = p.FilterSet.Select(static d => d.ToArray()).ToList();
            var matches = impl.BlockFilterMatchesAny(CommonConversions.ToEnum<BlockFilterType>(p.FilterType, "block filter type"),
                W.ToHash(p.BlockHash, "block hash"), filterSet);
            var r = call.Results;
            r.Result = matches ?? false;
            r.HasResult = matches.HasValue;
        });

    public override ValueTask FindBlockAsync(CallContext<M.Chain.FindBlockParams, M.Chain.FindBlockResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.FindBlock(W.ToHash(p.Hash, "block hash"), ChainConversions.Read(p.Block), out var block);
            ChainConversions.Write(block, r.InitBlock());
        });

    public override ValueTask FindFirstBlockWithTimeAndHeightAsync(CallContext<M.Chain.FindFirstBlockWithTimeAndHeightParams, M.Chain.FindFirstBlockWithTimeAndHeightResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.FindFirstBlockWithTimeAndHeight(p.MinTime, p.MinHeight, ChainConversions.Read(p.Block), out var block);
            ChainConversions.Write(block, r.InitBlock());
        });

    public override ValueTask FindAncestorByHeightAsync(CallContext<M.Chain.FindAncestorByHeightParams, M.Chain.FindAncestorByHeightResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.FindAncestorByHeight(W.ToHash(p.BlockHash, "block hash"), p.AncestorHeight, ChainConversions.Read(p.Ancestor), out var ancestor);
            ChainConversions.Write(ancestor, r.InitAncestor());
        });

    public override ValueTask FindAncestorByHashAsync(CallContext<M.Chain.FindAncestorByHashParams, M.Chain.FindAncestorByHashResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.FindAncestorByHash(W.ToHash(p.BlockHash, "block hash"), W.ToHash(p.AncestorHash, "ancestor hash"),
                ChainConversions.Read(p.Ancestor), out var ancestor);
            ChainConversions.Write(ancestor, r.InitAncestor());
        });

    public override ValueTask FindCommonAncestorAsync(CallContext<M.Chain.FindCommonAncestorParams, M.Chain.FindCommonAncestorResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.FindCommonAncestor(W.ToHash(p.BlockHash1, "block hash"), W.ToHash(p.BlockHash2, "block hash"),
                ChainConversions.Read(p.Ancestor), ChainConversions.Read(p.Block1), ChainConversions.Read(p.Block2),
                out var ancestor, out var block1, out var block2);
            ChainConversions.Write(ancestor, r.InitAncestor());
            ChainConversions.Write(block1, r.InitBlock1());
            ChainConversions.Write(block2, r.InitBlock2());
        });

    public override ValueTask GuessVerificationProgressAsync(CallContext<M.Chain.GuessVerificationProgressParams, M.Chain.GuessVerificationProgressResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.GuessVerificationProgress(W.ToHash(call.Params.BlockHash, "block hash"));
        });

    public override ValueTask HasBlocksAsync(CallContext<M.Chain.HasBlocksParams, M.Chain.HasBlocksResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var p = call.Params;
            var r = call.Results;
            r.Result = impl.HasBlocks(W.ToHash(p.BlockHash, "block hash"), p.MinHeight, p.HasMaxHeight ? p.MaxHeight : null);
        });

    public override ValueTask HavePrunedAsync(CallContext<M.Chain.HavePrunedParams, M.Chain.HavePrunedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HavePruned();
        });

    public override ValueTask GetPruneHeightAsync(CallContext<M.Chain.GetPruneHeightParams, M.Chain.GetPruneHeightResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            var height = impl.GetPruneHeight();
            r.Result = height ?? 0;
            r.HasResult = height.HasValue;
        });

    public override ValueTask IsReadyToBroadcastAsync(CallContext<M.Chain.IsReadyToBroadcastParams, M.Chain.IsReadyToBroadcastResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsReadyToBroadcast();
        });

    public override ValueTask IsInitialBlockDownloadAsync(CallContext<M.Chain.IsInitialBlockDownloadParams, M.Chain.IsInitialBlockDownloadResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.IsInitialBlockDownload();
        });

    public override ValueTask ShutdownRequestedAsync(CallContext<M.Chain.ShutdownRequestedParams, M.Chain.ShutdownRequestedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.ShutdownRequested();
        });

    public override ValueTask HasAssumedValidChainAsync(CallContext<M.Chain.HasAssumedValidChainParams, M.Chain.HasAssumedValidChainResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var r = call.Results;
            r.Result = impl.HasAssumedValidChain();
        });
}
