namespace Bitcoin.Interfaces;

/// <summary>
/// The first object one process offers another (Core's <c>interfaces::Init</c>): a factory for the interfaces that
/// process can serve. Each method returns null when the process does not provide that interface (bitcoin-cli serves
/// none; bitcoin-node serves echo, rpc and chain; a spawned bitcoin-wallet serves the wallet loader); the default
/// implementations say so, so an executable implements only what it has.
/// </summary>
public interface IInit
{
    /// <summary>A new <see cref="IEcho"/>, or null when not provided.</summary>
    IEcho? MakeEcho() => null;

    /// <summary>A new <see cref="IRpc"/> running requests in this process's node, or null when there is no node.</summary>
    IRpc? MakeRpc() => null;

    /// <summary>
    /// The node's <see cref="IChain"/> for a chain client in another process (a wallet attaching with
    /// <c>-ipcconnect</c>), or null when this process runs no node. Disposing the result (if disposable) releases it.
    /// </summary>
    IChain? MakeChain() => null;

    /// <summary>
    /// A wallet loader in this process working on the caller's <paramref name="chain"/> (Core's
    /// <c>makeWalletLoader</c>, which the node calls on the bitcoin-wallet process it spawned), with the caller's
    /// arguments <paramref name="globalArgs"/> taking the place of this process's own; null when this process has no
    /// wallet. The loader owns nothing of the chain: the caller keeps <paramref name="chain"/> alive as long as the
    /// loader.
    /// </summary>
    IWalletLoader? MakeWalletLoader(IChain chain, GlobalArgs globalArgs) => null;
}
