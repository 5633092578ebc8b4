using Bitcoin.Common.Args;
using Bitcoin.Interfaces;

namespace Bitcoin.Wallet.Interfaces;

/// <summary>Makes the wallet's interfaces (Core's <c>interfaces::MakeWalletLoader</c>).</summary>
public static class WalletInterfaces
{
    /// <summary>
    /// The wallet loader for a node reached through <paramref name="chain"/>, reading the wallet options from
    /// <paramref name="args"/>. The node registers it as a chain client and drives it through start-up and shutdown.
    /// </summary>
    public static IWalletLoader MakeWalletLoader(IChain chain, ArgsManager args) => new WalletLoaderImpl(chain, args);
}
