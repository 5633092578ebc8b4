namespace Bitcoin.Interfaces;

/// <summary>Told of every wallet loaded or created, at start-up, by RPC or through the loader (Core's <c>WalletLoader::LoadWalletFn</c>).</summary>
public interface ILoadWalletCallback
{
    /// <summary>A wallet was loaded.</summary>
    void Call(IWallet wallet);
}
