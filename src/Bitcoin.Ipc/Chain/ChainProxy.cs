using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Handler;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;
using W = Bitcoin.Ipc.Conversions.WireSerialization;

namespace Bitcoin.Ipc.Chain;

/// <summary>An <see cref="IChain"/> of another process (the wallet's view of the node): every member is a call.</summary>
internal sealed partial class ChainProxy(IpcConnection connection, M.Chain.Client client) : CapabilityProxy<M.Chain.Client>(connection, client), IChain
{
    public int? GetHeight()
    {
        using var reply = Call(Client.GetHeightRequest(), p => p.InitContext());
        return reply.Results.HasResult ? reply.Results.Result : null;
    }

    public uint256 GetBlockHash(int height)
    {
        var call = Client.GetBlockHashRequest();
        var p = call.Params;
        p.Height = height;
        using var reply = Call(call, p => p.InitContext());
        return W.ToHash(reply.Results.Result, "block hash");
    }

    public bool HaveBlockOnDisk(int height)
    {
        var call = Client.HaveBlockOnDiskRequest();
        var p = call.Params;
        p.Height = height;
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public int? FindLocatorFork(BlockLocator locator)
    {
        var call = Client.FindLocatorForkRequest();
        call.Params.SetLocator(W.FromLocator(locator));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.HasResult ? reply.Results.Result : null;
    }

    public bool HasBlockFilterIndex(BlockFilterType filterType)
    {
        var call = Client.HasBlockFilterIndexRequest();
        var p = call.Params;
        p.FilterType = (byte)filterType;
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool? BlockFilterMatchesAny(BlockFilterType filterType, uint256 blockHash, IReadOnlyList<byte[]> filterSet)
    {
        var call = Client.BlockFilterMatchesAnyRequest();
        var p = call.Params;
        p.FilterType = (byte)filterType;
        p.SetBlockHash(W.FromHash(blockHash));
        var list = p.InitFilterSet(filterSet.Count);
        for (var i = 0; i < filterSet.Count; i++) list.Set(i, filterSet[i]);
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.HasResult ? reply.Results.Result : null;
    }

    public bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block)
    {
        var call = Client.FindBlockRequest();
        call.Params.SetHash(W.FromHash(hash));
        ChainConversions.Write(request, call.Params.InitBlock());
        using var reply = Call(call, p => p.InitContext());
        block = ChainConversions.Read(reply.Results.Block);
        return reply.Results.Result;
    }

    public bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block)
    {
        var call = Client.FindFirstBlockWithTimeAndHeightRequest();
        var p = call.Params;
        p.MinTime = minTime;
        p.MinHeight = minHeight;
        ChainConversions.Write(request, p.InitBlock());
        using var reply = Call(call, q => q.InitContext());
        block = ChainConversions.Read(reply.Results.Block);
        return reply.Results.Result;
    }

    public bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor)
    {
        var call = Client.FindAncestorByHeightRequest();
        var p = call.Params;
        p.SetBlockHash(W.FromHash(blockHash));
        p.AncestorHeight = ancestorHeight;
        ChainConversions.Write(request, p.InitAncestor());
        using var reply = Call(call, q => q.InitContext());
        ancestor = ChainConversions.Read(reply.Results.Ancestor);
        return reply.Results.Result;
    }

    public bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor)
    {
        var call = Client.FindAncestorByHashRequest();
        var p = call.Params;
        p.SetBlockHash(W.FromHash(blockHash));
        p.SetAncestorHash(W.FromHash(ancestorHash));
        ChainConversions.Write(request, p.InitAncestor());
        using var reply = Call(call, q => q.InitContext());
        ancestor = ChainConversions.Read(reply.Results.Ancestor);
        return reply.Results.Result;
    }

    public bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request,
        FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2)
    {
        var call = Client.FindCommonAncestorRequest();
        var p = call.Params;
        p.SetBlockHash1(W.FromHash(blockHash1));
        p.SetBlockHash2(W.FromHash(blockHash2));
        ChainConversions.Write(ancestorRequest, p.InitAncestor());
        ChainConversions.Write(block1Request, p.InitBlock1());
        ChainConversions.Write(block2Request, p.InitBlock2());
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        ancestor = ChainConversions.Read(r.Ancestor);
        block1 = ChainConversions.Read(r.Block1);
        block2 = ChainConversions.Read(r.Block2);
        return r.Result;
    }

    public double GuessVerificationProgress(uint256 blockHash)
    {
        var call = Client.GuessVerificationProgressRequest();
        call.Params.SetBlockHash(W.FromHash(blockHash));
        using var reply = Call(call, p => p.InitContext());
        return reply.Results.Result;
    }

    public bool HasBlocks(uint256 blockHash, int minHeight, int? maxHeight)
    {
        var call = Client.HasBlocksRequest();
        var p = call.Params;
        p.SetBlockHash(W.FromHash(blockHash));
        p.MinHeight = minHeight;
        p.MaxHeight = maxHeight ?? 0;
        p.HasMaxHeight = maxHeight.HasValue;
        using var reply = Call(call, q => q.InitContext());
        return reply.Results.Result;
    }

    public bool HavePruned() => Ask(Client.HavePrunedRequest(), p => p.InitContext(), r => r.Result);

    public int? GetPruneHeight()
    {
        using var reply = Call(Client.GetPruneHeightRequest(), p => p.InitContext());
        return reply.Results.HasResult ? reply.Results.Result : null;
    }

    public bool IsReadyToBroadcast() => Ask(Client.IsReadyToBroadcastRequest(), p => p.InitContext(), r => r.Result);

    public bool IsInitialBlockDownload() => Ask(Client.IsInitialBlockDownloadRequest(), p => p.InitContext(), r => r.Result);

    public bool ShutdownRequested() => Ask(Client.ShutdownRequestedRequest(), p => p.InitContext(), r => r.Result);

    public bool HasAssumedValidChain() => Ask(Client.HasAssumedValidChainRequest(), p => p.InitContext(), r => r.Result);

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }

    private T Ask<TParams, TResults, T>(global::Capnp.Request<TParams, TResults> request, Func<TParams, Multiprocess.Capnp.Context.Builder> context, Func<TResults, T> read)
        where TParams : struct, global::Capnp.IStructBuilder<TParams>
        where TResults : struct, global::Capnp.IStructReader<TResults>
    {
        using var reply = Call(request, context);
        return read(reply.Results);
    }
}
