using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet;
using Bitcoin.Wallet.Rpc;

namespace Wallet.Bench;

/// <summary>
/// Calls wallet RPC commands as the node's RPC server does (the command behind /wallet/&lt;name&gt; with the wallet
/// context attached), without HTTP: what the benchmarks time is the wallet's own work and its JSON.
/// </summary>
internal sealed class WalletRpc
{
    private readonly Dictionary<string, RpcMethod> _methods;
    private readonly WalletContext _context;
    private readonly string _uri;

    public WalletRpc(WalletContext context, string walletName)
    {
        _context = context;
        _uri = "/wallet/" + Uri.EscapeDataString(walletName);
        _methods = WalletRpcCommands.GetCommands().ToDictionary(c => c.Method.Name, c => c.Method);
    }

    /// <summary>Runs <paramref name="method"/> with positional <paramref name="parameters"/>; RPC errors throw.</summary>
    public JsonNode? Call(string method, params JsonNode?[] parameters)
    {
        var request = new RpcRequest { Method = method, Params = new JsonArray(parameters), Uri = _uri, Context = _context };
        return _methods[method].HandleRequestAsync(request).AsTask().GetAwaiter().GetResult();
    }
}
