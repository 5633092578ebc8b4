using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;

namespace Bitcoin.Wallet.Rpc;

/// <summary>
/// Runs one wallet command for the node (Core's actor lambda in WalletLoaderImpl::registerRpcs): rebuilds the
/// request with the wallet context attached and calls the command. Across processes the node calls it through IPC.
/// </summary>
internal sealed class WalletRpcActor(WalletContext context, RpcMethod method) : IRpcActorCallback
{
    /// <inheritdoc/>
    public bool Call(RpcRequestInfo request, bool lastCallback, out JsonNode? response)
    {
        ArgumentNullException.ThrowIfNull(request);
        var walletRequest = new RpcRequest
        {
            Id = request.Id,
            HasId = true,
            Method = request.Method,
            Params = request.Params,
            Mode = request.Mode,
            Uri = request.Uri,
            AuthUser = request.AuthUser,
            PeerAddress = request.PeerAddress,
            Version = request.Version,
            Context = context,
        };
        response = method.HandleRequestAsync(walletRequest).AsTask().GetAwaiter().GetResult();
        return true;
    }
}
