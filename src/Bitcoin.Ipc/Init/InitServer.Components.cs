using Capnp;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

// The methods Core's multiprocess branch adds to Init (makeChain @5, makeNode @6, makeWalletLoader @7). IInit does not
// offer these interfaces yet, so they answer with a null capability, as Core's Init does for an interface the process
// does not provide. The engineer adding IChain/INode/IWalletLoader servers replaces these bodies.
internal sealed partial class InitServer
{
    /// <inheritdoc/>
    public override ValueTask MakeChainAsync(CallContext<Messages.Init.MakeChainParams, Messages.Init.MakeChainResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => { });

    /// <inheritdoc/>
    public override ValueTask MakeNodeAsync(CallContext<Messages.Init.MakeNodeParams, Messages.Init.MakeNodeResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => { });

    /// <inheritdoc/>
    public override ValueTask MakeWalletLoaderAsync(CallContext<Messages.Init.MakeWalletLoaderParams, Messages.Init.MakeWalletLoaderResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => { });
}
