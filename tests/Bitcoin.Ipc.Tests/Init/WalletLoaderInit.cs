using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;

namespace Bitcoin.Ipc.Tests.Init;

/// <summary>
/// A wallet process's <see cref="IInit"/> in these tests: records the arguments and chain makeWalletLoader receives,
/// calls the chain once (to show the proxy reaches the caller) and hands out a <see cref="FakeWalletLoader"/>.
/// </summary>
internal sealed class WalletLoaderInit : IInit
{
    public FakeWalletLoader Loader { get; } = new();

    public GlobalArgs? ReceivedArgs { get; private set; }

    public int? ChainHeightSeen { get; private set; }

    public IChain? Chain { get; init; }

    public IChain? MakeChain() => Chain;

    public IWalletLoader? MakeWalletLoader(IChain chain, GlobalArgs globalArgs)
    {
        ReceivedArgs = globalArgs;
        ChainHeightSeen = chain.GetHeight();
        return Loader;
    }
}
