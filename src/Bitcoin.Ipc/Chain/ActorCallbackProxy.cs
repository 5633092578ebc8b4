using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>The node's side of a command a client registered: calls the client's actor, and rethrows what it threw.</summary>
internal sealed class ActorCallbackProxy(IpcConnection connection, M.ActorCallback.Client client) : CapabilityProxy<M.ActorCallback.Client>(connection, client), IRpcActorCallback
{
    public bool Call(RpcRequestInfo request, bool lastCallback, out JsonNode? response)
    {
        var call = Client.CallRequest();
        var p = call.Params;
        ChainConversions.Write(request, p.InitRequest());
        p.SetResponse("null");
        p.LastCallback = lastCallback;
        using var reply = Call(call, q => q.InitContext());
        var r = reply.Results;
        if (r.HasHelpResult) throw new RpcHelpResult(r.HelpResult.Message);
        if (r.HasRpcError) throw RpcErrorConversions.ReadRpcError(r.RpcError);
        if (r.HasTypeError) throw RpcErrorConversions.ReadTypeError(r.TypeError);
        if (r.HasError) throw new RemoteCallException(r.Error);
        response = JsonConversions.Read(r.Response);
        return r.Result;
    }
}
