using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Conversions;

/// <summary>The chain schema's structs: found-block requests and results, block infos, chainstate roles, RPC
/// requests and fee rate estimates.</summary>
internal static class ChainConversions
{
    // A chain of nextBlock requests longer than the chain's blocks makes no sense; this bounds what a peer can ask.
    private const int MaxNextBlockDepth = 64;

    public static void Write(FoundBlockRequest request, M.FoundBlockParam.Builder output)
    {
        output.WantHash = request.WantHash;
        output.WantHeight = request.WantHeight;
        output.WantTime = request.WantTime;
        output.WantMaxTime = request.WantMaxTime;
        output.WantMtpTime = request.WantMtpTime;
        output.WantInActiveChain = request.WantInActiveChain;
        output.WantLocator = request.WantLocator;
        output.WantData = request.WantData;
        if (request.NextBlock is { } next) Write(next, output.InitNextBlock());
    }

    public static FoundBlockRequest Read(M.FoundBlockParam input, int depth = 0)
    {
        if (depth > MaxNextBlockDepth) throw new IpcFormatException("A found-block request nests too deep.");
        return new FoundBlockRequest
        {
            WantHash = input.WantHash,
            WantHeight = input.WantHeight,
            WantTime = input.WantTime,
            WantMaxTime = input.WantMaxTime,
            WantMtpTime = input.WantMtpTime,
            WantInActiveChain = input.WantInActiveChain,
            WantLocator = input.WantLocator,
            WantData = input.WantData,
            NextBlock = input.HasNextBlock ? Read(input.NextBlock, depth + 1) : null,
        };
    }

    public static void Write(FoundBlockResult result, M.FoundBlockResult.Builder output)
    {
        if (result.Hash is { } hash) output.SetHash(hash.ToBytes());
        output.Height = result.Height;
        output.Time = result.Time;
        output.MaxTime = result.MaxTime;
        output.MtpTime = result.MtpTime;
        output.InActiveChain = result.InActiveChain;
        if (result.Locator is { } locator) output.SetLocator(WireSerialization.FromLocator(locator));
        if (result.NextBlock is { } next) Write(next, output.InitNextBlock());
        if (result.Data is { } block) output.SetData(WireSerialization.FromBlock(block));
        output.Found = result.Found;
    }

    public static FoundBlockResult Read(M.FoundBlockResult input, int depth = 0)
    {
        if (input.Struct.IsNull) return FoundBlockResult.NotFound;
        if (depth > MaxNextBlockDepth) throw new IpcFormatException("A found-block result nests too deep.");
        return new FoundBlockResult
        {
            Hash = input.HasHash ? WireSerialization.ToHash(input.Hash, "block hash") : null,
            Height = input.Height,
            Time = input.Time,
            MaxTime = input.MaxTime,
            MtpTime = input.MtpTime,
            InActiveChain = input.InActiveChain,
            Locator = input.HasLocator ? WireSerialization.ToLocator(input.Locator) : null,
            NextBlock = input.HasNextBlock ? Read(input.NextBlock, depth + 1) : null,
            Data = input.HasData ? WireSerialization.ToBlock(input.Data) : null,
            Found = input.Found,
        };
    }

    public static void Write(BlockInfo block, M.BlockInfo.Builder output)
    {
        output.SetHash(block.Hash.ToBytes());
        if (block.PrevHash is { } prev) output.SetPrevHash(prev.ToBytes());
        output.Height = block.Height;
        output.FileNumber = block.FileNumber;
        output.DataPos = block.DataPos;
        if (block.Data is { } data) output.SetData(WireSerialization.FromBlock(data));
        if (block.UndoData is { } undo) output.SetUndoData(undo);
        output.ChainTimeMax = block.ChainTimeMax;
    }

    public static BlockInfo Read(M.BlockInfo input) =>
        new(WireSerialization.ToHash(input.Hash, "block hash"))
        {
            PrevHash = input.HasPrevHash ? WireSerialization.ToHash(input.PrevHash, "previous block hash") : null,
            Height = input.Height,
            FileNumber = input.FileNumber,
            DataPos = input.DataPos,
            Data = input.HasData ? WireSerialization.ToBlock(input.Data) : null,
            UndoData = input.HasUndoData ? input.UndoData.ToArray() : null,
            ChainTimeMax = input.ChainTimeMax,
        };

    public static void Write(ChainstateRole role, M.ChainstateRole.Builder output)
    {
        output.Validated = role.Validated;
        output.Historical = role.Historical;
    }

    public static ChainstateRole Read(M.ChainstateRole input) =>
        input.Validated && !input.Historical ? ChainstateRole.Normal : new ChainstateRole(input.Validated, input.Historical);

    public static void Write(RpcRequestInfo request, M.JSONRPCRequest.Builder output)
    {
        output.SetId(JsonConversions.Write(request.Id));
        output.SetMethod(request.Method);
        output.SetParams(JsonConversions.Write(request.Params));
        output.Mode = (int)request.Mode;
        output.SetUri(request.Uri);
        output.SetAuthUser(request.AuthUser);
        output.SetPeerAddr(request.PeerAddress);
        output.Version = (int)request.Version;
    }

    public static RpcRequestInfo Read(M.JSONRPCRequest input)
    {
        var parameters = JsonConversions.Read(input.Params);
        return new RpcRequestInfo
        {
            Id = JsonConversions.Read(input.Id),
            Method = input.Method,
            // Core sends positional parameters; a null (unset) list is an empty one.
            Params = parameters switch
            {
                null => [],
                JsonArray array => array,
                _ => throw new IpcFormatException("A forwarded RPC request's parameters must be a JSON array."),
            },
            Mode = CommonConversions.ToEnum<RpcRequestMode>(input.Mode, "RPC request mode"),
            Uri = input.Uri,
            AuthUser = input.AuthUser,
            PeerAddress = input.PeerAddr,
            Version = CommonConversions.ToEnum<JsonRpcVersion>(input.Version, "JSON-RPC version"),
        };
    }

    public static void Write(FeeRateEstimate estimate, M.FeeRateEstimation.Builder output)
    {
        output.Estimator = (int)estimate.Estimator;
        output.Fee = estimate.Fee.Satoshi;
        output.VirtualSize = estimate.VirtualSize;
        output.ReturnedTarget = estimate.ReturnedTarget;
    }

    public static FeeRateEstimate Read(M.FeeRateEstimation input, string? error) =>
        new(CommonConversions.ToEnum<FeeRateEstimatorType>(input.Estimator, "fee rate estimator"), NBitcoin.Money.Satoshis(input.Fee),
            input.VirtualSize, input.ReturnedTarget, error);
}
