using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;

namespace Bitcoin.Node.Interfaces.Internal;

/// <summary>
/// A client's command in the node's RPC table (Core's RpcHandlerImpl): calls are forwarded to the client's actor;
/// a "wallet not found" (-18) answer from a handler that is not the last passes the call on to the next one, so
/// several wallet processes can serve the same method names. Disconnecting removes the command.
/// </summary>
internal sealed class RpcHandler : IHandler
{
    private readonly RpcCommandTable _table;
    private readonly RpcCommand _command;
    private volatile IRpcActorCallback? _actor;

    public RpcHandler(RpcCommandTable table, RpcCommandInfo info, object uniqueId)
    {
        _table = table;
        _actor = info.Actor;
        var argNames = info.ArgNames.Select(a => (a.Name, a.NamedOnly)).ToList();
        _command = new RpcCommand(info.Category, info.Name, argNames, Invoke, method: null, uniqueId: uniqueId);
        table.Register(_command);
    }

    private ValueTask<RpcActorResult> Invoke(RpcRequest request, bool lastHandler)
    {
        var actor = _actor;
        if (actor is null) return ValueTask.FromResult(RpcActorResult.PassOn);
        var info = new RpcRequestInfo
        {
            Id = request.Id,
            Method = request.Method,
            Params = request.Params as JsonArray ?? [],
            Mode = request.Mode,
            Uri = request.Uri,
            AuthUser = request.AuthUser,
            PeerAddress = request.PeerAddress,
            Version = request.Version,
        };
        try
        {
            bool handled = actor.Call(info, lastHandler, out var response);
            return ValueTask.FromResult(handled ? RpcActorResult.Done(response) : RpcActorResult.PassOn);
        }
        catch (RpcException e) when (!lastHandler && e.Code == (int)RpcErrorCode.WalletNotFound)
        {
            return ValueTask.FromResult(RpcActorResult.PassOn);
        }
    }

    public void Disconnect()
    {
        if (Interlocked.Exchange(ref _actor, null) is not null)
            _table.Remove(_command);
    }

    public void Dispose() => Disconnect();
}
