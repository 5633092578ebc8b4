using System.Text.Json.Nodes;
using Bitcoin.Common.Args;
using Bitcoin.Ipc;
using Capnp.Rpc;
using Multiprocess;
using Multiprocess.Addresses;

namespace Apps.bitcoin_cli;

/// <summary>
/// Runs a command over IPC instead of HTTP (Core's <c>CallIPC</c>): <c>-ipcconnect=auto</c> (the default) uses
/// bitcoin-node's <c>node.sock</c> when something listens there and HTTP otherwise; <c>unix</c>, <c>unix:&lt;path&gt;</c>
/// and <c>tcp:&lt;host&gt;:&lt;port&gt;</c> insist on IPC; <c>-noipcconnect</c> (or <c>0</c>) never tries it.
/// </summary>
internal static class IpcRpcCall
{
    /// <summary>The reply over IPC, or null when the command should go over HTTP.</summary>
    public static JsonObject? TryCall(ArgsManager args, IRequestHandler handler, string method, IReadOnlyList<string> callArgs,
        string endpoint, string user)
    {
        var ipcConnect = args.GetArg("-ipcconnect", "auto");
        if (ipcConnect == "0")
            return null;
        if (args.IsArgSet("-rpcconnect") && !args.IsArgNegated("-rpcconnect"))
        {
            if (ipcConnect == "auto")
                return null;
            throw new InvalidOperationException("-rpcconnect and -ipcconnect options cannot both be enabled");
        }

        IpcInitClient? init;
        try
        {
            var dataDir = args.GetDataDirNet();
            var auth = args.GetArg("-ipcauth", "");
            init = IpcInitClient.ConnectAsync(ipcConnect, dataDir,
                new IpcConnectOptions { DataDir = dataDir, AuthSecret = auth.Length == 0 ? null : auth },
                new IpcConnectionOptions { ExeName = "bitcoin-cli" }).GetAwaiter().GetResult();
        }
        catch (IpcAuthenticationException e)
        {
            // The node is there but refused us (or we refused it): the hint about starting it would mislead.
            throw new CliConnectionException(e.Message, e);
        }
        catch (Exception e) when (e is IpcAddressException or IpcConnectException or RpcException or IOException)
        {
            throw new CliConnectionException(
                $"{e.Message}\n\n" +
                "Probably bitcoin-node is not running or not listening on a unix socket. Can be started with:\n\n" +
                $"    bitcoin-node -chain={args.GetChainTypeString()} -ipcbind=unix", e);
        }
        if (init is null)
            return null;

        using (init)
        {
            using var rpc = init.MakeRpc() ?? throw new InvalidOperationException("The IPC server does not provide the Rpc interface.");
            var request = handler.PrepareRequest(method, callArgs);
            var reply = rpc.ExecuteRpc(request, endpoint, user)
                // The server answers null where HTTP has no body (a forbidden call); Core's client fails reading it.
                ?? throw new InvalidOperationException("JSON value of type null is not of expected type object");
            return handler.ProcessReply(reply);
        }
    }
}
