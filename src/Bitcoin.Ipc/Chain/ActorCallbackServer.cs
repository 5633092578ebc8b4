using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>Serves an <see cref="IRpcActorCallback"/> (the client's side of a command registered with handleRpc).</summary>
internal sealed class ActorCallbackServer(IpcServerObject<IRpcActorCallback> self) : M.ActorCallback.Server, IDisposable, ICapabilityServerFactory<M.ActorCallback.Client>
{
    private readonly ServerAdapter<IRpcActorCallback> _a = new(self);

    public M.ActorCallback.Client ToClient() => M.ActorCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask CallAsync(CallContext<M.ActorCallback.CallParams, M.ActorCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var request = ChainConversions.Read(call.Params.Request);
            var r = call.Results;
            // What the actor throws travels in the result fields Core's proxy rethrows from.
            try
            {
                r.Result = impl.Call(request, call.Params.LastCallback, out var response);
                r.SetResponse(JsonConversions.Write(response));
            }
            catch (RpcHelpResult help)
            {
                r.InitHelpResult().SetMessage(help.Message);
            }
            catch (RpcException e)
            {
                r.SetRpcError(RpcErrorConversions.WriteRpcError(e));
            }
            catch (JsonTypeException e)
            {
                r.SetTypeError(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                r.SetError(e.Message);
            }
        });
}
