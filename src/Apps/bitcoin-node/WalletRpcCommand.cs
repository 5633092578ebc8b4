using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;

namespace Apps.bitcoin_node;

/// <summary>
/// One wallet command in the node's table: forwards calls to the actor of the wallet process now connected, or
/// answers that the wallet process is not there.
/// </summary>
internal sealed class WalletRpcCommand(string name, WalletRpcCommands owner) : IRpcActorCallback
{
    /// <summary>The error wallet RPCs answer while no wallet process is connected (with RPC_WALLET_NOT_FOUND, -18).</summary>
    public const string DisconnectedMessage =
        "Wallet process disconnected: the node is restarting it and reloading its wallets. Try again shortly.";

    private IRpcActorCallback? _actor;

    /// <summary>The node's registration of this command (removed at shutdown).</summary>
    public IHandler? Registration { get; set; }

    /// <summary>Makes <paramref name="actor"/> serve this command; the handler detaches it again.</summary>
    public IHandler Attach(IRpcActorCallback actor)
    {
        Volatile.Write(ref _actor, actor);
        return new Detacher(this, actor);
    }

    /// <inheritdoc/>
    public bool Call(RpcRequestInfo request, bool lastCallback, out JsonNode? response)
    {
        var actor = owner.Available ? Volatile.Read(ref _actor) : null;
        if (actor is null)
            throw Disconnected();
        bool handled;
        try
        {
            handled = actor.Call(request, lastCallback, out response);
        }
        catch (Capnp.Rpc.RpcException)
        {
            // The process went away during the call (or broke the protocol and was cut off).
            throw Disconnected();
        }

        if (handled && request.Mode == RpcRequestMode.Execute)
            owner.OnCompleted(name);
        return handled;
    }

    private static RpcException Disconnected() => new(RpcErrorCode.WalletNotFound, DisconnectedMessage);

    private sealed class Detacher(WalletRpcCommand command, IRpcActorCallback actor) : IHandler
    {
        private int _done;

        public void Disconnect()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                Interlocked.CompareExchange(ref command._actor, null, actor);
        }

        public void Dispose() => Disconnect();
    }
}
