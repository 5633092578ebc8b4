using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The RPC command table of a wallet process that serves RPC itself (<c>-server</c>): the control commands (help, stop,
/// uptime, ...) plus the wallet commands the loader registers through <see cref="IChain.HandleRpc"/>, called in this
/// process without crossing IPC.
/// </summary>
internal sealed class LocalRpcTable(RpcCommandTable table)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, object> _uniqueIds = [];

    /// <summary>The table the HTTP server answers from.</summary>
    public RpcCommandTable Table => table;

    /// <summary>Adds <paramref name="info"/> to the table; the handler removes it again.</summary>
    public IHandler Register(RpcCommandInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        // Commands with the same id object are aliases to the table (help lists them once).
        object id;
        lock (_lock)
        {
            if (!_uniqueIds.TryGetValue(info.UniqueId, out id!))
                _uniqueIds[info.UniqueId] = id = new object();
        }

        var actor = info.Actor;
        var argNames = info.ArgNames.Select(a => (a.Name, a.NamedOnly)).ToList();
        var command = new RpcCommand(info.Category, info.Name, argNames, (request, last) => Invoke(actor, request, last), method: null, uniqueId: id);
        table.Register(command);
        return new Registration(table, command);
    }

    private static ValueTask<RpcActorResult> Invoke(IRpcActorCallback actor, RpcRequest request, bool lastHandler)
    {
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
        bool handled = actor.Call(info, lastHandler, out var response);
        return ValueTask.FromResult(handled ? RpcActorResult.Done(response) : RpcActorResult.PassOn);
    }

    private sealed class Registration(RpcCommandTable table, RpcCommand command) : IHandler
    {
        private int _done;

        public void Disconnect()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                table.Remove(command);
        }

        public void Dispose() => Disconnect();
    }
}
